package org.liquidpilot.cli;

import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.report.MetricsJson;
import org.liquidpilot.sim.ros.DemonstrationBags;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.run.LabellingPolicy;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Records demonstrations as rosbags, one per episode (<prefix>-000.bag, ...): /camera/image_raw (rgb8),",
                "/cmd_vel (speed and yaw rate) and /sim/odom (ground truth), in simulated time, and metrics.json.",
                "Without --dagger the privileged expert drives. With --dagger MODEL (DAgger) the model drives, or with",
                "probability --beta per episode the expert does, and /cmd_vel holds the expert's label for every frame, not",
                "the command the vehicle executed; leaving the corridor puts the vehicle back on the path and the episode goes on."})
final class SimCollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--scenario", defaultValue = "nominal", description = "scenario file or name (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--episodes", required = true, description = "episodes to record")
    int episodes;
    @Option(names = "--out", required = true, description = "folder for the bags")
    Path out;
    @Option(names = "--seed", description = "world seed, instead of the scenario's (0..2^53-1)")
    Long seed;
    @Option(names = "--duration", paramLabel = "S", description = "simulated seconds per episode, instead of the scenario's duration_s (0 < S <= 3600)")
    Double duration;
    @Option(names = "--prefix", defaultValue = DemonstrationBags.DEFAULT_PREFIX,
            description = "bag names <prefix>-000.bag, ...; with another prefix metrics go to <prefix>-metrics.json (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--force", description = "overwrite bags that already exist")
    boolean force;
    @Option(names = "--dagger", paramLabel = "MODEL", description = "a model file (.safetensors) that drives while the expert labels (DAgger)")
    Path dagger;
    @Option(names = "--beta", defaultValue = "0.0", description = "with --dagger: probability per episode (not per step) that the expert drives the whole episode instead of the model, in [0,1] (default ${DEFAULT-VALUE})")
    double beta;
    @Option(names = "--steer-noise", paramLabel = "STD", defaultValue = "0", description = {"add a slowly varying disturbance (Ornstein-Uhlenbeck, 1 s correlation) of this standard deviation to the executed command",
            "(car: curvature 1/m, e.g. 0.03; quadrotor: yaw rate rad/s) while /cmd_vel keeps the clean expert label (DART); works with and without --dagger (default ${DEFAULT-VALUE})"})
    double steerNoise;

    @Override
    public Integer call() throws Exception {
        if (episodes < 1 || episodes > Scenario.MAX_EPISODES) throw new BadInputException("--episodes must be 1.." + Scenario.MAX_EPISODES);
        SimCommand.checkSeedAndDuration(seed, duration);
        if (!(beta >= 0 && beta <= 1)) throw new BadInputException("--beta must be in [0, 1], not " + beta);
        if (beta != 0 && dagger == null) throw new BadInputException("--beta needs --dagger MODEL");
        if (!(steerNoise >= 0 && steerNoise <= 1)) throw new BadInputException("--steer-noise must be in [0, 1], not " + steerNoise);
        try {
            DemonstrationBags.checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--prefix: " + e.getMessage());
        }
        if (dagger != null && !Files.isRegularFile(dagger)) throw new BadInputException("--dagger: no model file " + dagger);
        if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException("--out: " + out + " is a file, not a folder");
        if (!force) {
            for (int e = 0; e < episodes; e++) {
                Path bag = DemonstrationBags.bagPath(out, prefix, e);
                if (Files.exists(bag)) throw new BadInputException(bag + " already exists (use another --prefix, or --force to overwrite)");
            }
        }
        Scenario sc = Scenarios.toScenario(SimCommand.baseTree(scenario, seed, duration)).withEpisodes(episodes);
        PrivilegedPolicy expert = Experts.forScenario(sc);
        DrivingPolicy policy = expert;
        String name = "expert";
        StepListener listener;
        LabellingPolicy labelling = null;
        if (dagger == null && steerNoise == 0) {
            listener = new DemonstrationBags(out, prefix, null);
        } else {
            DrivingPolicy learner = expert;
            double b = 1;
            if (dagger != null) {
                try {
                    learner = SimPolicies.pilot(dagger, sc);
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    throw new BadInputException("--dagger " + dagger + ": " + e.getMessage());
                }
                b = beta;
            }
            var vehicle = ClosedLoopRunner.vehicleFor(sc);
            double max = vehicle.maxCommand();
            if (steerNoise > max) throw new BadInputException("--steer-noise " + steerNoise + " exceeds the vehicle's largest command " + max);
            labelling = new LabellingPolicy(learner, expert, b, vehicle, sc.seed(), steerNoise);
            policy = labelling;
            String noise = steerNoise > 0 ? String.format(Locale.ROOT, ", steer noise %s", steerNoise) : "";
            name = dagger != null ? String.format(Locale.ROOT, "dagger(%s, beta=%s%s)", dagger.getFileName(), beta, noise)
                    : String.format(Locale.ROOT, "expert%s", noise);
            listener = StepListener.all(labelling, new DemonstrationBags(out, prefix, labelling::lastLabel));
        }
        RunMetrics m;
        try (JmeRenderer r = SimCommand.renderer(sc, false)) {
            m = new ClosedLoopRunner(sc, r).run(policy, name, listener);
        }
        Path metrics = out.resolve(prefix.equals(DemonstrationBags.DEFAULT_PREFIX) ? "metrics.json" : prefix + "-metrics.json");
        MetricsJson.write(m, metrics);
        var o = spec.commandLine().getOut();
        String bags = DemonstrationBags.bagPath(out, prefix, 0).getFileName()
                + (episodes > 1 ? ".." + DemonstrationBags.bagPath(out, prefix, episodes - 1).getFileName() : "");
        o.printf(Locale.ROOT, "recorded %d episode%s of %s (seed %d, %.0f s) with %s into %s: %s, %d interventions%n",
                episodes, episodes == 1 ? "" : "s", sc.name(), sc.seed(), sc.durationS(), name, out, bags, m.summary().crashes());
        if (labelling != null && dagger != null) {
            o.printf(Locale.ROOT, "the model drove %d of %d episodes (the expert %d); /cmd_vel holds the expert's labels; wrote %s%n",
                    labelling.episodes() - labelling.expertEpisodes(), labelling.episodes(), labelling.expertEpisodes(), metrics);
        }
        o.flush();
        return 0;
    }
}
