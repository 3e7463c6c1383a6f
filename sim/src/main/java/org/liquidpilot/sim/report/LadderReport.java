package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The report of a {@code sim sweep --ladder} folder (one with a {@code ladder.json}): per model group (the models
 * that differ only by a training-seed suffix {@code -sN} pooled; the expert its own group) and axis, success per
 * level with its Wilson interval, the AUC with its bootstrap interval (overall and per seed), the severity where
 * success falls below 50%, crashes per km, the mean of the episodes' 95th-percentile cross-track error and the mean
 * distance to the first failure; one curve figure per axis and one combined figure; and a line per axis saying
 * whether any two groups' AUC intervals are apart.
 */
public final class LadderReport {
    private LadderReport() {}

    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22)};

    /** One episode's row, as much of it as the measures read. */
    record Ep(boolean success, int crashes, double distanceM, double p95, Double firstFailureM) {}

    /** One model group on one axis. */
    public record GroupAxis(String group, List<String> members, double[] rate, int[] k, int[] n, LadderStats.Interval[] wilson,
                            double auc, LadderStats.Interval aucCi, double threshold, double crashesPerKm, double p95,
                            Double firstFailureM, double[] seedMin, double[] seedMax, List<SeedAuc> seeds) {
        boolean complete() {
            return !Double.isNaN(auc);
        }
    }

    /** One seed of a group: its own successes per level, AUC with its episodes-only bootstrap, threshold. */
    public record SeedAuc(String stem, int[] k, int[] n, double auc, LadderStats.Interval ci, double threshold) {}

    public record AxisResult(LadderFile.AxisCells axis, List<GroupAxis> groups, String separation) {}

    public record Result(String ladder, String scenario, List<AxisResult> axes, String html, String markdown, List<Path> figures) {}

    public static boolean isLadder(Path dir) {
        return Files.isRegularFile(dir.resolve(LadderFile.FILE));
    }

    /**
     * Reads the ladder folder, computes the measures and writes the figures into {@code figDir} as
     * {@code <stem>-ladder.png} (every axis, one panel each) and {@code <stem>-ladder-<axis>.png}; the HTML refers to
     * them relative to {@code figDir}.
     */
    public static Result write(Path ladderDir, Path figDir, String stem) throws IOException {
        JsonNode lj = LadderFile.read(ladderDir.resolve(LadderFile.FILE));
        List<LadderFile.AxisCells> axes = LadderFile.axes(lj);
        Map<String, Map<String, List<Ep>>> byPolicy = readCells(ladderDir);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        // the expert first: it is the ceiling the others are read against
        byPolicy.keySet().stream().sorted((a, b) -> a.equals("expert") ? -1 : b.equals("expert") ? 1 : a.compareTo(b))
                .forEach(p -> groups.computeIfAbsent(LadderStats.group(p), g -> new ArrayList<>()).add(p));
        List<AxisResult> results = new ArrayList<>();
        for (LadderFile.AxisCells a : axes) {
            List<GroupAxis> gs = new ArrayList<>();
            groups.forEach((g, members) -> gs.add(measure(g, members, a, byPolicy)));
            results.add(new AxisResult(a, gs, separation(gs)));
        }
        List<Path> figures = new ArrayList<>();
        Path combined = figDir.resolve(stem + "-ladder.png");
        ImageIO.write(combined(results), "png", combined.toFile());
        figures.add(combined);
        for (AxisResult r : results) {
            Path f = figDir.resolve(stem + "-ladder-" + r.axis().name() + ".png");
            int height = 420 + 18 * ((r.groups().size() + 2) / 3);
            BufferedImage img = new BufferedImage(720, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = graphics(img);
            panel(g, 0, 0, 720, height, r.axis().name() + ": " + r.axis().description(), r.groups(), false);
            g.dispose();
            ImageIO.write(img, "png", f.toFile());
            figures.add(f);
        }
        String ladder = lj.path("ladder").asText(), scenario = lj.path("scenario").asText();
        return new Result(ladder, scenario, results, html(ladder, scenario, results, stem), markdown(ladder, scenario, results), figures);
    }

    /** policy folder → cell → episodes, for every cell with a metrics.json and a cell.json. */
    static Map<String, Map<String, List<Ep>>> readCells(Path dir) throws IOException {
        Map<String, Map<String, List<Ep>>> out = new java.util.TreeMap<>();
        List<Path> found;
        try (Stream<Path> s = Files.find(dir, 3, (p, at) -> at.isRegularFile() && p.getFileName().toString().equals("metrics.json"))) {
            found = s.sorted().limit(100_000).toList();
        }
        for (Path f : found) {
            Path cell = f.getParent();
            if (!Files.isRegularFile(cell.resolve(ConditionSweep.CELL_FILE)) || cell.getParent() == null || !cell.getParent().getParent().equals(dir)) continue;
            JsonNode m = MetricsJson.MAPPER.readTree(f.toFile());
            List<Ep> eps = new ArrayList<>();
            for (JsonNode e : m.path("episodes")) {
                JsonNode ff = e.path("first_failure");
                eps.add(new Ep(e.path("success").asBoolean(), e.path("crashes").asInt(), e.path("distance_m").asDouble(),
                        e.path("cross_track_p95_m").isNumber() ? e.path("cross_track_p95_m").asDouble() : Double.NaN,
                        ff.isObject() ? ff.path("distance_m").asDouble() : null));
            }
            out.computeIfAbsent(cell.getParent().getFileName().toString(), k -> new LinkedHashMap<>()).put(cell.getFileName().toString(), eps);
        }
        return out;
    }

    static GroupAxis measure(String group, List<String> members, LadderFile.AxisCells a, Map<String, Map<String, List<Ep>>> byPolicy) {
        int levels = a.cells().size();
        boolean[][][] success = new boolean[members.size()][levels][];
        boolean complete = true;
        int crashes = 0, p95n = 0, ffn = 0;
        double dist = 0, p95 = 0, ff = 0;
        double[] seedMin = new double[levels], seedMax = new double[levels];
        java.util.Arrays.fill(seedMin, Double.NaN);
        java.util.Arrays.fill(seedMax, Double.NaN);
        List<SeedAuc> seeds = new ArrayList<>();
        for (int s = 0; s < members.size(); s++) {
            Map<String, List<Ep>> cells = byPolicy.getOrDefault(members.get(s), Map.of());
            double[] own = new double[levels];
            int[] ownK = new int[levels], ownN = new int[levels];
            for (int l = 0; l < levels; l++) {
                List<Ep> eps = cells.getOrDefault(a.cells().get(l), List.of());
                success[s][l] = new boolean[eps.size()];
                int k = 0;
                for (int i = 0; i < eps.size(); i++) {
                    Ep e = eps.get(i);
                    success[s][l][i] = e.success();
                    if (e.success()) k++;
                    crashes += e.crashes();
                    dist += e.distanceM();
                    if (!Double.isNaN(e.p95())) {
                        p95 += e.p95();
                        p95n++;
                    }
                    if (e.firstFailureM() != null) {
                        ff += e.firstFailureM();
                        ffn++;
                    }
                }
                ownK[l] = k;
                ownN[l] = eps.size();
                if (eps.isEmpty()) complete = false;
                own[l] = eps.isEmpty() ? Double.NaN : k / (double) eps.size();
                seedMin[l] = Double.isNaN(seedMin[l]) ? own[l] : Math.min(seedMin[l], own[l]);
                seedMax[l] = Double.isNaN(seedMax[l]) ? own[l] : Math.max(seedMax[l], own[l]);
            }
            if (members.size() > 1) {
                boolean ok = java.util.Arrays.stream(own).noneMatch(Double::isNaN);
                seeds.add(new SeedAuc(members.get(s), ownK, ownN, ok ? LadderStats.auc(own) : Double.NaN,
                        ok ? LadderStats.bootstrapAuc(new boolean[][][]{success[s]}, LadderStats.RESAMPLES, LadderStats.BOOTSTRAP_SEED)
                                : new LadderStats.Interval(Double.NaN, Double.NaN), LadderStats.threshold(own)));
            }
        }
        int[] k = new int[levels], n = new int[levels];
        LadderStats.Interval[] w = new LadderStats.Interval[levels];
        for (int l = 0; l < levels; l++) {
            for (boolean[][] s : success) {
                for (boolean b : s[l]) if (b) k[l]++;
                n[l] += s[l].length;
            }
            w[l] = LadderStats.wilson(k[l], n[l]);
        }
        double[] rate = LadderStats.pooledRates(success);
        double auc = complete ? LadderStats.auc(rate) : Double.NaN;
        LadderStats.Interval ci = complete ? LadderStats.bootstrapAuc(success, LadderStats.RESAMPLES, LadderStats.BOOTSTRAP_SEED)
                : new LadderStats.Interval(Double.NaN, Double.NaN);
        return new GroupAxis(group, List.copyOf(members), rate, k, n, w, auc, ci, complete ? LadderStats.threshold(rate) : Double.NaN,
                LadderStats.crashesPerKm(crashes, dist), p95n == 0 ? Double.NaN : p95 / p95n, ffn == 0 ? null : ff / ffn, seedMin, seedMax, seeds);
    }

    /**
     * Which models' AUC intervals are apart (the claim is about models, so the expert is left out of the pairs); if
     * none, the closest pair, by how much their intervals overlap. Then which models lie wholly below the expert.
     */
    static String separation(List<GroupAxis> gs) {
        List<GroupAxis> done = gs.stream().filter(GroupAxis::complete).toList();
        List<GroupAxis> models = done.stream().filter(g -> !expert(g)).toList();
        String below = done.stream().filter(LadderReport::expert).findFirst()
                .map(e -> models.stream().filter(m -> !m.aucCi().overlaps(e.aucCi())).map(GroupAxis::group).toList())
                .filter(l -> !l.isEmpty()).map(l -> "; below the expert's interval: " + String.join(", ", l)).orElse("");
        if (models.size() < 2) return "fewer than two models with every level done: nothing to compare" + below;
        List<String> apart = new ArrayList<>();
        String closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                GroupAxis a = models.get(i), b = models.get(j);
                if (!a.aucCi().overlaps(b.aucCi())) apart.add(a.group() + " vs " + b.group());
                else {
                    double gap = a.aucCi().gap(b.aucCi());
                    if (gap > best) {
                        best = gap;
                        closest = String.format(Locale.ROOT, "%s vs %s (intervals overlap by %.3f)", a.group(), b.group(), Math.max(0, -gap));
                    }
                }
            }
        }
        if (!apart.isEmpty()) return "models' AUC intervals apart: " + String.join(", ", apart) + below;
        return "no two models' AUC intervals are apart; closest: " + closest + below;
    }

    private static String pct(int k, int n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.0f%% (%d/%d)", 100.0 * k / n, k, n);
    }

    private static String num(double v, String fmt) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, fmt, v);
    }

    private static String auc(double v, LadderStats.Interval ci) {
        return Double.isNaN(v) ? "incomplete" : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v, ci.lo(), ci.hi());
    }

    private static String threshold(GroupAxis g) {
        return !g.complete() ? "–" : Double.isNaN(g.threshold()) ? "none" : String.format(Locale.ROOT, "%.2f", g.threshold());
    }

    private static List<String> row(GroupAxis g) {
        List<String> r = new ArrayList<>();
        r.add(g.group() + (g.members().size() > 1 ? " (" + g.members().size() + " seeds)" : ""));
        for (int l = 0; l < g.rate().length; l++) r.add(pct(g.k()[l], g.n()[l]));
        r.add(auc(g.auc(), g.aucCi()));
        r.add(threshold(g));
        r.add(num(g.crashesPerKm(), "%.2f"));
        r.add(num(g.p95(), "%.3f"));
        r.add(g.firstFailureM() == null ? "–" : String.format(Locale.ROOT, "%.1f", g.firstFailureM()));
        return r;
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(List.of("model"));
        for (int l = 0; l <= Ladders.LEVELS; l++) h.add("L" + l);
        h.addAll(List.of("AUC [95% bootstrap]", "50% threshold", "crashes/km", "p95 XTE (m)", "first failure (m)"));
        return h;
    }

    static String markdown(String ladder, String scenario, List<AxisResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("## Severity ladder: ").append(ladder).append(" on ").append(scenario).append("\n\n");
        b.append("AUC per model group (success over levels 0..5, trapezoid, normalised to 0..1; 95% bootstrap interval):\n\n");
        List<String> groups = results.isEmpty() ? List.of() : results.get(0).groups().stream().map(GroupAxis::group).toList();
        b.append("| axis |");
        for (String g : groups) b.append(' ').append(g).append(" |");
        b.append("\n|---|").append("---|".repeat(groups.size())).append('\n');
        for (AxisResult r : results) {
            b.append("| ").append(r.axis().name()).append(" |");
            for (GroupAxis g : r.groups()) b.append(' ').append(auc(g.auc(), g.aucCi())).append(" |");
            b.append('\n');
        }
        for (AxisResult r : results) {
            b.append("\n### ").append(r.axis().name()).append("\n\n").append(r.axis().description()).append(".\n\n");
            List<String> h = header();
            b.append("| ").append(String.join(" | ", h)).append(" |\n|").append("---|".repeat(h.size())).append('\n');
            for (GroupAxis g : r.groups()) {
                b.append("| ").append(String.join(" | ", row(g))).append(" |\n");
                for (SeedAuc s : g.seeds()) {
                    b.append("| ↳ ").append(s.stem()).append(" |");
                    for (int l = 0; l < s.k().length; l++) b.append(' ').append(pct(s.k()[l], s.n()[l])).append(" |");
                    b.append(' ').append(auc(s.auc(), s.ci()))
                            .append(" | ").append(Double.isNaN(s.threshold()) ? "none" : String.format(Locale.ROOT, "%.2f", s.threshold())).append(" | | | |\n");
                }
            }
            b.append("\n").append(r.separation()).append(".\n");
        }
        return b.toString();
    }

    static String html(String ladder, String scenario, List<AxisResult> results, String stem) {
        StringBuilder h = new StringBuilder();
        h.append("<h2>Severity ladder: ").append(Html.esc(ladder)).append(" on ").append(Html.esc(scenario)).append("</h2>\n");
        h.append("<p>Success per level with Wilson 95% intervals, one curve per model group (seeds pooled; the shaded band is the spread between seeds), ")
                .append("the expert dashed. AUC: trapezoid over levels 0..5, normalised to 0..1, with a 95% bootstrap interval (")
                .append(LadderStats.RESAMPLES).append(" resamples, episodes paired across levels, seeds resampled within a group).</p>\n");
        h.append("<p><img style=\"width:auto;max-width:100%\" src=\"").append(Html.esc(stem + "-ladder.png")).append("\"></p>\n");
        h.append("<table><tr><th>axis</th>");
        if (!results.isEmpty()) for (GroupAxis g : results.get(0).groups()) h.append("<th>").append(Html.esc(g.group())).append("</th>");
        h.append("<th>separation</th></tr>\n");
        for (AxisResult r : results) {
            h.append("<tr><td>").append(Html.esc(r.axis().name())).append("</td>");
            for (GroupAxis g : r.groups()) h.append("<td>").append(Html.esc(auc(g.auc(), g.aucCi()))).append("</td>");
            h.append("<td>").append(Html.esc(r.separation())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (AxisResult r : results) {
            h.append("<h3>").append(Html.esc(r.axis().name())).append("</h3>\n<p>").append(Html.esc(r.axis().description())).append(". ")
                    .append(Html.esc(r.separation())).append(".</p>\n");
            h.append("<p><img style=\"width:auto;max-width:100%\" src=\"").append(Html.esc(stem + "-ladder-" + r.axis().name() + ".png")).append("\"></p>\n");
            h.append("<table><tr>");
            for (String c : header()) h.append("<th>").append(Html.esc(c)).append("</th>");
            h.append("</tr>\n");
            for (GroupAxis g : r.groups()) {
                h.append("<tr>");
                for (String c : row(g)) h.append("<td>").append(Html.esc(c)).append("</td>");
                h.append("</tr>\n");
                for (SeedAuc s : g.seeds()) {
                    h.append("<tr><td>&nbsp;&nbsp;").append(Html.esc(s.stem())).append("</td>");
                    for (int l = 0; l < s.k().length; l++) h.append("<td>").append(Html.esc(pct(s.k()[l], s.n()[l]))).append("</td>");
                    h.append("<td>").append(Html.esc(auc(s.auc(), s.ci()))).append("</td><td>")
                            .append(Double.isNaN(s.threshold()) ? "none" : String.format(Locale.ROOT, "%.2f", s.threshold())).append("</td><td colspan=\"3\"></td></tr>\n");
                }
            }
            h.append("</table>\n");
        }
        return h.toString();
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    /** Every axis in one image: three panels a row, one legend below. */
    static BufferedImage combined(List<AxisResult> results) {
        int cols = Math.min(3, Math.max(1, results.size())), rows = (results.size() + cols - 1) / cols;
        int pw = 360, ph = 250;
        List<GroupAxis> legend = results.isEmpty() ? List.of() : results.get(0).groups();
        int perRow = Math.max(1, cols * pw / 200);
        int legendH = 22 * ((legend.size() + perRow - 1) / perRow) + 10;
        BufferedImage img = new BufferedImage(cols * pw, Math.max(1, rows) * ph + legendH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        for (int i = 0; i < results.size(); i++) {
            panel(g, (i % cols) * pw, (i / cols) * ph, pw, ph, results.get(i).axis().name(), results.get(i).groups(), true);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < legend.size(); i++) {
            int x = 20 + (i % perRow) * (cols * pw / perRow), y = rows * ph + 18 + 22 * (i / perRow);
            legendEntry(g, x, y, i, legend.get(i));
        }
        g.dispose();
        return img;
    }

    private static void legendEntry(Graphics2D g, int x, int y, int i, GroupAxis s) {
        g.setColor(colour(i, s));
        Stroke old = g.getStroke();
        g.setStroke(stroke(s, 2f));
        g.drawLine(x, y - 4, x + 28, y - 4);
        g.setStroke(old);
        g.setColor(Color.DARK_GRAY);
        g.drawString(s.group() + (s.members().size() > 1 ? " (" + s.members().size() + " seeds)" : ""), x + 34, y);
    }

    private static boolean expert(GroupAxis s) {
        return s.group().equals("expert");
    }

    private static Color colour(int i, GroupAxis s) {
        return expert(s) ? Color.BLACK : PALETTE[i % PALETTE.length];
    }

    private static Stroke stroke(GroupAxis s, float w) {
        return expert(s) ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[]{8, 5}, 0) : new BasicStroke(w);
    }

    /** One axis: x = level 0..5, y = success 0..1, Wilson bars, the seeds' spread as a band, the expert dashed. */
    static void panel(Graphics2D g, int x0, int y0, int w, int h, String title, List<GroupAxis> series, boolean small) {
        int legendRows = (series.size() + 2) / 3;
        int left = x0 + 48, right = x0 + w - 14, top = y0 + (small ? 26 : 34), bottom = y0 + h - (small ? 34 : 48 + 18 * legendRows);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, small ? 13 : 14));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, x0 + 10, y0 + (small ? 17 : 22));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int levels = Ladders.LEVELS + 1;
        for (int t = 0; t <= 4; t++) {
            int y = bottom - (bottom - top) * t / 4;
            g.setColor(t == 2 ? new Color(0xbbbbbb) : new Color(0xeeeeee));
            g.drawLine(left, y, right, y);
            g.setColor(Color.GRAY);
            g.drawString(String.format(Locale.ROOT, "%d%%", 25 * t), x0 + 8, y + 4);
        }
        for (int l = 0; l < levels; l++) {
            int x = left + (right - left) * l / (levels - 1);
            g.setColor(Color.GRAY);
            g.drawString(Integer.toString(l), x - 3, bottom + 15);
        }
        if (!small) g.drawString("severity level (0 = baseline)", (left + right) / 2 - 70, bottom + 32);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, right - left, bottom - top);
        for (int i = 0; i < series.size(); i++) {
            GroupAxis s = series.get(i);
            Color c = colour(i, s);
            int dx = (i - (series.size() - 1) / 2) * 3; // a small offset so bars of equal values stay visible
            if (s.members().size() > 1) {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
                java.awt.geom.Path2D band = new java.awt.geom.Path2D.Double();
                boolean any = false;
                for (int l = 0; l < levels; l++) {
                    if (Double.isNaN(s.seedMax()[l])) continue;
                    double x = px(left, right, l, levels) + dx, y = py(top, bottom, s.seedMax()[l]);
                    if (!any) band.moveTo(x, y); else band.lineTo(x, y);
                    any = true;
                }
                for (int l = levels - 1; l >= 0; l--) {
                    if (!Double.isNaN(s.seedMin()[l])) band.lineTo(px(left, right, l, levels) + dx, py(top, bottom, s.seedMin()[l]));
                }
                if (any) g.fill(band);
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(1f));
            for (int l = 0; l < levels; l++) {
                if (s.n()[l] == 0) continue;
                int x = (int) px(left, right, l, levels) + dx;
                int ylo = (int) py(top, bottom, s.wilson()[l].lo()), yhi = (int) py(top, bottom, s.wilson()[l].hi());
                g.drawLine(x, ylo, x, yhi);
                g.drawLine(x - 3, ylo, x + 3, ylo);
                g.drawLine(x - 3, yhi, x + 3, yhi);
            }
            g.setStroke(stroke(s, 2f));
            int px = -1, py = -1;
            for (int l = 0; l < levels; l++) {
                if (Double.isNaN(s.rate()[l])) {
                    px = -1;
                    continue;
                }
                int x = (int) px(left, right, l, levels) + dx, y = (int) py(top, bottom, s.rate()[l]);
                if (px >= 0) g.drawLine(px, py, x, y);
                g.fillOval(x - 3, y - 3, 6, 6);
                px = x;
                py = y;
            }
            g.setStroke(new BasicStroke(1f));
        }
        if (!small) {
            for (int i = 0; i < series.size(); i++) legendEntry(g, x0 + 60 + (i % 3) * ((w - 60) / 3), bottom + 54 + 18 * (i / 3), i, series.get(i));
        }
    }

    private static double px(int left, int right, int l, int levels) {
        return left + (right - left) * l / (double) (levels - 1);
    }

    private static double py(int top, int bottom, double v) {
        return bottom - (bottom - top) * v;
    }
}
