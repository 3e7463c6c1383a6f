package org.liquidpilot.liquid.export;

import java.util.Locale;

/**
 * A C source being written: lines at an indentation, and constant arrays whose values round-trip exactly (a float
 * printed by {@link Float#toString} reads back as the same float in C).
 */
final class CText {
    private final StringBuilder sb = new StringBuilder();
    private int indent;
    /** Bytes of constant data emitted so far (what the arrays put in flash). */
    private long constBytes;

    CText line(String s) {
        if (!s.isEmpty()) sb.append("    ".repeat(indent));
        sb.append(s).append('\n');
        return this;
    }

    CText line(String format, Object... args) {
        return line(String.format(Locale.ROOT, format, args));
    }

    CText open(String s) {
        line(s);
        indent++;
        return this;
    }

    CText open(String format, Object... args) {
        return open(String.format(Locale.ROOT, format, args));
    }

    CText close(String s) {
        indent--;
        return line(s);
    }

    CText close(String format, Object... args) {
        return close(String.format(Locale.ROOT, format, args));
    }

    CText blank() {
        sb.append('\n');
        return this;
    }

    long constBytes() {
        return constBytes;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /** A float literal that reads back as exactly {@code (float) v}. */
    static String f(double v) {
        float x = (float) v;
        if (!Float.isFinite(x)) throw new IllegalArgumentException("value " + v + " does not fit a C float");
        String s = Float.toString(x).replace('E', 'e');
        return s + "f";
    }

    /** {@code static const float name[n] = {...};} (a zero-length array is not C: such arrays are never emitted). */
    CText floats(String name, double[] values, String comment) {
        if (values.length == 0) throw new IllegalStateException("empty array " + name);
        if (comment != null) line("/* " + comment + " */");
        line("static const float " + name + "[" + values.length + "] = {");
        indent++;
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            row.append(f(values[i])).append(i + 1 < values.length ? "," : "");
            if ((i + 1) % 8 == 0 || i + 1 == values.length) {
                line(row.toString());
                row.setLength(0);
            } else {
                row.append(' ');
            }
        }
        indent--;
        line("};");
        constBytes += 4L * values.length;
        return this;
    }

    /** An index array in the narrowest unsigned type that holds its largest value. */
    CText indices(String name, int[] values, String comment) {
        if (values.length == 0) throw new IllegalStateException("empty array " + name);
        int max = 0;
        for (int v : values) max = Math.max(max, v);
        int bytes = max < 256 ? 1 : max < 65536 ? 2 : 4;
        if (comment != null) line("/* " + comment + " */");
        line("static const uint" + (8 * bytes) + "_t " + name + "[" + values.length + "] = {");
        indent++;
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            row.append(values[i]).append(i + 1 < values.length ? "," : "");
            if ((i + 1) % 16 == 0 || i + 1 == values.length) {
                line(row.toString());
                row.setLength(0);
            } else {
                row.append(' ');
            }
        }
        indent--;
        line("};");
        constBytes += (long) bytes * values.length;
        return this;
    }
}
