package org.liquidpilot.ros.msg;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Prints dynamic messages the way {@code rostopic echo} does (genpy's YAML-ish layout): {@code field: value}
 * lines, nested messages indented by two spaces after a {@code "field: "} line, times as {@code secs}/{@code nsecs}
 * (nsecs right-aligned to 9), numbers as Python prints them ({@code 1.0}, {@code 1e-05}, {@code nan}, {@code True}),
 * strings double-quoted with YAML escapes, numeric arrays inline ({@code [1.0, 2.0]}), uint8 arrays as lists of
 * numbers, and arrays of messages as {@code - } items. The {@code ---} separator is the caller's.
 */
public final class MessageYaml {
    private MessageYaml() {
    }

    /** Formats a value tree decoded by {@code codec}. */
    public static String format(DynamicCodec codec, Map<String, Object> message) {
        return format(codec.registry(), codec.type(), message);
    }

    /** Formats a value tree of message {@code type} as defined in {@code registry}. */
    public static String format(MsgRegistry registry, String type, Map<String, Object> message) {
        StringBuilder b = new StringBuilder();
        message(b, registry, registry.spec(type), message, "");
        return b.toString();
    }

    /** Parses YAML text (flow or block style, as {@code rostopic pub} takes) into maps, lists and scalars. */
    public static Object parse(String text) {
        return YamlReader.resolve(YamlReader.read(text));
    }

    private static void message(StringBuilder b, MsgRegistry reg, MsgSpec spec, Map<String, Object> m, String indent) {
        boolean first = true;
        for (MsgField f : spec.fields()) {
            if (!first || !indent.isEmpty()) {
                b.append('\n');
            }
            first = false;
            b.append(indent).append(f.name()).append(": ");
            field(b, reg, f, m.get(f.name()), indent + "  ");
        }
    }

    @SuppressWarnings("unchecked")
    private static void field(StringBuilder b, MsgRegistry reg, MsgField f, Object v, String indent) {
        Primitive p = f.primitive();
        if (!f.array()) {
            if (p == null) {
                message(b, reg, reg.spec(f.baseType()), (Map<String, Object>) v, indent);
            } else {
                scalar(b, p, v, indent);
            }
            return;
        }
        int n = v instanceof List<?> l ? l.size() : java.lang.reflect.Array.getLength(v);
        if (n == 0) {
            b.append("[]");
            return;
        }
        if (p == null) {
            MsgSpec spec = reg.spec(f.baseType());
            for (Object item : (List<Object>) v) {
                b.append('\n').append(indent).append("- ");
                message(b, reg, spec, (Map<String, Object>) item, indent + "  ");
            }
        } else if (p == Primitive.STRING) {
            for (Object item : (List<Object>) v) {
                // genpy indents every line of yaml.dump(list) by the field's indentation
                for (String line : ("- " + listItem((String) item)).split("\n", -1)) {
                    b.append('\n').append(indent).append(line);
                }
            }
        } else if (p == Primitive.TIME || p == Primitive.DURATION) {
            for (Object item : (List<Object>) v) {
                b.append('\n').append(indent).append("- ");
                scalar(b, p, item, indent + "  ");
            }
        } else {
            b.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                Object item = v instanceof List<?> l ? l.get(i) : java.lang.reflect.Array.get(v, i);
                if (item instanceof Byte x && p != Primitive.INT8 && p != Primitive.BYTE) {
                    item = (short) (x & 0xFF); // uint8/char arrays are raw bytes; genpy shows them unsigned
                }
                scalar(b, p, item, indent);
            }
            b.append(']');
        }
    }

    private static void scalar(StringBuilder b, Primitive p, Object v, String indent) {
        switch (p) {
            case BOOL -> b.append(Boolean.TRUE.equals(v) ? "True" : "False");
            case FLOAT32, FLOAT64 -> b.append(pythonFloat(((Number) v).doubleValue()));
            case UINT64 -> b.append(Long.toUnsignedString(((Number) v).longValue()));
            case STRING -> b.append(quoted((String) v));
            case TIME -> {
                Time t = (Time) v;
                b.append('\n').append(indent).append("secs: ").append(t.secsUnsigned())
                        .append('\n').append(indent).append("nsecs: ").append(String.format("%9d", t.nsecsUnsigned()));
            }
            case DURATION -> {
                Duration d = (Duration) v;
                b.append('\n').append(indent).append("secs: ").append(d.secs())
                        .append('\n').append(indent).append("nsecs: ").append(String.format("%9d", d.nsecs()));
            }
            default -> b.append(((Number) v).longValue());
        }
    }

    /** A double as Python's {@code repr} writes it: shortest round-trip digits, exponent outside [1e-4, 1e16). */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = shortest(d);
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                    + Math.abs(exponent);
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** The decimal with the fewest significant digits that parses back to {@code d}. */
    private static BigDecimal shortest(double d) {
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = new BigDecimal(d).round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate.stripTrailingZeros();
            }
        }
        return new BigDecimal(d);
    }

    /**
     * A string as PyYAML's double-quoted style writes it: ASCII only, everything else escaped, and folded at
     * spaces (or after escapes) once a line passes 80 columns, continuing with an escaped line break.
     */
    static String quoted(String s) {
        return quoted(s, 0);
    }

    private static String quoted(String s, int startColumn) {
        if (s.isEmpty()) {
            return "''";
        }
        int[] cp = s.codePoints().toArray();
        int n = cp.length;
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        int column = startColumn + 1;
        int start = 0;
        for (int end = 0; end <= n; end++) {
            int ch = end < n ? cp[end] : -1;
            boolean escape = ch != -1 && (ch == '"' || ch == '\\' || ch < 0x20 || ch > 0x7E);
            if (ch == -1 || escape) {
                column += append(out, cp, start, end);
                start = end;
                if (escape) {
                    String e = escape(ch);
                    out.append(e);
                    column += e.length();
                    start = end + 1;
                }
            }
            if (end > 0 && end < n - 1 && (ch == ' ' || start >= end) && column + (end - start) > 80) {
                column += append(out, cp, start, end);
                out.append('\\');
                start = Math.max(start, end);
                out.append("\n  ");
                column = 2;
                if (start < n && cp[start] == ' ') {
                    out.append('\\');
                    column++;
                }
            }
        }
        return out.append('"').toString();
    }

    private static int append(StringBuilder out, int[] cp, int from, int to) {
        for (int i = from; i < to; i++) {
            out.appendCodePoint(cp[i]);
        }
        return Math.max(0, to - from);
    }

    private static String escape(int c) {
        return switch (c) {
            case 0 -> "\\0";
            case 7 -> "\\a";
            case 8 -> "\\b";
            case 9 -> "\\t";
            case 10 -> "\\n";
            case 11 -> "\\v";
            case 12 -> "\\f";
            case 13 -> "\\r";
            case 27 -> "\\e";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case 0x85 -> "\\N";
            case 0xA0 -> "\\_";
            case 0x2028 -> "\\L";
            case 0x2029 -> "\\P";
            default -> c <= 0xFF ? String.format("\\x%02X", c)
                    : c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\U%08X", c);
        };
    }

    /**
     * One item of {@code yaml.dump(list_of_strings)} as PyYAML writes it after {@code "- "}: plain when its scalar
     * analysis allows a block plain scalar and it would not read back as another type, else single-quoted, else
     * (non-printable or non-ASCII characters) double-quoted; long items fold at spaces past column 80.
     */
    static String listItem(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        Analysis a = analyze(s);
        if (a.allowBlockPlain && readsBackAsString(s)) {
            return folded(s, false);
        }
        if (a.allowSingleQuoted) {
            return folded(s, true);
        }
        return quoted(s, 2);
    }

    private record Analysis(boolean allowBlockPlain, boolean allowSingleQuoted) {
    }

    private static boolean isBreak(int c) {
        return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isSpaceOrBreak(int c) {
        return c == 0 || c == ' ' || c == '\t' || c == '\r' || isBreak(c);
    }

    /** PyYAML's Emitter.analyze_scalar, reduced to what the block-sequence item case needs. */
    private static Analysis analyze(String s) {
        int[] cp = s.codePoints().toArray();
        int n = cp.length;
        boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
        boolean lineBreaks = false;
        boolean special = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean precededByWhitespace = true;
        boolean followedByWhitespace = n == 1 || isSpaceOrBreak(cp[1]);
        for (int i = 0; i < n; i++) {
            int ch = cp[i];
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) {
                    blockIndicators = true;
                }
                if ((ch == '?' || ch == ':' || ch == '-') && followedByWhitespace) {
                    blockIndicators = true;
                }
            } else {
                if (ch == ':' && followedByWhitespace) {
                    blockIndicators = true;
                }
                if (ch == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (isBreak(ch)) {
                lineBreaks = true;
            }
            if (!(ch == '\n' || (ch >= 0x20 && ch <= 0x7E))) {
                special = true; // PyYAML without allow_unicode: anything else needs double quotes
            }
            if (ch == ' ') {
                leadingSpace |= i == 0;
                trailingSpace |= i == n - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(ch)) {
                leadingBreak |= i == 0;
                trailingBreak |= i == n - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isSpaceOrBreak(ch);
            followedByWhitespace = i + 2 >= n || isSpaceOrBreak(cp[i + 2]);
        }
        boolean plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak
                || special || lineBreaks || blockIndicators);
        boolean single = !(breakSpace || spaceBreak || special);
        return new Analysis(plain, single);
    }

    private static final java.util.regex.Pattern IMPLICIT = java.util.regex.Pattern.compile(String.join("|",
            "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
            "~|null|Null|NULL", "=", "<<",
            "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+",
            "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)",
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]",
            "[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
                    + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?"));

    /** Whether PyYAML's resolver reads the plain scalar back as a string (not a bool, number, null, date...). */
    private static boolean readsBackAsString(String s) {
        return !IMPLICIT.matcher(s).matches();
    }

    /** PyYAML's write_plain / write_single_quoted for a sequence item starting at column 2, indent 2. */
    private static String folded(String s, boolean single) {
        StringBuilder out = new StringBuilder();
        int column = 2;
        if (single) {
            out.append('\'');
            column++;
        }
        int n = s.length();
        boolean spaces = false;
        boolean breaks = false;
        int start = 0;
        for (int end = 0; end <= n; end++) {
            int ch = end < n ? s.charAt(end) : -1;
            if (spaces) {
                if (ch != ' ') {
                    if (start + 1 == end && column > 80 && (!single || (start != 0 && end != n))) {
                        out.append("\n  ");
                        column = 2;
                    } else {
                        out.append(s, start, end);
                        column += end - start;
                    }
                    start = end;
                }
            } else if (breaks) {
                if (ch == -1 || !isBreak(ch)) {
                    if (s.charAt(start) == '\n') {
                        out.append('\n');
                    }
                    for (int i = start; i < end; i++) {
                        out.append(s.charAt(i) == '\n' ? '\n' : s.charAt(i));
                    }
                    out.append("  ");
                    column = 2;
                    start = end;
                }
            } else if (ch == -1 || ch == ' ' || isBreak(ch) || (single && ch == '\'')) {
                if (start < end) {
                    out.append(s, start, end);
                    column += end - start;
                    start = end;
                }
            }
            if (single && ch == '\'') {
                out.append("''");
                column += 2;
                start = end + 1;
            }
            if (ch != -1) {
                spaces = ch == ' ';
                breaks = isBreak(ch);
            }
        }
        if (single) {
            out.append('\'');
        }
        return out.toString();
    }
}
