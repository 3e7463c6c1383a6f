package org.liquidpilot.ros.xmlrpc;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, bounded parser for the XML-RPC subset ROS speaks. It reads only the elements XML-RPC defines (no DTDs,
 * no entities beyond the five predefined ones and character references), accepts both typed values and the
 * untyped {@code <value>text</value>} strings and {@code <i4>} integers that XmlRpc++ (roscpp) sends, and limits
 * input size, nesting depth and element count so hostile bytes cannot make it hang or allocate without bound.
 */
public final class XmlRpcParser {

    /** Largest document accepted (the master's getSystemState on a big graph stays far below). */
    public static final int MAX_DOCUMENT_BYTES = 32 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_ELEMENTS = 4_000_000;

    private final String text;
    private int pos;
    private int elements;

    private XmlRpcParser(String text) {
        this.text = text;
    }

    public static XmlRpcCall parseCall(byte[] xml) {
        XmlRpcParser p = new XmlRpcParser(decode(xml));
        p.prolog();
        p.open("methodCall");
        p.open("methodName");
        String method = p.text().trim();
        p.close("methodName");
        if (method.isEmpty() || method.length() > 256) throw new XmlRpcFormatException("bad methodName");
        List<Object> params = new ArrayList<>();
        if (p.peekOpen("params")) {
            p.open("params");
            while (p.peekOpen("param")) {
                p.open("param");
                params.add(p.value(0));
                p.close("param");
            }
            p.close("params");
        } else if (p.peekEmpty("params")) {
            p.open("params");
        }
        p.close("methodCall");
        p.end();
        return new XmlRpcCall(method, params);
    }

    /**
     * Parses a {@code <methodResponse>} and returns its single value.
     *
     * @throws XmlRpcFault when the response is a {@code <fault>}
     */
    public static Object parseResponse(byte[] xml) throws XmlRpcFault {
        XmlRpcParser p = new XmlRpcParser(decode(xml));
        p.prolog();
        p.open("methodResponse");
        if (p.peekOpen("fault")) {
            p.open("fault");
            Object fault = p.value(0);
            p.close("fault");
            p.close("methodResponse");
            p.end();
            int code = 0;
            String message = String.valueOf(fault);
            if (fault instanceof Map<?, ?> m) {
                if (m.get("faultCode") instanceof Integer c) code = c;
                if (m.get("faultString") != null) message = String.valueOf(m.get("faultString"));
            }
            throw new XmlRpcFault(code, message);
        }
        p.open("params");
        p.open("param");
        Object value = p.value(0);
        p.close("param");
        p.close("params");
        p.close("methodResponse");
        p.end();
        return value;
    }

    private static String decode(byte[] xml) {
        if (xml.length > MAX_DOCUMENT_BYTES) throw new XmlRpcFormatException("XML-RPC document over " + MAX_DOCUMENT_BYTES + " bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(xml)).toString();
        } catch (CharacterCodingException e) {
            throw new XmlRpcFormatException("XML-RPC document is not UTF-8");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0xFFFE || c == 0xFFFF) {
                throw new XmlRpcFormatException("not well-formed XML: U+" + String.format("%04X", (int) c)
                        + " at offset " + i + " is not an XML 1.0 character");
            }
        }
        return text;
    }

    /** Whether XML 1.0 can carry the code point at all (its {@code Char} production). */
    static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw new XmlRpcFormatException("XML-RPC values nested deeper than " + MAX_DEPTH);
        if (peekEmpty("value")) {
            open("value");
            return "";
        }
        open("value");
        String untyped = text();
        if (peekClose("value")) {
            close("value");
            return untyped; // XmlRpc++ sends strings without a type element
        }
        if (!untyped.isBlank()) throw error("text before a typed value");
        String type = peekName();
        Object v;
        switch (type) {
            case "string" -> v = scalar("string");
            case "i4", "int" -> v = parseInt(scalar(type).trim());
            case "i8" -> v = parseLong(scalar(type).trim());
            case "boolean" -> {
                String b = scalar("boolean").trim();
                if (b.equals("1")) v = Boolean.TRUE;
                else if (b.equals("0")) v = Boolean.FALSE;
                else throw error("boolean must be 0 or 1");
            }
            case "double" -> v = parseDouble(scalar("double").trim());
            case "dateTime.iso8601" -> v = scalar(type).trim();
            case "base64" -> {
                try {
                    v = Base64.getMimeDecoder().decode(scalar("base64").trim());
                } catch (IllegalArgumentException e) {
                    throw error("bad base64");
                }
            }
            case "nil" -> {
                if (!peekEmpty("nil")) {
                    open("nil");
                    close("nil");
                } else {
                    open("nil");
                }
                v = "";
            }
            case "array" -> v = array(depth);
            case "struct" -> v = struct(depth);
            default -> throw error("unknown value type <" + type + ">");
        }
        text(); // whitespace
        close("value");
        return v;
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        if (peekEmpty("array")) {
            open("array");
            return list;
        }
        open("array");
        if (peekEmpty("data")) {
            open("data");
        } else {
            open("data");
            while (peekOpen("value")) list.add(value(depth + 1));
            close("data");
        }
        close("array");
        return list;
    }

    private Map<String, Object> struct(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (peekEmpty("struct")) {
            open("struct");
            return map;
        }
        open("struct");
        while (peekOpen("member")) {
            open("member");
            String name;
            if (peekEmpty("name")) {
                open("name");
                name = "";
            } else {
                open("name");
                name = text();
                close("name");
            }
            map.put(name, value(depth + 1));
            close("member");
        }
        close("struct");
        return map;
    }

    private String scalar(String type) {
        if (peekEmpty(type)) {
            open(type);
            return "";
        }
        open(type);
        String s = text();
        close(type);
        return s;
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.valueOf(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new XmlRpcFormatException("bad int [" + abbreviate(s) + "]");
        }
    }

    private static Object parseLong(String s) {
        try {
            long l = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return l == (int) l ? Integer.valueOf((int) l) : (Object) Long.valueOf(l);
        } catch (NumberFormatException e) {
            throw new XmlRpcFormatException("bad i8 [" + abbreviate(s) + "]");
        }
    }

    private static Double parseDouble(String s) {
        if (s.isEmpty() || s.length() > 64) throw new XmlRpcFormatException("bad double [" + abbreviate(s) + "]");
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            throw new XmlRpcFormatException("bad double [" + abbreviate(s) + "]");
        }
    }

    // ---- a tiny pull tokenizer over the document text ----

    private void prolog() {
        skipMisc();
        if (text.startsWith("<?xml", pos)) {
            int end = text.indexOf("?>", pos);
            if (end < 0) throw error("unterminated XML declaration");
            pos = end + 2;
        }
        skipMisc();
    }

    private void end() {
        skipMisc();
        if (pos != text.length()) throw error("content after the document element");
    }

    /** Skips whitespace and comments between elements. */
    private void skipMisc() {
        while (true) {
            while (pos < text.length() && isSpace(text.charAt(pos))) pos++;
            if (text.startsWith("<!--", pos)) {
                int end = text.indexOf("-->", pos + 4);
                if (end < 0) throw error("unterminated comment");
                pos = end + 3;
            } else {
                return;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** Reads character data up to the next tag, decoding entities; comments inside text are dropped. */
    private String text() {
        StringBuilder sb = null;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '<') {
                if (text.startsWith("<!--", pos)) {
                    if (sb == null) sb = new StringBuilder(text.substring(start, pos));
                    int end = text.indexOf("-->", pos + 4);
                    if (end < 0) throw error("unterminated comment");
                    pos = end + 3;
                    continue;
                }
                if (text.startsWith("<![CDATA[", pos)) {
                    if (sb == null) sb = new StringBuilder(text.substring(start, pos));
                    int end = text.indexOf("]]>", pos + 9);
                    if (end < 0) throw error("unterminated CDATA");
                    sb.append(text, pos + 9, end);
                    pos = end + 3;
                    continue;
                }
                break;
            }
            if (c == '&') {
                if (sb == null) sb = new StringBuilder(text.substring(start, pos));
                int semi = text.indexOf(';', pos);
                if (semi < 0 || semi - pos > 12) throw error("bad entity reference");
                String ent = text.substring(pos + 1, semi);
                switch (ent) {
                    case "lt" -> sb.append('<');
                    case "gt" -> sb.append('>');
                    case "amp" -> sb.append('&');
                    case "quot" -> sb.append('"');
                    case "apos" -> sb.append('\'');
                    default -> {
                        if (!ent.startsWith("#") || ent.length() < 2) throw error("unknown entity &" + ent + ";");
                        int cp;
                        try {
                            cp = ent.charAt(1) == 'x' ? Integer.parseInt(ent.substring(2), 16) : Integer.parseInt(ent.substring(1));
                        } catch (NumberFormatException e) {
                            throw error("bad character reference");
                        }
                        // as expat: "reference to invalid character number" (a string with U+0000 would make every
                        // later answer carrying it unreadable to Python clients)
                        if (!isXmlChar(cp)) throw error("reference to invalid character number &" + ent + ";");
                        sb.appendCodePoint(cp);
                    }
                }
                pos = semi + 1;
                continue;
            }
            if (sb != null) sb.append(c);
            pos++;
        }
        if (pos >= text.length()) throw error("document ends inside text");
        return sb == null ? text.substring(start, pos) : sb.toString();
    }

    /** The name of the start tag that comes next, after whitespace. */
    private String peekName() {
        skipMisc();
        if (pos >= text.length() || text.charAt(pos) != '<' || pos + 1 >= text.length() || text.charAt(pos + 1) == '/') {
            throw error("expected a start tag");
        }
        int i = pos + 1;
        while (i < text.length() && isNameChar(text.charAt(i))) i++;
        if (i == pos + 1) throw error("expected a tag name");
        return text.substring(pos + 1, i);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == ':';
    }

    private boolean peekOpen(String name) {
        skipMisc();
        return tagAt(pos, name, false) && !selfClosing(name);
    }

    private boolean peekEmpty(String name) {
        skipMisc();
        return tagAt(pos, name, false) && selfClosing(name);
    }

    private boolean peekClose(String name) {
        return tagAt(pos, name, true);
    }

    private boolean tagAt(int at, String name, boolean closing) {
        String prefix = closing ? "</" : "<";
        if (!text.startsWith(prefix, at) || !text.startsWith(name, at + prefix.length())) return false;
        int after = at + prefix.length() + name.length();
        if (after >= text.length()) return false;
        char c = text.charAt(after);
        return c == '>' || c == '/' || isSpace(c);
    }

    private boolean selfClosing(String name) {
        int end = text.indexOf('>', pos);
        return end > 0 && text.charAt(end - 1) == '/';
    }

    /** Consumes {@code <name ...>} or {@code <name/>}; attributes are not part of XML-RPC and are rejected. */
    private void open(String name) {
        skipMisc();
        if (!tagAt(pos, name, false)) throw error("expected <" + name + ">");
        if (++elements > MAX_ELEMENTS) throw new XmlRpcFormatException("too many XML elements");
        int i = pos + 1 + name.length();
        while (i < text.length() && isSpace(text.charAt(i))) i++;
        if (text.startsWith("/>", i)) {
            pos = i + 2;
        } else if (i < text.length() && text.charAt(i) == '>') {
            pos = i + 1;
        } else {
            throw error("unexpected attribute or junk in <" + name + ">");
        }
    }

    private void close(String name) {
        skipMisc();
        if (!tagAt(pos, name, true)) throw error("expected </" + name + ">");
        int i = pos + 2 + name.length();
        while (i < text.length() && isSpace(text.charAt(i))) i++;
        if (i >= text.length() || text.charAt(i) != '>') throw error("bad end tag </" + name + ">");
        pos = i + 1;
    }

    private XmlRpcFormatException error(String what) {
        int from = Math.max(0, pos - 20);
        int to = Math.min(text.length(), pos + 20);
        return new XmlRpcFormatException("malformed XML-RPC at offset " + pos + ": " + what + " near ["
                + abbreviate(text.substring(from, to)) + "]");
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
