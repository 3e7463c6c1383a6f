package org.liquidpilot.cli;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.PerceptionFeatures;
import org.liquidpilot.pilot.Pilot;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.report.SweepPolicy;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.scenario.Scenario;

import java.nio.file.Path;

/** Turns {@code --policy expert|MODEL} into a policy the simulator can drive. */
final class SimPolicies {
    private SimPolicies() {}

    static String describe(String spec) {
        return spec.equals("expert") ? "expert (pure pursuit)" : Path.of(spec).getFileName().toString();
    }

    /**
     * A sweep's policy: {@code expert}, or a model file loaded once up front so a bad file fails before anything
     * runs; its folder name is the file name without {@code .safetensors}.
     */
    static SweepPolicy sweepPolicy(String spec) {
        if (spec.equals("expert")) return new SweepPolicy("expert", describe(spec), "expert", sc -> forScenario(spec, sc));
        Path file = Path.of(spec);
        SimCommand.checkPolicy(spec);
        try {
            PilotModel.load(file);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--policy " + spec + ": " + e.getMessage());
        }
        String stem = file.getFileName().toString().replaceFirst("\\.safetensors$", "");
        return new SweepPolicy(stem, describe(spec), file.toAbsolutePath().normalize().toString(), sc -> forScenario(spec, sc));
    }

    static DrivingPolicy forScenario(String spec, Scenario sc) {
        if (spec.equals("expert")) return new PurePursuitExpert(sc.isQuad(), sc.speedMps());
        return pilot(Path.of(spec), sc);
    }

    /**
     * The liquid pilot (in-process perception, the model, the failsafe) as a simulator policy: its yaw-rate
     * command, or that divided by the speed as a curvature for the car.
     */
    static DrivingPolicy pilot(Path model, Scenario sc) {
        PilotModel pm = PilotModel.load(model);
        Pilot pilot = new Pilot(PilotConfig.defaults().withSpeed(sc.speedMps()), new PerceptionFeatures(pm.features()), pm.stats(), pm.policy());
        boolean curvature = !sc.isQuad();
        double speed = sc.speedMps();
        return new DrivingPolicy() {
            @Override
            public double steer(RgbFrame frame, double dtSeconds) {
                pilot.onFrame(frame, System.nanoTime());
                double r = pilot.yawRate();
                return curvature ? r / speed : r;
            }

            @Override
            public void reset() {
                pilot.reset();
            }
        };
    }
}
