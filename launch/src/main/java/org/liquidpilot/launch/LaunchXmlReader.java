package org.liquidpilot.launch;

import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a launch file into {@link XmlElement}s that remember their line. SAX rather than DOM because DOM forgets
 * where an element started; DTDs and external entities are refused so a launch file cannot read other files or
 * expand into gigabytes.
 */
public final class LaunchXmlReader {
    /** Launch files are hand-written; anything bigger is not one. */
    public static final long MAX_BYTES = 4L << 20;
    private static final int MAX_DEPTH = 64;

    private LaunchXmlReader() {}

    public static XmlElement read(Path file) {
        byte[] bytes;
        try {
            bytes = LaunchFiles.read(file, (int) MAX_BYTES);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(file + ": cannot be a launch file: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new LaunchException(file + ": no such launch file");
        } catch (IOException e) {
            throw new LaunchException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(bytes, file);
    }

    public static XmlElement parse(byte[] bytes, Path file) {
        if (bytes.length > MAX_BYTES) throw new LaunchException(file + ": too big for a launch file");
        Handler handler = new Handler(file);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.parse(new ByteArrayInputStream(bytes), handler);
        } catch (SAXParseException e) {
            int line = e.getLineNumber() > 0 ? e.getLineNumber() : 1;
            throw new LaunchException(file + ":" + line + ": bad XML: " + e.getMessage());
        } catch (SAXException e) {
            throw new LaunchException(file + ": bad XML: " + e.getMessage());
        } catch (IOException e) {
            throw new LaunchException(file + ": cannot read: " + e.getMessage(), e);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a feature we rely on", e);
        }
        if (handler.root == null) throw new LaunchException(file + ":1: no root element");
        return handler.root;
    }

    private static final class Builder {
        final String tag;
        final Map<String, String> attrs;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final int line;

        Builder(String tag, Map<String, String> attrs, int line) {
            this.tag = tag;
            this.attrs = attrs;
            this.line = line;
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Path file;
        private final Deque<Builder> open = new ArrayDeque<>();
        private Locator locator;
        XmlElement root;

        Handler(Path file) {
            this.file = file;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            int line = locator == null ? 0 : locator.getLineNumber();
            if (open.size() >= MAX_DEPTH) throw new SAXParseException("elements nested deeper than " + MAX_DEPTH, locator);
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) attrs.put(attributes.getQName(i), attributes.getValue(i));
            open.push(new Builder(qName, attrs, line));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) open.peek().text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Builder b = open.pop();
            XmlElement element = new XmlElement(b.tag, b.attrs, b.children, b.text.toString(), file, b.line);
            if (open.isEmpty()) root = element;
            else open.peek().children.add(element);
        }
    }
}
