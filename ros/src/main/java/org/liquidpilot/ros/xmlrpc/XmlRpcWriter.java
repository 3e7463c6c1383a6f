package org.liquidpilot.ros.xmlrpc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes XML-RPC calls and responses with explicit types, as rospy does. */
public final class XmlRpcWriter {
    private XmlRpcWriter() {}

    public static byte[] call(String method, List<?> params) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodCall>\n<methodName>");
        escape(sb, method);
        sb.append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            value(sb, p, 0);
            sb.append("</param>\n");
        }
        sb.append("</params>\n</methodCall>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] response(Object value) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        value(sb, value, 0);
        sb.append("</param>\n</params>\n</methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] fault(int code, String message) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
        value(sb, Map.of("faultCode", code, "faultString", message == null ? "" : message), 0);
        sb.append("</fault>\n</methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (depth > XmlRpcParser.MAX_DEPTH) throw new IllegalArgumentException("XML-RPC value nested too deep");
        if (v instanceof Object[] a) v = java.util.Arrays.asList(a);
        sb.append("<value>");
        if (v == null) {
            sb.append("<string></string>");
        } else if (v instanceof String s) {
            sb.append("<string>");
            escape(sb, s);
            sb.append("</string>");
        } else if (v instanceof Boolean b) {
            sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append("<int>").append(((Number) v).intValue()).append("</int>");
        } else if (v instanceof Long l) {
            if (l == l.intValue()) sb.append("<int>").append(l).append("</int>");
            else sb.append("<i8>").append(l).append("</i8>");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append("<double>").append(Double.isFinite(d) ? Double.toString(d) : (Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf"))
                    .append("</double>");
        } else if (v instanceof byte[] bytes) {
            sb.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (v instanceof Map<?, ?> m) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("<member><name>");
                escape(sb, String.valueOf(e.getKey()));
                sb.append("</name>");
                value(sb, e.getValue(), depth + 1);
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else if (v instanceof Collection<?> c) {
            sb.append("<array><data>");
            for (Object o : c) value(sb, o, depth + 1);
            sb.append("</data></array>");
        } else {
            throw new IllegalArgumentException("no XML-RPC type for " + v.getClass().getName());
        }
        sb.append("</value>\n");
    }

    /**
     * Escapes markup. Characters XML 1.0 cannot carry (controls other than tab, newline and carriage return,
     * U+FFFE, U+FFFF, unpaired surrogates) are refused: written raw or as a character reference they make the
     * document unreadable to every XML parser (rospy's expat faults), so a string holding one could not be read
     * back by anyone.
     *
     * @throws IllegalArgumentException for such a character
     */
    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\r' -> sb.append("&#13;");
                case '\t', '\n' -> sb.append(c);
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) throw unencodable(s, i, c);
                    if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) throw unencodable(s, i, c);
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw unencodable(s, i, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static IllegalArgumentException unencodable(String s, int i, char c) {
        String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return new XmlRpcFormatException("XML 1.0 cannot carry U+" + String.format("%04X", (int) c) + " (at index " + i
                + " of [" + shown.replaceAll("\\p{Cntrl}|[\\uD800-\\uDFFF\\uFFFE\\uFFFF]", "?") + "]); XML-RPC strings must be XML characters");
    }
}
