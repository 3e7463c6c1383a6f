package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A perturbation grid: every combination of the grid values applied to a base scenario, each run for a few
 * episodes. Writes {@code sweep.csv} (one row per cell) and {@code sweep.png}, a heat map of the success rate over
 * the first two grid keys (averaged over any further keys) with the mean cross-track error printed in each cell.
 */
public final class GridSweep {
    public static final int MAX_CELLS = 1000;

    /** Parses {@code key=v1,v2,...} entries, in order. */
    public static LinkedHashMap<String, List<String>> parseGrid(List<String> specs) {
        LinkedHashMap<String, List<String>> grid = new LinkedHashMap<>();
        long cells = 1;
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) throw new IllegalArgumentException("--grid wants key=v1,v2,..., not '" + spec + "'");
            String key = spec.substring(0, eq).trim();
            List<String> values = List.of(spec.substring(eq + 1).split(","));
            if (values.stream().anyMatch(String::isBlank)) throw new IllegalArgumentException("--grid " + key + " has an empty value");
            if (grid.put(key, values) != null) throw new IllegalArgumentException("--grid " + key + " is given twice");
            cells *= values.size();
            if (cells > MAX_CELLS) throw new IllegalArgumentException("the grid has more than " + MAX_CELLS + " cells");
        }
        if (grid.isEmpty()) throw new IllegalArgumentException("give at least one --grid key=v1,v2");
        return grid;
    }

    /** Every cell's scenario, validated before anything runs. */
    public static List<Map.Entry<List<String>, Scenario>> cells(ObjectNode base, LinkedHashMap<String, List<String>> grid, int episodes) {
        List<String> keys = new ArrayList<>(grid.keySet());
        List<Map.Entry<List<String>, Scenario>> out = new ArrayList<>();
        int[] idx = new int[keys.size()];
        while (true) {
            ObjectNode tree = base.deepCopy();
            List<String> values = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                String v = grid.get(keys.get(k)).get(idx[k]);
                Scenarios.override(tree, keys.get(k), v);
                values.add(v);
            }
            Scenario sc = Scenarios.toScenario(tree).withEpisodes(episodes);
            out.add(Map.entry(values, sc.withName(sc.name() + "[" + String.join(",", values) + "]")));
            int k = keys.size() - 1;
            while (k >= 0 && ++idx[k] == grid.get(keys.get(k)).size()) idx[k--] = 0;
            if (k < 0) return out;
        }
    }

    public static List<RunMetrics> run(List<Map.Entry<List<String>, Scenario>> cells, FrameSource frames,
                                       java.util.function.Function<Scenario, DrivingPolicy> policies, String policyName,
                                       PrintStream progressTo) {
        List<RunMetrics> results = new ArrayList<>();
        int total = cells.stream().mapToInt(c -> c.getValue().episodes()).sum();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(progressTo))
                .setUpdateIntervalMillis(200).build()) {
            for (Map.Entry<List<String>, Scenario> cell : cells) {
                Scenario sc = cell.getValue();
                StepListener tick = new StepListener() {
                    @Override public void onStep(int e, int s, double t, org.liquidpilot.sim.dynamics.VehicleState st,
                                                 org.liquidpilot.perception.RgbFrame f, VehicleCommand c, boolean i) {}
                    @Override public void onEpisodeEnd(int e, org.liquidpilot.sim.run.EpisodeMetrics m) { bar.step(); }
                };
                results.add(new ClosedLoopRunner(sc, frames).run(policies.apply(sc), policyName, tick));
            }
        }
        return results;
    }

    public static void writeCsv(List<String> keys, List<Map.Entry<List<String>, Scenario>> cells, List<RunMetrics> results, Path file) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", keys))
                .append(",episodes,success_rate,crashes_per_episode,cross_track_mean_m,cross_track_max_m,autonomy_pct,steering_jerk\n");
        for (int i = 0; i < cells.size(); i++) {
            RunMetrics.Summary s = results.get(i).summary();
            b.append(String.join(",", cells.get(i).getKey())).append(String.format(Locale.ROOT, ",%d,%.4f,%.4f,%.4f,%.4f,%.2f,%.4f%n",
                    s.episodes(), s.successRate(), s.crashesPerEpisode(), s.crossTrackMeanM(), s.crossTrackMaxM(), s.autonomyPct(), s.steeringJerk()));
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    public static void writeHeatMap(LinkedHashMap<String, List<String>> grid, List<Map.Entry<List<String>, Scenario>> cells,
                                    List<RunMetrics> results, Path file) throws IOException {
        List<String> keys = new ArrayList<>(grid.keySet());
        List<String> xv = grid.get(keys.get(0));
        List<String> yv = keys.size() > 1 ? grid.get(keys.get(1)) : List.of("");
        double[][] success = new double[yv.size()][xv.size()], cte = new double[yv.size()][xv.size()];
        int[][] count = new int[yv.size()][xv.size()];
        for (int i = 0; i < cells.size(); i++) {
            List<String> v = cells.get(i).getKey();
            int x = xv.indexOf(v.get(0)), y = keys.size() > 1 ? yv.indexOf(v.get(1)) : 0;
            success[y][x] += results.get(i).summary().successRate();
            cte[y][x] += results.get(i).summary().crossTrackMeanM();
            count[y][x]++;
        }
        int cw = 110, ch = 60, left = 120, top = 50;
        int w = left + cw * xv.size() + 20, h = top + ch * yv.size() + 50;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int y = 0; y < yv.size(); y++) {
            for (int x = 0; x < xv.size(); x++) {
                double s = count[y][x] == 0 ? 0 : success[y][x] / count[y][x];
                g.setColor(new Color((float) (0.85 * (1 - s) + 0.1), (float) (0.2 + 0.6 * s), 0.25f));
                g.fillRect(left + x * cw, top + y * ch, cw - 2, ch - 2);
                g.setColor(Color.WHITE);
                g.drawString(String.format(Locale.ROOT, "success %.0f%%", 100 * s), left + x * cw + 8, top + y * ch + 24);
                g.drawString(String.format(Locale.ROOT, "cte %.2f m", count[y][x] == 0 ? 0 : cte[y][x] / count[y][x]), left + x * cw + 8, top + y * ch + 42);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(keys.size() > 1 ? keys.get(1) + "=" + yv.get(y) : "", 8, top + y * ch + ch / 2);
        }
        for (int x = 0; x < xv.size(); x++) g.drawString(keys.get(0) + "=" + xv.get(x), left + x * cw + 8, top - 10);
        g.drawString("success rate (colour) and mean cross-track error per cell" + (keys.size() > 2 ? ", averaged over " + keys.subList(2, keys.size()) : ""),
                8, h - 18);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
