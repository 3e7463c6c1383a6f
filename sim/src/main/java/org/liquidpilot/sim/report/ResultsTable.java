package org.liquidpilot.sim.report;

import org.liquidpilot.train.ModelSizes;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The results table, model × condition, built from condition-sweep cells (a metrics.json with a {@code cell.json}
 * beside it). Cells of the same policy and condition from several sweeps (other seeds) are pooled.
 */
public final class ResultsTable {
    /** Pooled results of one policy in one condition. */
    public static final class Tally {
        static final int MAX_POINTS = 2000;
        int episodes, successes, crashes;
        double crossTrackSum;
        /** Each episode's mean |cross-track| (m), and whether it succeeded, for the distribution plot. */
        final List<double[]> perEpisode = new ArrayList<>();
        /** The first pooled cell with a neuron trace, and the policy's whole state size from its cell.json (0: unknown). */
        public Path trace;
        int stateSize;

        void addEpisodes(JsonNode rows) {
            for (JsonNode e : rows) {
                if (perEpisode.size() >= MAX_POINTS) return;
                double cte = e.path("cross_track_mean_m").asDouble(Double.NaN);
                if (Double.isFinite(cte)) perEpisode.add(new double[]{cte, e.path("success").asBoolean() ? 1 : 0});
            }
        }

        public void add(JsonNode summary) {
            int n = summary.path("episodes").asInt();
            episodes += n;
            successes += (int) Math.round(summary.path("success_rate").asDouble() * n);
            crashes += summary.path("crashes").asInt();
            crossTrackSum += summary.path("cross_track_mean_m").asDouble() * n;
        }

        double rate() {
            return episodes == 0 ? 0 : successes / (double) episodes;
        }
    }

    /** One model's row: its file (or expert), its sizes when the file can still be read, its tallies per condition. */
    public static final class Row {
        final String policy;
        final String model;
        ModelSizes sizes;
        String sizeProblem;
        public final Map<String, Tally> cells = new LinkedHashMap<>();

        public Row(String policy, String model) {
            this.policy = policy;
            this.model = model;
        }

        Tally total() {
            Tally t = new Tally();
            for (Tally c : cells.values()) {
                t.episodes += c.episodes;
                t.successes += c.successes;
                t.crashes += c.crashes;
                t.crossTrackSum += c.crossTrackSum;
            }
            return t;
        }
    }

    public final Map<String, Row> rows = new LinkedHashMap<>();
    final List<String> conditions = new ArrayList<>();
    /** Scenario seeds, episode lengths and base scenarios met, so the table says what it was measured on. */
    final Set<String> seeds = new java.util.TreeSet<>(), durations = new java.util.TreeSet<>(), scenarios = new java.util.TreeSet<>();

    /** Adds the sweep cell in {@code dir} if it is one (has cell.json); returns whether it was. */
    public boolean add(Path dir, JsonNode metrics, JsonNode cell) {
        if (cell == null) return false;
        String policy = cell.path("policy").asText(""), model = cell.path("model").asText(""), condition = cell.path("condition").asText("");
        if (policy.isEmpty() || condition.isEmpty()) throw new IllegalArgumentException(dir.resolve("cell.json") + ": lacks policy or condition");
        Row r = rows.computeIfAbsent(policy + "\u0000" + model, k -> new Row(policy, model));
        Tally t = r.cells.computeIfAbsent(condition, k -> new Tally());
        t.add(metrics.path("summary"));
        Path trace = dir.resolve(NeuronTrace.FILE);
        if (t.trace == null && Files.isRegularFile(trace)) {
            t.trace = trace;
            t.stateSize = Math.max(0, cell.path("neuron_trace").path("state_size").asInt(0));
        }
        t.addEpisodes(metrics.path("episodes"));
        if (!conditions.contains(condition)) conditions.add(condition);
        if (cell.has("seed")) seeds.add(cell.path("seed").asText());
        if (cell.has("duration_s")) durations.add(String.format(Locale.ROOT, "%.0f s", cell.path("duration_s").asDouble()));
        String sc = metrics.path("scenario").asText("");
        if (sc.contains("/")) scenarios.add(sc.substring(0, sc.lastIndexOf('/')));
        return true;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Standard cells in their order first, then any others in the order met. */
    public List<String> orderedConditions() {
        Set<String> out = new LinkedHashSet<>();
        for (String s : StandardConditions.ALL_NAMES) if (conditions.contains(s)) out.add(s);
        out.addAll(conditions);
        return new ArrayList<>(out);
    }

    public void readSizes() {
        for (Row r : rows.values()) {
            if (r.model.equals("expert") || r.model.isEmpty()) continue;
            Path f = Path.of(r.model);
            if (!Files.isRegularFile(f)) {
                r.sizeProblem = "model file gone";
                continue;
            }
            try {
                r.sizes = ModelSizes.of(f);
            } catch (IOException | IllegalArgumentException e) {
                r.sizeProblem = "unreadable model";
            }
        }
    }

    /** The header and row cells, shared by the HTML and the markdown renderings. */
    List<List<String>> cells() {
        List<String> conds = orderedConditions();
        List<List<String>> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("model", "type", "parameters", "recurrent parameters", "effective recurrent", "synapses"));
        for (String c : conds) head.add(StandardConditions.MODERATE.contains(c) ? c + " *" : c);
        head.addAll(List.of("crashes", "mean cross-track (m)"));
        t.add(head);
        for (Row r : rows.values()) {
            List<String> line = new ArrayList<>();
            line.add(r.policy);
            if (r.sizes != null) {
                line.add(r.sizes.type());
                line.add(Long.toString(r.sizes.parameters()));
                line.add(Long.toString(r.sizes.recurrentParameters()));
                line.add(Long.toString(r.sizes.effectiveRecurrent()));
                line.add(r.sizes.synapses() < 0 ? "dense" : Long.toString(r.sizes.synapses()));
            } else {
                line.add(r.model.equals("expert") ? "pure pursuit (privileged)" : r.sizeProblem == null ? "?" : r.sizeProblem);
                line.add("–");
                line.add("–");
                line.add("–");
                line.add("–");
            }
            for (String c : conds) {
                Tally x = r.cells.get(c);
                line.add(x == null ? "–" : String.format(Locale.ROOT, "%.0f%% (%d/%d)", 100 * x.rate(), x.successes, x.episodes));
            }
            Tally all = r.total();
            line.add(Integer.toString(all.crashes));
            line.add(String.format(Locale.ROOT, "%.3f", all.episodes == 0 ? 0 : all.crossTrackSum / all.episodes));
            t.add(line);
        }
        return t;
    }

    public static final String FOOTNOTE = """
            Success: episodes that finished without leaving the corridor or hitting anything, (successes/episodes). \
            \\* marks the moderate perturbations the ≥ 90% target is judged on. Crashes: interventions over all cells; \
            mean cross-track error over all episodes. Parameters: every trained weight in the model file (fixed sparsity \
            masks excluded). Recurrent parameters: for an LTC/CfC NCP every parameter of the cell; for LSTM, GRU and CT-RNN \
            those of the recurrent layer (input and recurrent weights, biases, time constants), not the readout; 0 for the \
            MLP. Effective recurrent: the recurrent parameters that can change the output, without the entries an NCP's \
            sparsity mask zeroes (the mask is fixed, so they never train); the ratio against LSTM-64 below uses it. \
            Synapses: for an NCP its wiring's synapses plus sensory synapses; for a dense network the distinct \
            (source, target) pairs with a nonzero input, recurrent or readout weight, each pair counted once across gates.""";

    /** What the cells were run on: base scenario, seeds and episode length. */
    String provenance() {
        return "Base scenario " + (scenarios.isEmpty() ? "?" : String.join(", ", scenarios)) + "; scenario seed" + (seeds.size() == 1 ? " " : "s ")
                + (seeds.isEmpty() ? "?" : String.join(", ", seeds)) + " (each episode drives its own road from it); episodes of "
                + (durations.isEmpty() ? "?" : String.join(", ", durations)) + ".";
    }

    public String markdown() {
        List<List<String>> t = cells();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            b.append('|');
            for (String c : t.get(i)) b.append(' ').append(c.replace("|", "\\|").replace("*", i == 0 ? "\\*" : "*")).append(" |");
            b.append('\n');
            if (i == 0) {
                b.append('|');
                for (int k = 0; k < t.get(0).size(); k++) b.append(k < 2 ? "---|" : "---:|");
                b.append('\n');
            }
        }
        b.append('\n').append(provenance()).append(' ').append(FOOTNOTE).append('\n');
        for (String v : verdicts()) b.append("\n- ").append(v);
        if (!verdicts().isEmpty()) b.append('\n');
        return b.toString();
    }

    public String html() {
        List<List<String>> t = cells();
        StringBuilder b = new StringBuilder("<h2>Results: model × condition</h2>\n<table>\n");
        for (int i = 0; i < t.size(); i++) {
            b.append("<tr>");
            for (String c : t.get(i)) b.append(i == 0 ? "<th>" : "<td>").append(Html.esc(c)).append(i == 0 ? "</th>" : "</td>");
            b.append("</tr>\n");
        }
        b.append("</table>\n<p>").append(Html.esc(provenance() + " " + FOOTNOTE.replace("\\*", "*"))).append("</p>\n");
        List<String> v = verdicts();
        if (!v.isEmpty()) {
            b.append("<ul>");
            for (String s : v) b.append("<li>").append(Html.esc(s)).append("</li>");
            b.append("</ul>\n");
        }
        b.append(crossTrackPlots());
        return b.toString();
    }

    /**
     * Per model, each episode's mean |cross-track| error as a dot per condition (green: succeeded, red: failed)
     * with the median as a bar, on a shared axis up to the largest value seen: the spread a table's mean hides.
     */
    String crossTrackPlots() {
        List<String> conds = orderedConditions();
        double max = 0.05;
        for (Row r : rows.values()) for (Tally t : r.cells.values()) for (double[] p : t.perEpisode) max = Math.max(max, p[0]);
        int cw = 90, ph = 140, left = 50, top = 10, w = left + cw * conds.size() + 10, h = top + ph + 40;
        StringBuilder b = new StringBuilder("<h3>Cross-track error per episode (m)</h3>\n");
        for (Row r : rows.values()) {
            b.append("<p>").append(Html.esc(r.policy)).append("<br>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w)
                    .append("\" height=\"").append(h).append("\" font-family=\"sans-serif\" font-size=\"11\">");
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left, top, left, top + ph));
            for (int k = 0; k <= 2; k++) {
                double val = max * k / 2;
                int y = top + ph - (int) Math.round(ph * k / 2.0);
                b.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\">%.2f</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>",
                        y + 4, val, left, y, w - 10, y));
            }
            for (int x = 0; x < conds.size(); x++) {
                int cx = left + x * cw + cw / 2;
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", cx, top + ph + 16,
                        Html.esc(conds.get(x))));
                Tally t = r.cells.get(conds.get(x));
                if (t == null || t.perEpisode.isEmpty()) continue;
                double[] sorted = t.perEpisode.stream().mapToDouble(p -> p[0]).sorted().toArray();
                for (int i = 0; i < t.perEpisode.size(); i++) {
                    double[] p = t.perEpisode.get(i);
                    double jitter = ((i * 37 + 10) % 21 - 10) * 1.5;
                    b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\" fill-opacity=\"0.7\"/>", cx + jitter,
                            top + ph - ph * p[0] / max, p[1] > 0 ? "#2a2" : "#d33"));
                }
                double median = sorted[sorted.length / 2];
                b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"2\"/>", cx - 20, cx + 20,
                        top + ph - ph * median / max, top + ph - ph * median / max));
            }
            b.append("</svg></p>\n");
        }
        return b.toString();
    }

    /** The targets, checked for every liquid model of the table and said plainly either way. */
    List<String> verdicts() {
        List<String> out = new ArrayList<>();
        Row lstm = rows.values().stream().filter(r -> r.sizes != null && r.sizes.type().startsWith("lstm")).findFirst().orElse(null);
        for (Row r : rows.values()) {
            if (r.sizes == null || !(r.sizes.type().contains("ncp") || r.sizes.type().startsWith("LTC") || r.sizes.type().startsWith("CfC"))) continue;
            StringBuilder s = new StringBuilder(r.policy + ": ");
            Tally nominal = r.cells.get("nominal");
            s.append(nominal == null ? "no nominal cell" : String.format(Locale.ROOT, "nominal %.0f%% (target ≥ 95%%: %s)", 100 * nominal.rate(),
                    nominal.rate() >= 0.95 ? "met" : "not met"));
            List<String> missed = new ArrayList<>();
            int moderate = 0;
            for (String c : StandardConditions.MODERATE) {
                Tally x = r.cells.get(c);
                if (x == null) continue;
                moderate++;
                if (x.rate() < 0.90) missed.add(String.format(Locale.ROOT, "%s %.0f%%", c, 100 * x.rate()));
            }
            if (moderate > 0) {
                s.append(missed.isEmpty() ? "; all " + moderate + " moderate cells ≥ 90% (met)"
                        : "; moderate cells below the 90% target: " + String.join(", ", missed.stream().sorted().toList()));
            }
            if (lstm != null && r.sizes.effectiveRecurrent() > 0) {
                double ratio = lstm.sizes.effectiveRecurrent() / (double) r.sizes.effectiveRecurrent();
                int better = 0, compared = 0;
                for (Map.Entry<String, Tally> c : r.cells.entrySet()) {
                    Tally l = lstm.cells.get(c.getKey());
                    if (c.getKey().equals("nominal") || l == null) continue;
                    compared++;
                    if (c.getValue().rate() >= l.rate()) better++;
                }
                s.append(String.format(Locale.ROOT, "; %.1f× fewer effective recurrent parameters than %s (target ≥ 20×: %s); equal or better than it in %d of %d perturbed cells",
                        ratio, lstm.policy, ratio >= 20 ? "met" : "not met", better, compared));
            }
            out.add(s.toString());
        }
        return out;
    }
}
