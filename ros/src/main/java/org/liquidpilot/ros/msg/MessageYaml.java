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
                b.append('\n').append(indent).append("- ").append(plainOrQuoted((String) item));
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
            BigDecimal candidate = new BigDecimal(d).round(new java.math.MathContext(precision));
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
        if (s.isEmpty()) {
            return "''";
        }
        int[] cp = s.codePoints().toArray();
        int n = cp.length;
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        int column = 1;
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

    /** A list item string: plain when YAML would read it back as the same string, else quoted. */
    static String plainOrQuoted(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean printable = s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        if (!printable) {
            return quoted(s);
        }
        boolean plain = s.matches("[A-Za-z_/.][A-Za-z0-9_/. :-]*") && !s.endsWith(" ") && !s.contains(": ")
                && YamlReader.resolvePlain(s) instanceof String;
        return plain ? s : "'" + s.replace("'", "''") + "'";
    }
}
