package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.report.GridSweep;
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
        subcommands = {SimCommand.Run.class, SimCommand.Sweep.class, SimCollectCommand.class, SimBenchCommand.class})
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String POLICY_HELP = "expert (pure pursuit on the true centreline) or a liquidpilot model file (.safetensors)";

    static void checkPolicy(String policy) {
        if (!policy.equals("expert") && !Files.isRegularFile(Path.of(policy))) {
            throw new BadInputException("--policy must be 'expert' or a model file; no file " + policy);
        }
    }

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
        @Option(names = "--scenario", required = true, description = "a scenario YAML file or a shipped name (nominal, rain, heavy-rain, fog, dusk, night, wind-gusts, winter, autumn, storm, trail-nominal, trail-storm)")
        String scenario;
        @Option(names = "--policy", defaultValue = "expert", description = POLICY_HELP + " (default ${DEFAULT-VALUE})")
        String policy;
        @Option(names = "--episodes", description = "episodes to run (default: the scenario's)")
        Integer episodes;
        @Option(names = "--out", defaultValue = "sim-out", description = "output folder (default ${DEFAULT-VALUE})")
        Path out;
        @Option(names = "--video", description = "also write an MP4 of the camera per episode")
        boolean video;
        @Option(names = "--window", description = "render in a window you can watch (needs a display)")
        boolean window;

        @Override
        public Integer call() throws Exception {
            Scenario sc = Scenarios.resolve(scenario);
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
            description = {"Runs a base scenario over a perturbation grid (every combination) with a progress bar;",
                    "writes sweep.csv and a heat map sweep.png.",
                    "Keys: rain, fog, season, night, sun_altitude_deg, turbulence, mean_mps, noise_std, or any dotted key such as wind.mean_mps."})
    static final class Sweep implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--scenario", defaultValue = "nominal", description = "base scenario file or name (default ${DEFAULT-VALUE})")
        String scenario;
        @Option(names = "--grid", required = true, description = "key=v1,v2,... (repeat for more keys), e.g. --grid rain=0,0.5,1 --grid wind.mean_mps=0,4,8")
        List<String> grid = new ArrayList<>();
        @Option(names = "--policy", defaultValue = "expert", description = POLICY_HELP + " (default ${DEFAULT-VALUE})")
        String policy;
        @Option(names = "--episodes", defaultValue = "2", description = "episodes per cell (default ${DEFAULT-VALUE})")
        int episodes;
        @Option(names = "--out", defaultValue = "sweep-out", description = "output folder (default ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (episodes < 1 || episodes > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
            LinkedHashMap<String, List<String>> g = GridSweep.parseGrid(grid);
            ObjectNode base = Scenarios.resolveTree(scenario);
            List<Map.Entry<List<String>, Scenario>> cells = GridSweep.cells(base, g, episodes);
            Scenario first = cells.get(0).getValue();
            for (Map.Entry<List<String>, Scenario> c : cells) {
                if (c.getValue().camera().width() != first.camera().width() || c.getValue().camera().height() != first.camera().height()) {
                    throw new BadInputException("a sweep cannot change the camera size");
                }
            }
            checkPolicy(policy);
            Files.createDirectories(out);
            List<RunMetrics> results;
            try (JmeRenderer r = renderer(first, false)) {
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
