package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.report.ConditionSweep;
import org.liquidpilot.sim.report.GridSweep;
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
        @Option(names = "--policy", description = POLICY_HELP + "; repeatable with --condition(s) (default expert)")
        List<String> policies = new ArrayList<>();
        @Option(names = "--episodes", description = "episodes per cell (default 20 with --condition(s), 2 with --grid)")
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
            if (named && !grid.isEmpty()) throw new BadInputException("give either --grid or --condition(s), not both");
            if (!named && grid.isEmpty()) throw new BadInputException("the sweep grid is empty: give --conditions standard, --condition NAME or --grid key=v1,v2");
            int n = episodes != null ? episodes : named ? 20 : 2;
            if (n < 1 || n > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
            ObjectNode base = baseTree(scenario, seed, duration);
            return named ? conditionSweep(base, n) : gridSweep(base, n);
        }

        private int conditionSweep(ObjectNode base, int n) throws Exception {
            List<SweepCondition> cs = new ArrayList<>();
            if (conditionSet != null) cs.addAll(StandardConditions.set(conditionSet));
            for (String c : conditions) cs.add(SweepCondition.parse(c));
            List<ConditionSweep.Cell> cells = ConditionSweep.cells(base, cs, n, null, null);
            if (policies.isEmpty()) policies.add("expert");
            List<SweepPolicy> ps = new ArrayList<>();
            for (String p : policies) ps.add(SimPolicies.sweepPolicy(p));
            ConditionSweep.checkPolicies(ps);
            Files.createDirectories(out);
            List<ConditionSweep.Outcome> outcomes;
            try (FrameSource r = frames(cells.get(0).scenario(), render, policies)) {
                outcomes = ConditionSweep.run(ps, cells, out, force, plots, r, System.err);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println(Files.readString(out.resolve("sweep.csv")).strip());
            long resumed = outcomes.stream().filter(ConditionSweep.Outcome::resumed).count();
            o.printf(Locale.ROOT, "wrote %s and %s (%d policies x %d cells, %d episodes each%s)%n", out.resolve("sweep.csv"), out.resolve("sweep.png"),
                    ps.size(), cells.size(), n, resumed > 0 ? "; " + resumed + " cells already done, kept" : "");
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
