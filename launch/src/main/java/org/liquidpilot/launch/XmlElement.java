package org.liquidpilot.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One element of a launch file with the place it came from, so every evaluation error can name file and line.
 *
 * @param tag      element name
 * @param attrs    attributes in document order
 * @param children child elements
 * @param text     concatenated character data (trimmed of nothing: YAML bodies need their indentation)
 * @param file     the launch file
 * @param line     line of the start tag
 */
public record XmlElement(String tag, Map<String, String> attrs, List<XmlElement> children, String text, Path file, int line) {
    public XmlElement {
        attrs = Map.copyOf(attrs);
        children = List.copyOf(children);
    }

    public String location() {
        return file + ":" + line;
    }

    public String attr(String name) {
        return attrs.get(name);
    }

    public boolean has(String name) {
        return attrs.containsKey(name);
    }
}
