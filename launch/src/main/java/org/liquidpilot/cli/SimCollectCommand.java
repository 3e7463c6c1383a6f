package org.liquidpilot.cli;

import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.report.MetricsJson;
import org.liquidpilot.sim.ros.DemonstrationBags;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Records expert demonstrations as rosbags, one per episode: /camera/image_raw (rgb8),",
                "/cmd_vel (speed and yaw rate) and /sim/odom (ground truth), in simulated time."})
final class SimCollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--scenario", defaultValue = "nominal", description = "scenario file or name (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--episodes", required = true, description = "episodes to record")
    int episodes;
    @Option(names = "--out", required = true, description = "folder for the bags")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1 || episodes > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
        Scenario sc = Scenarios.resolve(scenario).withEpisodes(episodes);
        RunMetrics m;
        try (JmeRenderer r = SimCommand.renderer(sc, false)) {
            m = new ClosedLoopRunner(sc, r).run(new PurePursuitExpert(sc.isQuad(), sc.speedMps()), "expert",
                    new DemonstrationBags(out, sc.speedMps(), !sc.isQuad()));
        }
        MetricsJson.write(m, out.resolve("metrics.json"));
        spec.commandLine().getOut().printf("recorded %d episodes of %s into %s (%d interventions)%n", episodes, sc.name(), out, m.summary().crashes());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
