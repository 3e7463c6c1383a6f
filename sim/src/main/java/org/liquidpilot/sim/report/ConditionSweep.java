package org.liquidpilot.sim.report;

import org.liquidpilot.pilot.VehicleCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.World;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every policy over every named condition cell (one perturbation at a time), laid out as
 * {@code OUT/<policy>/<cell>/metrics.json} plus {@code cell.json} (the policy's model file, the overrides, seed,
 * duration and episode count), {@code OUT/sweep.csv} (one row per policy × cell) and {@code OUT/sweep.png}
 * (policy × cell success heat map), and for a policy that is a {@link NeuronProbe} (a model) the first episode's
 * neuron trace as {@code neurons.csv}. A cell whose {@code cell.json} matches what is asked is not run again, so an
 * interrupted sweep resumes where it stopped; a done model cell without a trace (from before traces were recorded)
 * re-drives only its first episode to record one.
 */
public final class ConditionSweep {
    public static final int MAX_CELLS = 200;
    public static final int MAX_POLICIES = 50;
    public static final String CELL_FILE = "cell.json";

    private ConditionSweep() {}

    public record Cell(SweepCondition condition, Scenario scenario) {}

    /** One policy × cell result, read back from its metrics.json whether it was just run or resumed. */
    public record Outcome(SweepPolicy policy, Cell cell, Path dir, JsonNode metrics, boolean resumed) {}

    /**
     * Each condition applied to the base scenario (seed and duration first, when given), validated before anything
     * runs: unknown keys, bad values, duplicate names and cells that change the camera size are errors.
     */
    public static List<Cell> cells(ObjectNode base, List<SweepCondition> conditions, int episodes, Long seed, Double durationS) {
        if (conditions.isEmpty()) throw new IllegalArgumentException("the sweep grid is empty: give --conditions standard or --condition NAME[:key=v,...]");
        if (conditions.size() > MAX_CELLS) throw new IllegalArgumentException("more than " + MAX_CELLS + " conditions");
        Set<String> names = new HashSet<>();
        List<Cell> cells = new ArrayList<>();
        for (SweepCondition c : conditions) {
            if (!names.add(c.name())) throw new IllegalArgumentException("condition '" + c.name() + "' is given twice");
            ObjectNode tree = base.deepCopy();
            if (seed != null) tree.put("seed", seed);
            if (durationS != null) tree.put("duration_s", durationS);
            Scenario sc;
            try {
                c.overrides().forEach((k, v) -> Scenarios.override(tree, k, v));
                sc = Scenarios.toScenario(tree).withEpisodes(episodes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("condition " + c.name() + ": " + e.getMessage(), e);
            }
            cells.add(new Cell(c, sc.withName(sc.name() + "/" + c.name())));
        }
        Scenario.Camera first = cells.get(0).scenario().camera();
        for (Cell c : cells) {
            Scenario.Camera cam = c.scenario().camera();
            if (cam.width() != first.width() || cam.height() != first.height()) {
                throw new IllegalArgumentException("condition " + c.condition().name() + " changes the camera size (" + cam.width() + "x" + cam.height()
                        + " vs " + first.width() + "x" + first.height() + "): one sweep renders at one size");
            }
        }
        return cells;
    }

    /** At least one policy, and no two writing into the same folder. */
    public static void checkPolicies(List<SweepPolicy> policies) {
        if (policies.isEmpty() || policies.size() > MAX_POLICIES) throw new IllegalArgumentException("a sweep needs 1.." + MAX_POLICIES + " policies");
        Set<String> stems = new HashSet<>();
        for (SweepPolicy p : policies) {
            if (!stems.add(p.stem())) throw new IllegalArgumentException("two policies share the folder name '" + p.stem() + "': rename one file");
        }
    }

    /**
     * {@code --shard i/n}: of the sweep's (policy x cell) jobs, numbered policy by policy in cell order from 0, this
     * process runs those with {@code job % n == i - 1}. Processes given {@code 1/n .. n/n} over the same output
     * folder share the sweep without ever writing the same cell.
     */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(1, 1);
        public static final int MAX = 1000;

        public Shard {
            if (count < 1 || count > MAX || index < 1 || index > count) {
                throw new IllegalArgumentException("--shard must be i/n with 1 <= i <= n <= " + MAX + ", not " + index + "/" + count);
            }
        }

        public static Shard parse(String spec) {
            if (spec == null || !spec.matches("\\d{1,4}/\\d{1,4}")) throw new IllegalArgumentException("--shard must be i/n, e.g. 1/2, not '" + spec + "'");
            String[] p = spec.split("/");
            return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
        }

        public boolean owns(long job) {
            return job % count == index - 1;
        }
    }

    /** Runs what is not already done (everything with {@code force}), then writes sweep.csv and sweep.png. */
    public static List<Outcome> run(List<SweepPolicy> policies, List<Cell> cells, Path out, boolean force, boolean plots,
                                    FrameSource frames, PrintStream progressTo) throws IOException {
        return run(policies, cells, out, force, plots, frames, progressTo, Shard.ALL);
    }

    /**
     * Runs this shard's jobs that are not already done, then writes sweep.csv and sweep.png from every cell that is
     * done, this shard's and the others' (read back from their metrics.json). A cell done earlier with fewer
     * episodes but otherwise the same record is extended: only the new episodes run (episode seeds follow the
     * episode index, so they are the episodes a longer run would have driven) and their rows join the old ones.
     */
    public static List<Outcome> run(List<SweepPolicy> policies, List<Cell> cells, Path out, boolean force, boolean plots,
                                    FrameSource frames, PrintStream progressTo, Shard shard) throws IOException {
        List<Outcome> outcomes = execute(policies, cells, out, force, plots, frames, progressTo, shard);
        writeSummary(policies, cells, outcomes, out);
        return outcomes;
    }

    /** sweep.csv and sweep.png over the outcomes; written through a temporary file, since shards share them. */
    public static void writeSummary(List<SweepPolicy> policies, List<Cell> cells, List<Outcome> outcomes, Path out) throws IOException {
        Path csv = Files.createTempFile(out, ".sweep", ".csv"), png = Files.createTempFile(out, ".sweep", ".png");
        try {
            writeCsv(outcomes, csv);
            SweepHeatMap.write(policies, cells, outcomes, png);
            Files.move(csv, out.resolve("sweep.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.move(png, out.resolve("sweep.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(png);
        }
    }

    /**
     * Every cell that is done under {@code out} with the policy's model and the cell's overrides, seed and duration,
     * whatever its episode count (a topped-up cell has more episodes than the first pass asked).
     */
    public static List<Outcome> collect(List<SweepPolicy> policies, List<Cell> cells, Path out) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (SweepPolicy p : policies) {
            for (Cell c : cells) {
                Path d = dir(out, p, c);
                int n = recordedEpisodes(p, c, d);
                if (n > 0) outcomes.add(new Outcome(p, new Cell(c.condition(), c.scenario().withEpisodes(n)), d,
                        MetricsJson.MAPPER.readTree(d.resolve("metrics.json").toFile()), true));
            }
        }
        return outcomes;
    }

    /** The jobs of the shard, in order: job {@code p * cells + c}. */
    public static List<long[]> jobs(int policies, int cells, Shard shard) {
        List<long[]> jobs = new ArrayList<>();
        for (int p = 0; p < policies; p++) {
            for (int c = 0; c < cells; c++) {
                if (shard.owns((long) p * cells + c)) jobs.add(new long[]{p, c});
            }
        }
        return jobs;
    }

    /** Runs this shard's jobs that are not done; returns the outcomes of every done cell, its own and the others'. */
    public static List<Outcome> execute(List<SweepPolicy> policies, List<Cell> cells, Path out, boolean force, boolean plots,
                                        FrameSource frames, PrintStream progressTo, Shard shard) throws IOException {
        return execute(policies, cells, out, force, plots, frames, progressTo, shard, 0, false);
    }

    /**
     * The same for policies that are a part of a larger sweep's list beginning at {@code firstPolicy}: the jobs keep
     * the numbers they have in the whole sweep, so each stays with its shard. With {@code keepLonger} a cell done
     * with more episodes than asked (topped up by a ladder) counts as done, not as one to recompute.
     */
    public static List<Outcome> execute(List<SweepPolicy> policies, List<Cell> cells, Path out, boolean force, boolean plots,
                                        FrameSource frames, PrintStream progressTo, Shard shard, int firstPolicy, boolean keepLonger) throws IOException {
        checkPolicies(policies);
        List<Outcome> outcomes = new ArrayList<>();
        long todo = 0;
        for (int pi = 0; pi < policies.size(); pi++) {
            SweepPolicy p = policies.get(pi);
            for (int ci = 0; ci < cells.size(); ci++) {
                Cell c = cells.get(ci);
                if (!shard.owns((long) (firstPolicy + pi) * cells.size() + ci)) continue;
                Path d = dir(out, p, c);
                if (force || !done(p, c, d) && !(keepLonger && recordedEpisodes(p, c, d) > c.scenario().episodes())) todo += c.scenario().episodes() - (force ? 0 : extendable(p, c, d));
                else if (lacksTrace(p, d)) todo++;
            }
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(todo).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(progressTo)).setUpdateIntervalMillis(500).build()) {
            for (int pi = 0; pi < policies.size(); pi++) {
                SweepPolicy p = policies.get(pi);
                for (int ci = 0; ci < cells.size(); ci++) {
                    Cell c = cells.get(ci);
                    Path d = dir(out, p, c);
                    if (!shard.owns((long) (firstPolicy + pi) * cells.size() + ci)) {
                        // Another shard's cell: in the tables once it is done, never written here.
                        if (done(p, c, d)) outcomes.add(new Outcome(p, c, d, MetricsJson.MAPPER.readTree(d.resolve("metrics.json").toFile()), true));
                        continue;
                    }
                    boolean resumed = !force && (done(p, c, d) || keepLonger && recordedEpisodes(p, c, d) > c.scenario().episodes());
                    int have = resumed || force ? 0 : extendable(p, c, d);
                    if (have > 0) {
                        bar.setExtraMessage(p.stem() + "/" + c.condition().name() + " +" + (c.scenario().episodes() - have));
                        DrivingPolicy policy = p.factory().apply(c.scenario());
                        List<StepListener> inner = new ArrayList<>();
                        if (plots) inner.add(new RunOutputs(c.scenario(), d, false));
                        StepListener listener = new Ticking(inner.isEmpty() ? null : StepListener.all(inner.toArray(StepListener[]::new)), bar);
                        RunMetrics added = new ClosedLoopRunner(c.scenario(), frames).run(policy, p.description(), listener, have);
                        JsonNode old = MetricsJson.MAPPER.readTree(d.resolve("metrics.json").toFile());
                        ObjectNode record = (ObjectNode) MetricsJson.MAPPER.readTree(d.resolve(CELL_FILE).toFile());
                        Files.deleteIfExists(d.resolve(CELL_FILE));
                        MetricsJson.write(merge(old, added), d.resolve("metrics.json"));
                        record.put("episodes", c.scenario().episodes());
                        MetricsJson.MAPPER.writeValue(d.resolve(CELL_FILE).toFile(), record);
                    } else if (!resumed) {
                        bar.setExtraMessage(p.stem() + "/" + c.condition().name());
                        Files.createDirectories(d);
                        Files.deleteIfExists(d.resolve(CELL_FILE));
                        Files.deleteIfExists(d.resolve(NeuronTrace.FILE));
                        DrivingPolicy policy = p.factory().apply(c.scenario());
                        List<StepListener> inner = new ArrayList<>();
                        if (plots) inner.add(new RunOutputs(c.scenario(), d, false));
                        if (traced(policy)) inner.add(new NeuronTraceListener((NeuronProbe) policy, d.resolve(NeuronTrace.FILE)));
                        StepListener listener = new Ticking(inner.isEmpty() ? null : StepListener.all(inner.toArray(StepListener[]::new)), bar);
                        RunMetrics m = new ClosedLoopRunner(c.scenario(), frames).run(policy, p.description(), listener);
                        MetricsJson.write(m, d.resolve("metrics.json"));
                        MetricsJson.MAPPER.writeValue(d.resolve(CELL_FILE).toFile(), withTrace(cellRecord(p, c), policy, d));
                    } else if (lacksTrace(p, d)) {
                        // A cell done before sweeps recorded neurons: re-drive its first episode (same seed: same road,
                        // gusts and noise) for the trace, a twentieth of redoing the cell.
                        bar.setExtraMessage(p.stem() + "/" + c.condition().name() + " neurons");
                        DrivingPolicy policy = p.factory().apply(c.scenario());
                        if (traced(policy)) {
                            NeuronProbe probe = (NeuronProbe) policy;
                            new ClosedLoopRunner(c.scenario().withEpisodes(1), frames).run(policy, p.description(),
                                    new Ticking(new NeuronTraceListener(probe, d.resolve(NeuronTrace.FILE)), bar));
                            ObjectNode record = (ObjectNode) MetricsJson.MAPPER.readTree(d.resolve(CELL_FILE).toFile());
                            MetricsJson.MAPPER.writeValue(d.resolve(CELL_FILE).toFile(), withTrace(record, policy, d));
                        } else {
                            bar.step();
                        }
                    }
                    outcomes.add(new Outcome(p, c, d, MetricsJson.MAPPER.readTree(d.resolve("metrics.json").toFile()), resumed));
                }
            }
        }
        writeCsv(outcomes, out.resolve("sweep.csv"));
        SweepHeatMap.write(policies, cells, outcomes, out.resolve("sweep.png"));
        return outcomes;
    }

    /** Whether the policy has state to record: a model with memory (an MLP has none, the expert is no model). */
    static boolean traced(DrivingPolicy policy) {
        return policy instanceof NeuronProbe probe && !probe.neuronNames().isEmpty();
    }

    /** A model's cell without {@code neurons.csv} (the expert has no neurons to show). */
    static boolean lacksTrace(SweepPolicy p, Path d) {
        return !p.model().equals("expert") && !Files.isRegularFile(d.resolve(NeuronTrace.FILE));
    }

    /** The cell record with what {@code neurons.csv} holds, when the policy wrote one. */
    static ObjectNode withTrace(ObjectNode record, DrivingPolicy policy, Path d) {
        if (policy instanceof NeuronProbe probe && Files.isRegularFile(d.resolve(NeuronTrace.FILE))) {
            int size = probe.neuronNames().size();
            record.putObject("neuron_trace").put("file", NeuronTrace.FILE).put("episode", 0)
                    .put("state_size", size).put("recorded", NeuronTraceListener.recorded(size));
        }
        return record;
    }

    static Path dir(Path out, SweepPolicy p, Cell c) {
        return out.resolve(p.stem()).resolve(c.condition().name());
    }

    static ObjectNode cellRecord(SweepPolicy p, Cell c) {
        ObjectNode n = MetricsJson.MAPPER.createObjectNode();
        n.put("policy", p.stem());
        n.put("policy_description", p.description());
        n.put("model", p.model());
        n.put("condition", c.condition().name());
        ObjectNode o = n.putObject("overrides");
        c.condition().overrides().forEach(o::put);
        Scenario sc = c.scenario();
        n.put("scenario", sc.name());
        n.put("world", sc.world());
        n.put("vehicle", sc.vehicle());
        n.put("seed", sc.seed());
        n.put("duration_s", sc.durationS());
        n.put("speed_mps", sc.speedMps());
        n.put("episodes", sc.episodes());
        return n;
    }

    /**
     * How many episodes of the cell are already done when it was finished earlier with the same record but fewer
     * episodes than now asked (0 otherwise): those are kept and only the rest is run.
     */
    static int extendable(SweepPolicy p, Cell c, Path d) {
        int had = recordedEpisodes(p, c, d);
        return had >= 1 && had < c.scenario().episodes() ? had : 0;
    }

    /** The episodes of a complete cell with the same record but for the episode count; 0 when there is none. */
    static int recordedEpisodes(SweepPolicy p, Cell c, Path d) {
        Path cell = d.resolve(CELL_FILE), metrics = d.resolve("metrics.json");
        if (!Files.isRegularFile(cell) || !Files.isRegularFile(metrics)) return 0;
        try {
            if (Files.size(cell) > 64 * 1024) return 0;
            JsonNode was = MetricsJson.MAPPER.readTree(cell.toFile());
            JsonNode now = cellRecord(p, c);
            for (String k : List.of("model", "overrides", "world", "vehicle", "seed", "duration_s", "speed_mps")) {
                if (!now.get(k).toString().equals(String.valueOf(was.get(k)))) return 0;
            }
            int had = was.path("episodes").asInt(-1);
            JsonNode m = MetricsJson.MAPPER.readTree(metrics.toFile());
            if (m == null || m.path("summary").path("episodes").asInt(-2) != had || m.path("episodes").size() != had) return 0;
            return Math.max(0, had);
        } catch (IOException e) {
            return 0;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectReader ROW = MetricsJson.MAPPER.readerFor(EpisodeMetrics.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The earlier episodes' rows followed by the new ones, summarised together. The summary's control latency
     * stays the earlier pass's (its per-step samples are not kept); every other figure is over all episodes.
     */
    static RunMetrics merge(JsonNode old, RunMetrics added) throws IOException {
        List<EpisodeMetrics> rows = new ArrayList<>();
        for (JsonNode e : old.path("episodes")) rows.add(ROW.readValue(e));
        rows.addAll(added.episodes());
        RunMetrics all = RunMetrics.of(added.scenario(), added.world(), added.vehicle(), added.policy(), rows, new double[0]);
        RunMetrics.Summary s = all.summary();
        JsonNode lat = old.path("summary").path("control_latency_ms");
        RunMetrics.Summary kept = new RunMetrics.Summary(s.episodes(), s.successRate(), s.crashes(), s.crashesPerEpisode(), s.crossTrackMeanM(),
                s.crossTrackMaxM(), s.firstFailureDistanceM(), s.firstFailureTimeS(), s.autonomyPct(), s.steeringJerk(),
                new EpisodeMetrics.Latency(lat.path("p50").asDouble(), lat.path("p99").asDouble()), s.elapsedS(), s.distanceM(), s.target());
        return new RunMetrics(all.scenario(), all.world(), all.vehicle(), all.policy(), all.episodes(), kept);
    }

    /** The cell was finished earlier with the same model, overrides, seed, duration and episode count. */
    static boolean done(SweepPolicy p, Cell c, Path d) {
        Path cell = d.resolve(CELL_FILE), metrics = d.resolve("metrics.json");
        if (!Files.isRegularFile(cell) || !Files.isRegularFile(metrics)) return false;
        try {
            if (Files.size(cell) > 64 * 1024) return false;
            JsonNode was = MetricsJson.MAPPER.readTree(cell.toFile());
            JsonNode now = cellRecord(p, c);
            for (String k : List.of("model", "overrides", "world", "vehicle", "seed", "duration_s", "speed_mps", "episodes")) {
                // compared as JSON text: a seed written as a long reads back as an int node
                if (!now.get(k).toString().equals(String.valueOf(was.get(k)))) return false;
            }
            JsonNode m = MetricsJson.MAPPER.readTree(metrics.toFile());
            return m != null && m.path("summary").path("episodes").asInt(-1) == c.scenario().episodes();
        } catch (IOException e) {
            return false;
        }
    }

    static void writeCsv(List<Outcome> outcomes, Path file) throws IOException {
        StringBuilder b = new StringBuilder("policy,cell,episodes,success_rate,crashes,collisions,corridor_exits,cross_track_mean_m,"
                + "autonomy_pct,latency_p50_ms,latency_p99_ms,target_distance_m,target_bearing_abs_deg,time_to_target_s,path_ratio\n");
        for (Outcome o : outcomes) {
            JsonNode s = o.metrics().path("summary");
            int collisions = 0, exits = 0;
            for (JsonNode e : o.metrics().path("episodes")) {
                collisions += e.path("collisions").asInt();
                exits += e.path("corridor_exits").asInt();
            }
            b.append(o.policy().stem()).append(',').append(o.cell().condition().name()).append(String.format(Locale.ROOT,
                    ",%d,%.4f,%d,%d,%d,%.4f,%.2f,%.3f,%.3f", s.path("episodes").asInt(), s.path("success_rate").asDouble(),
                    s.path("crashes").asInt(), collisions, exits, s.path("cross_track_mean_m").asDouble(), s.path("autonomy_pct").asDouble(),
                    s.path("control_latency_ms").path("p50").asDouble(), s.path("control_latency_ms").path("p99").asDouble()));
            // The target tasks' columns; empty for the trail task, and for means over no successful episode.
            JsonNode t = s.path("target");
            b.append(',').append(number(t.path("final_distance_mean_m"))).append(',').append(number(t.path("final_bearing_abs_mean_deg")))
                    .append(',').append(number(t.path("time_to_target_mean_s"))).append(',').append(number(t.path("path_ratio_mean"))).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "";
    }

    /** Steps the progress bar at each episode's end; passes everything on to the run's outputs when plots are wanted. */
    private record Ticking(StepListener inner, ProgressBar bar) implements StepListener {
        @Override
        public void onEpisodeStart(int episode, World world) {
            if (inner != null) inner.onEpisodeStart(episode, world);
        }

        @Override
        public void onStep(int episode, int step, double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
            if (inner != null) inner.onStep(episode, step, t, s, frame, command, intervention);
        }

        @Override
        public void onEpisodeEnd(int episode, EpisodeMetrics m) {
            if (inner != null) inner.onEpisodeEnd(episode, m);
            bar.step();
        }
    }
}
