package org.liquidpilot.sim.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One episode's neuron trace as {@code neurons.csv}: a header {@code t,command,output,intervention,<names...>},
 * then one row per control step: sim time (s), the command the vehicle got, the model's raw output, 1 when the step
 * ended in an intervention, and each recorded state value.
 *
 * @param names        the recorded state columns
 * @param t            sim time of each step
 * @param command      the yaw rate the vehicle was commanded (rad/s)
 * @param output       the model's raw output
 * @param intervention whether the step failed and the vehicle was put back
 * @param values       row-major, {@code steps × names.size()}; non-finite values are gaps
 */
public record NeuronTrace(List<String> names, double[] t, double[] command, double[] output, boolean[] intervention, float[] values) {
    public static final String FILE = "neurons.csv";
    public static final List<String> LEADING = List.of("t", "command", "output", "intervention");
    public static final int MAX_COLUMNS = 256;
    public static final int MAX_ROWS = 200_000;
    static final long MAX_BYTES = 64L << 20;
    static final int MAX_LINE = 16 * 1024;
    private static final String NAME = "[A-Za-z][A-Za-z0-9_.-]{0,39}";

    public NeuronTrace {
        names = List.copyOf(names);
        int n = t.length;
        if (command.length != n || output.length != n || intervention.length != n || values.length != (long) n * names.size()) {
            throw new IllegalArgumentException("neuron trace columns of different lengths");
        }
    }

    public int steps() {
        return t.length;
    }

    public int columns() {
        return names.size();
    }

    public float value(int step, int column) {
        return values[step * names.size() + column];
    }

    /** Writes through a temporary file, so an interrupted sweep leaves the old file or the new one, never half of one. */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(String.join(",", LEADING));
            for (String s : names) w.write("," + s);
            w.write('\n');
            int k = names.size();
            StringBuilder b = new StringBuilder(16 * (k + 4));
            for (int i = 0; i < t.length; i++) {
                b.setLength(0);
                b.append(String.format(Locale.ROOT, "%.4f,%.6g,%.6g,%d", t[i], command[i], output[i], intervention[i] ? 1 : 0));
                for (int j = 0; j < k; j++) b.append(',').append(Float.toString(values[i * k + j]));
                b.append('\n');
                w.write(b.toString());
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a {@code neurons.csv}; anything that is not one (garbage, truncated rows, too large) is an IllegalArgumentException naming the file and line. */
    public static NeuronTrace read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) throw new IllegalArgumentException(file + ": larger than " + (MAX_BYTES >> 20) + " MiB, not a neuron trace");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text, not a neuron trace");
        }
    }

    static NeuronTrace parse(BufferedReader r, String where) throws IOException {
        String header = line(r, where, 1);
        if (header == null) throw new IllegalArgumentException(where + ": empty, not a neuron trace");
        String[] h = header.split(",", -1);
        if (h.length <= LEADING.size() || !Arrays.asList(h).subList(0, LEADING.size()).equals(LEADING)) {
            throw new IllegalArgumentException(where + ": header must be " + String.join(",", LEADING) + ",<neuron names>");
        }
        List<String> names = Arrays.asList(h).subList(LEADING.size(), h.length);
        if (names.size() > MAX_COLUMNS) throw new IllegalArgumentException(where + ": more than " + MAX_COLUMNS + " neuron columns");
        Set<String> seen = new HashSet<>();
        for (String s : names) {
            if (!s.matches(NAME) || !seen.add(s)) throw new IllegalArgumentException(where + ": bad or repeated neuron name '" + abbreviate(s) + "'");
        }
        int k = names.size(), cols = k + LEADING.size();
        Recorder rows = new Recorder(names);
        float[] state = new float[k];
        double previous = Double.NEGATIVE_INFINITY;
        for (String line; (line = line(r, where, rows.steps() + 2)) != null; ) {
            if (line.isEmpty()) continue;
            int n = rows.steps();
            if (n == MAX_ROWS) throw new IllegalArgumentException(where + ": more than " + MAX_ROWS + " rows");
            String[] f = line.split(",", -1);
            if (f.length != cols) throw new IllegalArgumentException(where + " line " + (n + 2) + ": " + f.length + " fields, the header has " + cols);
            double t = number(f[0], where, n);
            if (!Double.isFinite(t) || t < previous) throw new IllegalArgumentException(where + " line " + (n + 2) + ": time is not finite and increasing");
            previous = t;
            double cmd = number(f[1], where, n), out = number(f[2], where, n);
            if (!f[3].equals("0") && !f[3].equals("1")) throw new IllegalArgumentException(where + " line " + (n + 2) + ": intervention must be 0 or 1");
            for (int j = 0; j < k; j++) state[j] = (float) number(f[LEADING.size() + j], where, n);
            rows.add(t, cmd, out, f[3].equals("1"), state);
        }
        if (rows.steps() == 0) throw new IllegalArgumentException(where + ": no rows, not a neuron trace");
        return rows.trace();
    }

    private static double number(String s, String where, int row) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " line " + (row + 2) + ": '" + abbreviate(s) + "' is not a number");
        }
    }

    /** A line of at most {@link #MAX_LINE} characters, or null at the end. */
    private static String line(BufferedReader r, String where, int number) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = r.read()) >= 0) {
            if (c == '\n') return b.toString();
            if (c == '\r') continue;
            if (b.length() == MAX_LINE) throw new IllegalArgumentException(where + " line " + number + ": longer than " + MAX_LINE + " characters");
            b.append((char) c);
        }
        // Every line the writer writes ends in a newline: text after the last one is a row cut short.
        if (b.length() > 0) throw new IllegalArgumentException(where + " line " + number + ": no line end, the file is truncated");
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }

    /** Collects one episode step by step; a float copy per step, nothing else. */
    public static final class Recorder {
        private final List<String> names;
        private double[] t = new double[1024], cmd = new double[1024], out = new double[1024];
        private boolean[] iv = new boolean[1024];
        private float[] v;
        private int n;

        public Recorder(List<String> names) {
            if (names.isEmpty() || names.size() > MAX_COLUMNS) throw new IllegalArgumentException("a neuron trace records 1.." + MAX_COLUMNS + " values");
            this.names = new ArrayList<>(names);
            this.v = new float[1024 * names.size()];
        }

        /** One step; {@code state} holds at least {@code names.size()} values. */
        public void add(double time, double command, double output, boolean intervention, float[] state) {
            if (n == MAX_ROWS) return;
            int k = names.size();
            if (n == t.length) {
                int m = Math.min(MAX_ROWS, n * 2);
                t = Arrays.copyOf(t, m);
                cmd = Arrays.copyOf(cmd, m);
                out = Arrays.copyOf(out, m);
                iv = Arrays.copyOf(iv, m);
                v = Arrays.copyOf(v, m * k);
            }
            t[n] = time;
            cmd[n] = command;
            out[n] = output;
            iv[n] = intervention;
            System.arraycopy(state, 0, v, n * k, k);
            n++;
        }

        public int steps() {
            return n;
        }

        public NeuronTrace trace() {
            return new NeuronTrace(names, Arrays.copyOf(t, n), Arrays.copyOf(cmd, n), Arrays.copyOf(out, n), Arrays.copyOf(iv, n),
                    Arrays.copyOf(v, n * names.size()));
        }
    }
}
