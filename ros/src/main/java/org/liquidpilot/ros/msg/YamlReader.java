package org.liquidpilot.ros.msg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The YAML subset {@code rostopic pub} arguments and {@code rostopic echo} output use: flow collections
 * ({@code {a: 1, b: [1, 2]}}), block mappings and sequences by indentation, plain, single- and double-quoted
 * scalars, {@code #} comments. Scalars stay text until the message field they fill says what they mean.
 * Input size and nesting depth are bounded.
 */
final class YamlReader {
    static final int MAX_TEXT = 1 << 20;
    static final int MAX_DEPTH = 64;

    sealed interface Node permits Scalar, Seq, MapNode {
    }

    record Scalar(String text, boolean quoted) implements Node {
    }

    record Seq(List<Node> items) implements Node {
    }

    record MapNode(Map<String, Node> entries) implements Node {
    }

    private final String s;
    private int pos;

    private YamlReader(String s) {
        this.s = s;
    }

    static Node read(String text) {
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("YAML text longer than " + MAX_TEXT + " characters");
        }
        String t = text.replace("\r\n", "\n").replace('\t', ' ');
        YamlReader r = new YamlReader(t);
        r.skipBlankAndComments();
        if (r.pos >= t.length()) {
            return new Scalar("", false);
        }
        char c = t.charAt(r.pos);
        if (c == '{' || c == '[' || c == '"' || c == '\'' || !r.looksLikeBlock()) {
            Node n = r.flowValue(0, false);
            r.skipBlankAndComments();
            if (r.pos < t.length()) {
                throw r.error("unexpected text after the value");
            }
            return n;
        }
        List<Line> lines = Line.split(t);
        int[] index = {0};
        Node n = block(lines, index, lines.get(0).indent, 0);
        if (index[0] < lines.size()) {
            throw new IllegalArgumentException("YAML line " + lines.get(index[0]).number + ": bad indentation");
        }
        return n;
    }

    /** Block style when the first line is a {@code key:} pair or a {@code - } item. */
    private boolean looksLikeBlock() {
        int eol = s.indexOf('\n', pos);
        String first = s.substring(pos, eol < 0 ? s.length() : eol);
        return first.startsWith("- ") || first.equals("-") || keySeparator(first) > 0;
    }

    // ------------------------------------------------------------------ block style

    private record Line(int number, int indent, String content) {
        static List<Line> split(String text) {
            List<Line> out = new ArrayList<>();
            String[] raw = text.split("\n", -1);
            for (int i = 0; i < raw.length; i++) {
                int number = i + 1;
                // a quoted scalar may continue on following lines (PyYAML folds long strings and line breaks); each
                // line is scanned once, so an unterminated quote over many lines stays linear
                StringBuilder joined = new StringBuilder(raw[i]);
                QuoteScan quotes = new QuoteScan();
                while (quotes.continuesPast(joined) && i + 1 < raw.length) {
                    joined.append('\n').append(raw[++i]);
                }
                String l = stripComment(joined.toString());
                if (l.isBlank()) {
                    continue;
                }
                int indent = 0;
                while (l.charAt(indent) == ' ') {
                    indent++;
                }
                out.add(new Line(number, indent, l.substring(indent).stripTrailing()));
            }
            return out;
        }
    }

    /**
     * The quote and flow-collection state of a logical line, scanned left to right once as lines are joined to it.
     * A quote opens a quoted scalar only where a value starts: first on the line, after a sequence dash or a key's
     * {@code ": "}, or inside a flow collection after {@code [ { ,} or a JSON-style {@code :}. Anywhere else it is an
     * ordinary character of a plain scalar ({@code ukB:"3}, {@code Gb{'}, {@code it's}), and treating it as an opening
     * quote would fold the next line into this one. A flow collection is one whose {@code [} or {@code {} stands where
     * a value starts (not inside a plain scalar such as {@code Gb{x}).
     */
    private static final class QuoteScan {
        private boolean open;
        private char single;
        private int flowDepth;
        private int scanned;

        /** Scans what was appended since the last call; whether a quoted scalar is still open at the end. */
        boolean continuesPast(CharSequence line) {
            int n = line.length();
            for (int i = scanned; i < n; i++) {
                char c = line.charAt(i);
                if (single != 0) {
                    if (c == '\'' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        i++; // '' is a quote inside a single-quoted scalar, not its end
                    } else if (c == '\'') {
                        single = 0;
                    }
                } else if (open) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        open = false;
                    }
                } else if ((c == '"' || c == '\'') && quoteCanOpen(line, i)) {
                    if (c == '"') {
                        open = true;
                    } else {
                        single = c;
                    }
                } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                    scanned = n;
                    return false;
                } else if ((c == '[' || c == '{') && (flowDepth > 0 || valueStart(line, i))) {
                    flowDepth++;
                } else if ((c == ']' || c == '}') && flowDepth > 0) {
                    flowDepth--;
                }
            }
            scanned = n + 1; // the line break the caller appends next
            return open || single != 0;
        }

        private boolean quoteCanOpen(CharSequence line, int i) {
            if (valueStart(line, i)) {
                return true;
            }
            int j = previousNonSpace(line, i);
            return j >= 0 && "[{,:".indexOf(line.charAt(j)) >= 0 && flowDepth > 0;
        }
    }

    /** Whether a value starts at {@code k}: first on the line, or after a sequence dash or a key's {@code ": "}. */
    private static boolean valueStart(CharSequence line, int k) {
        int j = previousNonSpace(line, k);
        if (j < 0) {
            return true;
        }
        char prev = line.charAt(j);
        boolean spaced = j + 1 < k;
        return (prev == '-' && spaced && onlyDashesAndSpaces(line, j)) || (prev == ':' && spaced);
    }

    private static int previousNonSpace(CharSequence line, int k) {
        int j = k - 1;
        while (j >= 0 && line.charAt(j) == ' ') {
            j--;
        }
        return j;
    }

    private static boolean onlyDashesAndSpaces(CharSequence line, int end) {
        for (int k = 0; k < end; k++) {
            if (line.charAt(k) != ' ' && line.charAt(k) != '-') {
                return false;
            }
        }
        return true;
    }

    private static Node block(List<Line> lines, int[] index, int indent, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("YAML nested deeper than " + MAX_DEPTH);
        }
        Line first = lines.get(index[0]);
        if (first.content.equals("-") || first.content.startsWith("- ")) {
            List<Node> items = new ArrayList<>();
            while (index[0] < lines.size() && lines.get(index[0]).indent == indent
                    && (lines.get(index[0]).content.equals("-") || lines.get(index[0]).content.startsWith("- "))) {
                Line l = lines.get(index[0]);
                String rest = l.content.substring(1).strip();
                if (rest.isEmpty()) {
                    index[0]++;
                    items.add(nestedOrEmpty(lines, index, indent, depth));
                } else if (keySeparator(rest) > 0 && rest.charAt(0) != '{' && rest.charAt(0) != '[') {
                    // "- key: value" opens a mapping whose keys sit two columns right of the dash
                    int inner = indent + (l.content.length() - rest.length());
                    lines.set(index[0], new Line(l.number, inner, rest));
                    items.add(block(lines, index, inner, depth + 1));
                } else {
                    index[0]++;
                    items.add(plainContinuation(inlineValue(rest, l.number, depth), lines, index, indent));
                }
            }
            return new Seq(items);
        }
        Map<String, Node> map = new LinkedHashMap<>();
        while (index[0] < lines.size() && lines.get(index[0]).indent == indent) {
            Line l = lines.get(index[0]);
            int sep = keySeparator(l.content);
            if (sep <= 0) {
                throw new IllegalArgumentException("YAML line " + l.number + ": expected 'key: value'");
            }
            String key = unquoteKey(l.content.substring(0, sep).strip(), l.number);
            String rest = l.content.substring(sep + 1).strip();
            index[0]++;
            Node value;
            if (rest.isEmpty()) {
                value = nestedOrEmpty(lines, index, indent, depth);
            } else {
                value = plainContinuation(inlineValue(rest, l.number, depth), lines, index, indent);
            }
            if (map.put(key, value) != null) {
                throw new IllegalArgumentException("YAML line " + l.number + ": duplicate key '" + key + "'");
            }
        }
        return new MapNode(map);
    }

    /** The block under a {@code key:} or {@code -} line; a sequence may sit at the key's own indentation. */
    private static Node nestedOrEmpty(List<Line> lines, int[] index, int indent, int depth) {
        if (index[0] < lines.size()) {
            Line next = lines.get(index[0]);
            boolean dash = next.content.equals("-") || next.content.startsWith("- ");
            if (next.indent > indent || (next.indent == indent && dash && !isInSequence(lines, index[0], indent))) {
                return block(lines, index, next.indent, depth + 1);
            }
        }
        return new Scalar("", false);
    }

    private static boolean isInSequence(List<Line> lines, int at, int indent) {
        // a dash at the same indentation continues the enclosing sequence when the line before it was an item
        for (int i = at - 1; i >= 0; i--) {
            Line l = lines.get(i);
            if (l.indent == indent) {
                return l.content.equals("-") || l.content.startsWith("- ");
            }
            if (l.indent < indent) {
                return false;
            }
        }
        return false;
    }

    /** A plain scalar folded over more-indented lines continues there (one space per line break). */
    private static Node plainContinuation(Node value, List<Line> lines, int[] index, int indent) {
        if (!(value instanceof Scalar sc) || sc.quoted()) {
            return value;
        }
        StringBuilder text = new StringBuilder(sc.text());
        while (index[0] < lines.size() && lines.get(index[0]).indent > indent) {
            text.append(' ').append(lines.get(index[0]).content.strip());
            index[0]++;
        }
        return new Scalar(text.toString(), false);
    }

    private static Node inlineValue(String text, int lineNo, int depth) {
        YamlReader r = new YamlReader(text);
        try {
            Node n = r.flowValue(depth + 1, false);
            r.skipSpaces();
            if (r.pos < text.length()) {
                throw r.error("unexpected text after the value");
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("YAML line " + lineNo + ": " + e.getMessage());
        }
    }

    private static String unquoteKey(String key, int lineNo) {
        if (key.length() >= 2 && (key.charAt(0) == '"' || key.charAt(0) == '\'')) {
            Node n = inlineValue(key, lineNo, 0);
            return ((Scalar) n).text;
        }
        return key;
    }

    /** Index of the ':' ending a key (followed by a space or the end), outside quotes; -1 if none. */
    private static int keySeparator(String line) {
        char q = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q != 0) {
                if (q == '"' && c == '\\') {
                    i++; // an escaped character, \" included
                } else if (q == '\'' && c == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i++; // '' is a quote inside a single-quoted scalar
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                if (i == 0) {
                    q = c;
                }
            } else if (c == '{' || c == '[') {
                return -1;
            } else if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String stripComment(String line) {
        char q = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q != 0) {
                if (c == '\\' && q == '"') {
                    i++;
                } else if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    // ------------------------------------------------------------------ flow style

    private Node flowValue(int depth, boolean inFlow) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        skipBlankAndComments();
        if (pos >= s.length()) {
            return new Scalar("", false);
        }
        char c = s.charAt(pos);
        if (c == '{') {
            pos++;
            Map<String, Node> map = new LinkedHashMap<>();
            skipBlankAndComments();
            if (peek() == '}') {
                pos++;
                return new MapNode(map);
            }
            while (true) {
                Node keyNode = flowValue(depth + 1, true);
                if (!(keyNode instanceof Scalar key)) {
                    throw error("mapping keys must be scalars");
                }
                skipBlankAndComments();
                Node value;
                if (peek() == ':') {
                    pos++;
                    skipBlankAndComments();
                    value = (peek() == ',' || peek() == '}') ? new Scalar("", false) : flowValue(depth + 1, true);
                } else {
                    value = new Scalar("", false);
                }
                if (map.put(key.text, value) != null) {
                    throw error("duplicate key '" + MsgParser.shorten(key.text) + "'");
                }
                skipBlankAndComments();
                char d = next();
                if (d == '}') {
                    return new MapNode(map);
                }
                if (d != ',') {
                    throw error("expected ',' or '}' in a mapping");
                }
                skipBlankAndComments();
                if (peek() == '}') {
                    pos++;
                    return new MapNode(map);
                }
            }
        }
        if (c == '[') {
            pos++;
            List<Node> items = new ArrayList<>();
            skipBlankAndComments();
            if (peek() == ']') {
                pos++;
                return new Seq(items);
            }
            while (true) {
                items.add(flowValue(depth + 1, true));
                skipBlankAndComments();
                char d = next();
                if (d == ']') {
                    return new Seq(items);
                }
                if (d != ',') {
                    throw error("expected ',' or ']' in a sequence");
                }
                skipBlankAndComments();
                if (peek() == ']') {
                    pos++;
                    return new Seq(items);
                }
            }
        }
        if (c == '"') {
            return new Scalar(doubleQuoted(), true);
        }
        if (c == '\'') {
            return new Scalar(singleQuoted(), true);
        }
        int start = pos;
        while (pos < s.length()) {
            char d = s.charAt(pos);
            if (d == '\n' || (inFlow && (d == ',' || d == ']' || d == '}'))) {
                break;
            }
            if (d == ':' && (pos + 1 == s.length() || " ,]}\n".indexOf(s.charAt(pos + 1)) >= 0) && inFlow) {
                break;
            }
            if (d == '#' && pos > start && s.charAt(pos - 1) == ' ') {
                break;
            }
            pos++;
        }
        return new Scalar(s.substring(start, pos).strip(), false);
    }

    private String doubleQuoted() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated double-quoted string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                foldLineBreak(b);
                continue;
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '0' -> b.append('\0');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'v' -> b.append('\u000B');
                case 'f' -> b.append('\f');
                case 'r' -> b.append('\r');
                case 'e' -> b.append('\u001B');
                case ' ', '"', '/', '\\' -> b.append(e);
                case 'N' -> b.append('\u0085');
                case '_' -> b.append('\u00A0');
                case 'L' -> b.append('\u2028');
                case 'P' -> b.append('\u2029');
                case 'x' -> b.appendCodePoint(hexEscape(2));
                case 'u' -> b.appendCodePoint(hexEscape(4));
                case 'U' -> b.appendCodePoint(hexEscape(8));
                case '\n' -> {
                    while (pos < s.length() && s.charAt(pos) == ' ') {
                        pos++;
                    }
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private int hexEscape(int digits) {
        if (pos + digits > s.length()) {
            throw error("short \\x/\\u escape");
        }
        try {
            long cp = Long.parseLong(s.substring(pos, pos + digits), 16);
            pos += digits;
            if (cp > Character.MAX_CODE_POINT) {
                throw error("escape beyond Unicode");
            }
            return (int) cp;
        } catch (NumberFormatException e) {
            throw error("bad hex escape");
        }
    }

    private String singleQuoted() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated single-quoted string");
            }
            char c = s.charAt(pos++);
            if (c == '\n') {
                foldLineBreak(b);
                continue;
            }
            if (c == '\'') {
                if (pos < s.length() && s.charAt(pos) == '\'') {
                    b.append('\'');
                    pos++;
                } else {
                    return b.toString();
                }
            } else {
                b.append(c);
            }
        }
    }

    /**
     * YAML flow folding inside quotes: trailing spaces before a break are dropped, one break becomes a space,
     * n + 1 breaks become n newlines, and the next line's indentation is skipped.
     */
    private void foldLineBreak(StringBuilder b) {
        while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') {
            b.setLength(b.length() - 1);
        }
        int breaks = 1;
        while (true) {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == '\n') {
                breaks++;
                pos++;
            } else {
                break;
            }
        }
        if (breaks == 1) {
            b.append(' ');
        } else {
            b.append("\n".repeat(breaks - 1));
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw error("unexpected end of text");
        }
        return s.charAt(pos++);
    }

    private void skipSpaces() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private void skipBlankAndComments() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n') {
                pos++;
            } else if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("YAML: " + what + " at character " + pos);
    }

    // ------------------------------------------------------------------ YAML 1.1 scalar meaning (as PyYAML)

    private static final Pattern INT = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
    private static final Pattern HEX = Pattern.compile("[-+]?0x[0-9a-fA-F_]+");
    private static final Pattern OCT = Pattern.compile("[-+]?0[0-7_]+");
    private static final Pattern BIN = Pattern.compile("[-+]?0b[01_]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+][0-9]+)?|[-+]?\\.[0-9_]+([eE][-+][0-9]+)?");

    static Object resolve(Node n) {
        if (n instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries.forEach((k, v) -> out.put(k, resolve(v)));
            return out;
        }
        if (n instanceof Seq q) {
            List<Object> out = new ArrayList<>();
            q.items.forEach(v -> out.add(resolve(v)));
            return out;
        }
        Scalar sc = (Scalar) n;
        return sc.quoted ? sc.text : resolvePlain(sc.text);
    }

    static Object resolvePlain(String t) {
        switch (t) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
                return Boolean.TRUE;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        BigInteger i = integer(t);
        if (i != null) {
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (FLOAT.matcher(t).matches()) {
            return Double.parseDouble(t.replace("_", ""));
        }
        return t;
    }

    /** The integer a plain scalar denotes (decimal, 0x hex, 0 octal, 0b binary), or null. */
    static BigInteger integer(String t) {
        if (t.length() > 80) {
            return null;
        }
        String u = t.replace("_", "");
        boolean neg = u.startsWith("-");
        String body = (u.startsWith("-") || u.startsWith("+")) ? u.substring(1) : u;
        BigInteger v;
        if (INT.matcher(t).matches()) {
            v = new BigInteger(body);
        } else if (HEX.matcher(t).matches()) {
            v = new BigInteger(body.substring(2), 16);
        } else if (BIN.matcher(t).matches()) {
            v = new BigInteger(body.substring(2), 2);
        } else if (OCT.matcher(t).matches()) {
            v = new BigInteger(body.substring(1), 8);
        } else {
            return null;
        }
        return neg ? v.negate() : v;
    }
}
