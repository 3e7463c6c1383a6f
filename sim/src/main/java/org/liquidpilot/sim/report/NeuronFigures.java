package org.liquidpilot.sim.report;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report's neuron-activity figures: per model, the first episode of nominal and of the moderate cells (else
 * the first cells met) laid end to end, one row per trace: the vehicle's command, the model's raw output, then the
 * neurons grouped motor, command, inter. A {@code neurons.csv} that cannot be read is skipped with a warning line:
 * the figure is an illustration beside the results table, and one damaged trace should not cost the whole report.
 */
public final class NeuronFigures {
    public static final int MAX_CELLS = 6;
    /** Samples drawn per cell: more than the figure has pixels for a cell, few enough to draw fast for hour-long episodes. */
    public static final int MAX_SAMPLES_PER_CELL = 3000;
    public static final int MAX_MARKS = 2000;

    private NeuronFigures() {}

    /** The figures as PNGs named {@code <stem>-neurons-<policy>.png} in {@code dir}, and the HTML section that shows them ("" when no model has traces). */
    public static String write(ResultsTable table, Path dir, String stem, PrintWriter warnings) throws IOException {
        StringBuilder h = new StringBuilder();
        Set<String> files = new HashSet<>();
        for (ResultsTable.Row r : table.rows.values()) {
            List<String> conds = chosen(table.orderedConditions(), r);
            List<String> names = new ArrayList<>();
            List<NeuronTrace> traces = new ArrayList<>();
            int stateSize = 0;
            for (String c : conds) {
                ResultsTable.Tally t = r.cells.get(c);
                NeuronTrace tr;
                try {
                    tr = NeuronTrace.read(t.trace);
                } catch (IllegalArgumentException | IOException e) {
                    warnings.println("warning: " + oneLine(e, t.trace) + "; no neuron trace for " + r.policy + " in " + c);
                    continue;
                }
                if (!traces.isEmpty() && !tr.names().equals(traces.get(0).names())) {
                    warnings.println("warning: " + t.trace + ": other neuron columns than " + r.policy + "'s other cells; left out");
                    continue;
                }
                traces.add(tr);
                names.add(c);
                stateSize = Math.max(stateSize, t.stateSize);
            }
            if (traces.isEmpty()) continue;
            String file = fileName(stem, r.policy, files);
            int columns = traces.get(0).columns();
            String what = stateSize > columns ? "first " + columns + " of " + stateSize + " state values" : columns + " state values";
            NeuronActivityPlot.write(figure(traces, names), r.policy + ": " + what + ", first episode of each cell", dir.resolve(file));
            if (h.length() == 0) {
                h.append("<h2>Neuron activity</h2>\n<p>Per model, the first episode of each cell shown (nominal and the moderate perturbations")
                        .append(" when present), laid end to end: the vehicle's command, the model's raw output, then each neuron or state value")
                        .append(" (NCPs grouped motor, command, inter), every row scaled to its own range; red lines mark interventions.")
                        .append(" Cells of one sweep share the scenario seed, so each segment drives the same road under its own condition.</p>\n");
            }
            h.append("<h3>").append(Html.esc(r.policy)).append("</h3>\n<p>").append(Html.esc(what + "; cells: " + String.join(", ", names)))
                    .append("<br><img class=\"neurons\" style=\"width:auto;max-width:100%\" src=\"")
                    .append(Html.esc(file)).append("\" alt=\"neuron activity of ").append(Html.esc(r.policy)).append("\"></p>\n");
        }
        return h.toString();
    }

    /** Cells with a trace: nominal and the moderate ones first, then the rest in table order, at most {@link #MAX_CELLS}. */
    public static List<String> chosen(List<String> ordered, ResultsTable.Row r) {
        List<String> first = new ArrayList<>(), rest = new ArrayList<>();
        for (String c : ordered) {
            ResultsTable.Tally t = r.cells.get(c);
            if (t == null || t.trace == null) continue;
            (c.equals("nominal") || StandardConditions.MODERATE.contains(c) ? first : rest).add(c);
        }
        first.addAll(rest);
        List<String> pick = first.subList(0, Math.min(MAX_CELLS, first.size()));
        // back in table order, so the segments read like the table's columns
        return ordered.stream().filter(pick::contains).toList();
    }

    /** The traces laid end to end, rows reordered by role. */
    public static NeuronActivityPlot.Data figure(List<NeuronTrace> traces, List<String> cells) {
        NeuronTrace head = traces.get(0);
        List<Integer> order = new ArrayList<>();
        for (String g : List.of("motor", "command", "inter", "state")) {
            for (int k = 0; k < head.columns(); k++) if (group(head.names().get(k)).equals(g)) order.add(k);
        }
        int rows = 2 + order.size();
        String[] labels = new String[rows], groups = new String[rows];
        labels[0] = "vehicle command";
        labels[1] = "model output";
        groups[0] = groups[1] = "vehicle";
        for (int i = 0; i < order.size(); i++) {
            labels[2 + i] = head.names().get(order.get(i));
            groups[2 + i] = group(labels[2 + i]);
        }
        int total = 0;
        for (NeuronTrace tr : traces) total += (tr.steps() + stride(tr) - 1) / stride(tr);
        double[] t = new double[total];
        int[] segment = new int[total];
        float[][] v = new float[total][];
        List<Double> starts = new ArrayList<>();
        List<Double> marks = new ArrayList<>();
        double offset = 0;
        int n = 0;
        for (int c = 0; c < traces.size(); c++) {
            NeuronTrace tr = traces.get(c);
            double t0 = tr.t()[0], span = tr.t()[tr.steps() - 1] - t0;
            double step = tr.steps() > 1 ? span / (tr.steps() - 1) : 1 / 30.0;
            starts.add(offset);
            for (int i = 0; i < tr.steps(); i++) {
                if (tr.intervention()[i] && marks.size() < MAX_MARKS) marks.add(offset + tr.t()[i] - t0);
                if (i % stride(tr) != 0) continue;
                float[] row = new float[rows];
                row[0] = (float) tr.command()[i];
                row[1] = (float) tr.output()[i];
                for (int k = 0; k < order.size(); k++) row[2 + k] = tr.value(i, order.get(k));
                t[n] = offset + tr.t()[i] - t0;
                segment[n] = c;
                v[n++] = row;
            }
            offset += span + step;
        }
        return new NeuronActivityPlot.Data(t, segment, v, labels, groups, starts, cells, offset, marks.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static int stride(NeuronTrace tr) {
        return Math.max(1, (tr.steps() + MAX_SAMPLES_PER_CELL - 1) / MAX_SAMPLES_PER_CELL);
    }

    /** The role a column name stands for: {@code motor0}, {@code cmd3}, {@code inter7}; anything else is a plain state value. */
    public static String group(String name) {
        if (name.matches("motor\\d+")) return "motor";
        if (name.matches("cmd\\d+")) return "command";
        if (name.matches("inter\\d+")) return "inter";
        return "state";
    }

    private static String fileName(String stem, String policy, Set<String> taken) {
        String base = stem + "-neurons-" + policy.replaceAll("[^A-Za-z0-9._+-]", "_");
        if (base.length() > 120) base = base.substring(0, 120);
        String f = base + ".png";
        for (int k = 2; !taken.add(f); k++) f = base + "-" + k + ".png";
        return f;
    }

    private static String oneLine(Exception e, Path file) {
        String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return m.startsWith(file.toString()) ? m : file + ": " + m;
    }
}
