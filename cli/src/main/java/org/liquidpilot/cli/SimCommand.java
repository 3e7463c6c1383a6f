package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.report.ConditionSweep;
import org.liquidpilot.sim.report.GridSweep;
import org.liquidpilot.sim.report.LadderFile;
import org.liquidpilot.sim.report.Ladders;
import org.liquidpilot.sim.report.StandardConditions;
import org.liquidpilot.sim.report.SweepCondition;
import org.liquidpilot.sim.report.SweepPolicy;
import org.liquidpilot.sim.report.MetricsJson;
import org.liquidpilot.sim.report.RunOutputs;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "The jMonkeyEngine forest simulator: scenario runs, perturbation sweeps and demonstration recording.",
        subcommands = {SimCommand.Run.class, SimCommand.Sweep.class, SimCollectCommand.class, SimBenchCommand.class, SimLampMapCommand.class})
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String POLICY_HELP = "expert (privileged: pure pursuit on the true centreline, or straight to the targets) or a liquidpilot model file (.safetensors)";

    static void checkPolicy(String policy) {
        if (!policy.equals("expert") && !Files.isRegularFile(Path.of(policy))) {
            throw new BadInputException("--policy must be 'expert' or a model file; no file " + policy);
        }
    }

    /** Largest --seed: integers beyond 2^53 do not survive JSON readers that use doubles. */
    static final long MAX_SEED = (1L << 53) - 1;

    static void checkSeedAndDuration(Long seed, Double durationS) {
        if (seed != null && (seed < 0 || seed > MAX_SEED)) throw new BadInputException("--seed must be 0.." + MAX_SEED + ", not " + seed);
        if (durationS != null && !(durationS > 0 && durationS <= Scenario.MAX_DURATION_S)) {
            throw new BadInputException("--duration must be in (0, " + (int) Scenario.MAX_DURATION_S + "] seconds, not " + durationS);
        }
    }

    /** The base scenario as a tree with --seed and --duration applied. */
    static ObjectNode baseTree(String scenario, Long seed, Double durationS) {
        checkSeedAndDuration(seed, durationS);
        ObjectNode tree = Scenarios.resolveTree(scenario);
        if (seed != null) tree.put("seed", seed);
        if (durationS != null) tree.put("duration_s", durationS);
        return tree;
    }

    /**
     * {@code --render}: {@code gl} renders the camera; {@code blank} runs physics only with grey frames, which is
     * allowed only when every policy is the expert, since it never looks at the frame (its results are the same).
     */
    static FrameSource frames(Scenario sc, String render, List<String> policies) {
        if (render.equals("blank")) {
            for (String p : policies) {
                if (!p.equals("expert")) throw new BadInputException("--render blank is for the expert only (a model would see grey frames), not for " + p);
            }
            return FrameSource.blank(sc.camera().width(), sc.camera().height());
        }
        if (!render.equals("gl")) throw new BadInputException("--render must be gl or blank, not '" + render + "'");
        return renderer(sc, false);
    }

    static final String RENDER_HELP = "gl (default) or blank: physics only with grey frames, for the expert, which never looks at them";

    static JmeRenderer renderer(Scenario sc, boolean window) {
        if (!window && !HeadlessGl.available()) {
            throw new IllegalStateException("no GL for windowless rendering: install libosmesa6 (./liquidpilot test installs it)");
        }
        return JmeRenderer.open(sc.camera().width(), sc.camera().height(), window);
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Runs a scenario's episodes closed-loop and writes metrics.json, a top-down trajectory PNG per episode,",
                    "sample camera frames and, with --video, an MP4 per episode."})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--scenario", required = true, description = "a scenario YAML file or a shipped name (nominal, rain, heavy-rain, fog, dusk, night, wind-gusts, winter, autumn, storm, trail-nominal, trail-storm, drone-target, drone-hike)")
        String scenario;
        @Option(names = "--policy", defaultValue = "expert", description = POLICY_HELP + " (default ${DEFAULT-VALUE})")
        String policy;
        @Option(names = "--episodes", description = "episodes to run (default: the scenario's)")
        Integer episodes;
        @Option(names = "--out", defaultValue = "sim-out", description = "output folder (default ${DEFAULT-VALUE})")
        Path out;
        @Option(names = "--seed", description = "scenario seed (default: the scenario's); episode e drives world seed f(seed, e)")
        Long seed;
        @Option(names = "--duration", paramLabel = "S", description = "simulated seconds per episode (default: the scenario's)")
        Double duration;
        @Option(names = "--video", description = "also write an MP4 of the camera per episode")
        boolean video;
        @Option(names = "--window", description = "render in a window you can watch (needs a display)")
        boolean window;

        @Override
        public Integer call() throws Exception {
            Scenario sc = Scenarios.toScenario(baseTree(scenario, seed, duration));
            if (episodes != null) {
                if (episodes < 1 || episodes > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
                sc = sc.withEpisodes(episodes);
            }
            checkPolicy(policy);
            PrintWriter o = spec.commandLine().getOut();
            RunMetrics m;
            try (JmeRenderer r = renderer(sc, window)) {
                RunOutputs outputs = new RunOutputs(sc, out, video);
                m = new ClosedLoopRunner(sc, r).run(SimPolicies.forScenario(policy, sc), SimPolicies.describe(policy), outputs);
            }
            MetricsJson.write(m, out.resolve("metrics.json"));
            o.printf(Locale.ROOT, "%-8s %-8s %-9s %-10s %-10s %-10s%n", "episode", "success", "crashes", "cte_mean", "cte_max", "autonomy");
            m.episodes().forEach(e -> o.printf(Locale.ROOT, "%-8d %-8s %-9d %-10.3f %-10.3f %-10.1f%n", e.episode(), e.success(),
                    e.crashes(), e.crossTrackMeanM(), e.crossTrackMaxM(), e.autonomyPct()));
            RunMetrics.Summary s = m.summary();
            o.printf(Locale.ROOT, "%s with %s: success %.0f%%, %d crashes, mean cross-track %.3f m, autonomy %.1f%%; wrote %s%n",
                    sc.name(), m.policy(), 100 * s.successRate(), s.crashes(), s.crossTrackMeanM(), s.autonomyPct(), out.resolve("metrics.json"));
            o.flush();
            return 0;
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = {"Runs policies over perturbation cells, with a progress bar. Two modes:",
                    "--conditions standard, --condition NAME[:key=v,...]: named one-at-a-time cells",
                    "  for every --policy; writes OUT/<policy>/<cell>/metrics.json and cell.json,",
                    "  OUT/sweep.csv (policy x cell) and OUT/sweep.png; for a model also neurons.csv,",
                    "  the first episode's neuron states (report plots them). Cells done with the",
                    "  same model, overrides, seed, duration and episodes are kept (--force reruns).",
                    "  Standard cells: nominal, rain, fog, dusk, night, wind-light, wind-moderate,",
                    "  wind-severe, autumn, winter, noise. --conditions drone: nominal, autumn,",
                    "  winter, birch, pine, rain, fog, dusk, wind-moderate, rotation, occlusion, noise.",
                    "--ladder standard|extended: a baseline cell and 5 severity levels per axis",
                    "  (cells baseline, AXIS-1..AXIS-5) for every --policy, as --condition cells,",
                    "  plus OUT/ladder.json for report. Standard axes: rain, fog, darkness, wind,",
                    "  roll-occlusion, storm; extended adds noise, dim, glare, contrast, pitch, fov,",
                    "  speed, season, rain-only, roll, occlusion. --axis NAME (repeatable) picks",
                    "  axes; --top-up N gives the cells next to each policy's 50%% crossing N",
                    "  episodes in all (only the new episodes run, and merge into the cell).",
                    "--shard i/n (with --ladder or --condition(s)): run only the jobs (policy x",
                    "  cell, numbered policy by policy) with index mod n == i-1; n processes with",
                    "  1/n..n/n share one --out, each writing its own cells; sweep.csv/png cover",
                    "  every cell done so far.",
                    "--grid key=v1,v2: every combination of the values, one policy; sweep.csv/png.",
                    "Keys: rain, fog, season, night, sun_altitude_deg, turbulence, mean_mps,",
                    "noise_std, rotation_deg, occlusion, biome, or any dotted scenario key such",
                    "as wind.mean_mps."})
    static final class Sweep implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--scenario", defaultValue = "nominal", description = "base scenario file or name (default ${DEFAULT-VALUE})")
        String scenario;
        @Option(names = "--grid", description = "key=v1,v2,... (repeat for more keys), e.g. --grid rain=0,0.5,1 --grid wind.mean_mps=0,4,8")
        List<String> grid = new ArrayList<>();
        @Option(names = "--conditions", paramLabel = "SET", description = "a named set of cells: standard or drone")
        String conditionSet;
        @Option(names = "--condition", paramLabel = "NAME[:key=v,...]", description = "one cell (repeatable): a standard name, or a name with overrides, e.g. gale:mean_mps=12,turbulence=severe")
        List<String> conditions = new ArrayList<>();
        @Option(names = "--ladder", paramLabel = "NAME", description = "severity ladder: standard (rain, fog, darkness, wind, roll-occlusion, storm) or extended (adds noise, dim, glare, contrast, pitch, fov, speed, season, rain-only, roll, occlusion); cells baseline and AXIS-1..AXIS-5")
        String ladder;
        @Option(names = "--axis", paramLabel = "NAME", description = "with --ladder: run only this axis (repeatable)")
        List<String> axes = new ArrayList<>();
        @Option(names = "--shard", paramLabel = "i/n", description = "run only the policy x cell jobs with index mod n == i-1, so n processes can share one --out")
        String shard;
        @Option(names = "--top-up", paramLabel = "N", description = "with --ladder: after the first pass, give the cells next to where a policy's success crosses 50%% on an axis N episodes in all (only the new ones run)")
        Integer topUp;
        @Option(names = "--policy", description = POLICY_HELP + "; repeatable with --condition(s) (default expert)")
        List<String> policies = new ArrayList<>();
        @Option(names = "--episodes", description = "episodes per cell (default 20 with --condition(s) or --ladder, 2 with --grid); more than a done cell has runs only the new ones")
        Integer episodes;
        @Option(names = "--seed", description = "scenario seed for every cell (default: the scenario's); pick seeds never used in training")
        Long seed;
        @Option(names = "--duration", paramLabel = "S", description = "simulated seconds per episode (default: the scenario's)")
        Double duration;
        @Option(names = "--force", description = "recompute cells that are already done")
        boolean force;
        @Option(names = "--plots", description = "with --condition(s): also write each episode's trajectory PNG and sample frames into its cell folder")
        boolean plots;
        @Option(names = "--render", defaultValue = "gl", description = RENDER_HELP)
        String render;
        @Option(names = "--out", defaultValue = "sweep-out", description = "output folder (default ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            boolean named = conditionSet != null || !conditions.isEmpty();
            if (ladder != null && (named || !grid.isEmpty())) throw new BadInputException("give one of --ladder, --condition(s) or --grid, not several");
            if (named && !grid.isEmpty()) throw new BadInputException("give either --grid or --condition(s), not both");
            if (ladder == null && !named && grid.isEmpty()) throw new BadInputException("the sweep grid is empty: give --conditions standard, --condition NAME, --ladder standard or --grid key=v1,v2");
            if (ladder == null && !axes.isEmpty()) throw new BadInputException("--axis needs --ladder");
            if (ladder == null && topUp != null) throw new BadInputException("--top-up needs --ladder");
            if (shard != null && ladder == null && !named) throw new BadInputException("--shard needs --ladder or --condition(s)");
            ConditionSweep.Shard sh = ConditionSweep.Shard.ALL;
            if (shard != null) {
                try {
                    sh = ConditionSweep.Shard.parse(shard);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
            }
            Ladders.Ladder l = null;
            if (ladder != null) {
                try {
                    l = Ladders.of(ladder);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
            }
            int n = episodes != null ? episodes : ladder != null || named ? 20 : 2;
            if (n < 1 || n > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
            if (topUp != null && (topUp <= n || topUp > Scenario.MAX_EPISODES)) {
                throw new BadInputException("--top-up must be more than --episodes (" + n + ") and at most " + Scenario.MAX_EPISODES + ", not " + topUp);
            }
            ObjectNode base = baseTree(scenario, seed, duration);
            if (l != null) return ladderSweep(base, l, n, sh);
            return named ? conditionSweep(base, n, sh) : gridSweep(base, n);
        }

        private List<SweepPolicy> sweepPolicies() {
            if (policies.isEmpty()) policies.add("expert");
            List<SweepPolicy> ps = new ArrayList<>();
            for (String p : policies) ps.add(SimPolicies.sweepPolicy(p));
            ConditionSweep.checkPolicies(ps);
            return ps;
        }

        private int conditionSweep(ObjectNode base, int n, ConditionSweep.Shard sh) throws Exception {
            List<SweepCondition> cs = new ArrayList<>();
            if (conditionSet != null) cs.addAll(StandardConditions.set(conditionSet));
            for (String c : conditions) cs.add(SweepCondition.parse(c));
            List<ConditionSweep.Cell> cells = ConditionSweep.cells(base, cs, n, null, null);
            List<SweepPolicy> ps = sweepPolicies();
            Files.createDirectories(out);
            List<ConditionSweep.Outcome> outcomes;
            try (FrameSource r = frames(cells.get(0).scenario(), render, policies)) {
                outcomes = ConditionSweep.run(ps, cells, out, force, plots, r, System.err, sh);
            }
            printSummary(ps.size(), cells.size(), n, outcomes);
            return 0;
        }

        private void printSummary(int policyCount, int cellCount, int n, List<ConditionSweep.Outcome> outcomes) throws java.io.IOException {
            PrintWriter o = spec.commandLine().getOut();
            o.println(Files.readString(out.resolve("sweep.csv")).strip());
            long resumed = outcomes.stream().filter(ConditionSweep.Outcome::resumed).count();
            o.printf(Locale.ROOT, "wrote %s and %s (%d policies x %d cells, %d episodes each%s)%n", out.resolve("sweep.csv"), out.resolve("sweep.png"),
                    policyCount, cellCount, n, resumed > 0 ? "; " + resumed + " cells already done, kept" + (shard != null ? " (other shards' included)" : "") : "");
            o.flush();
        }

        /**
         * A ladder: the baseline and every level of the chosen axes as condition cells, ladder.json at the top of
         * OUT for {@code report}, then with --top-up a second pass over the cells next to each policy's 50% crossing.
         */
        private int ladderSweep(ObjectNode base, Ladders.Ladder l, int n, ConditionSweep.Shard sh) throws Exception {
            List<Ladders.Axis> chosen;
            List<ConditionSweep.Cell> cells;
            try {
                chosen = Ladders.select(l, axes, base.path("vehicle").asText());
                cells = ConditionSweep.cells(base, Ladders.conditions(chosen, base), n, null, null);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            List<SweepPolicy> ps = sweepPolicies();
            Files.createDirectories(out);
            try {
                LadderFile.write(out, l, chosen, cells.get(0).scenario());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            try (FrameSource r = frames(cells.get(0).scenario(), render, policies)) {
                // a cell an earlier run topped up stays as it is
                ConditionSweep.execute(ps, cells, out, force, plots, r, System.err, sh, 0, true);
                if (topUp != null) {
                    // from every cell done so far, this shard's and the others', whatever its episode count
                    List<ConditionSweep.Outcome> first = ConditionSweep.collect(ps, cells, out);
                    List<ConditionSweep.Cell> more = new ArrayList<>();
                    for (SweepPolicy p : ps) {
                        java.util.Set<String> names = LadderFile.topUpCells(chosen, first.stream().filter(x -> x.policy() == p).toList());
                        for (ConditionSweep.Cell c : cells) {
                            more.add(names.contains(c.condition().name()) ? new ConditionSweep.Cell(c.condition(), c.scenario().withEpisodes(topUp)) : c);
                        }
                        // one policy at a time: the topped-up cells differ per policy; job numbers stay the first pass's
                        if (!names.isEmpty()) ConditionSweep.execute(List.of(p), more, out, false, plots, r, System.err, sh, ps.indexOf(p), true);
                        more.clear();
                    }
                }
            }
            List<ConditionSweep.Outcome> outcomes = ConditionSweep.collect(ps, cells, out);
            ConditionSweep.writeSummary(ps, cells, outcomes, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println(Files.readString(out.resolve("sweep.csv")).strip());
            o.printf(Locale.ROOT, "wrote %s, %s and %s (%s ladder, %d axes: %d policies x %d cells, %d episodes each%s%s; %d of %d cells done in %s)%n",
                    out.resolve("sweep.csv"), out.resolve("sweep.png"), out.resolve(LadderFile.FILE), l.name(), chosen.size(), ps.size(), cells.size(), n,
                    topUp != null ? ", up to " + topUp + " near 50%" : "", sh.count() > 1 ? ", shard " + sh.index() + "/" + sh.count() : "",
                    outcomes.size(), ps.size() * cells.size(), out);
            o.flush();
            return 0;
        }

        private int gridSweep(ObjectNode base, int n) throws Exception {
            if (policies.size() > 1) throw new BadInputException("--grid sweeps one --policy; use --condition(s) for several");
            String policy = policies.isEmpty() ? "expert" : policies.get(0);
            LinkedHashMap<String, List<String>> g = GridSweep.parseGrid(grid);
            List<Map.Entry<List<String>, Scenario>> cells = GridSweep.cells(base, g, n);
            Scenario first = cells.get(0).getValue();
            for (Map.Entry<List<String>, Scenario> c : cells) {
                if (c.getValue().camera().width() != first.camera().width() || c.getValue().camera().height() != first.camera().height()) {
                    throw new BadInputException("a sweep cannot change the camera size");
                }
            }
            checkPolicy(policy);
            Files.createDirectories(out);
            List<RunMetrics> results;
            try (FrameSource r = frames(first, render, List.of(policy))) {
                results = GridSweep.run(cells, r, sc -> SimPolicies.forScenario(policy, sc), SimPolicies.describe(policy), System.err);
            }
            GridSweep.writeCsv(new ArrayList<>(g.keySet()), cells, results, out.resolve("sweep.csv"));
            GridSweep.writeHeatMap(g, cells, results, out.resolve("sweep.png"));
            PrintWriter o = spec.commandLine().getOut();
            o.println(Files.readString(out.resolve("sweep.csv")).strip());
            o.println("wrote " + out.resolve("sweep.csv") + " and " + out.resolve("sweep.png"));
            o.flush();
            return 0;
        }
    }
}
