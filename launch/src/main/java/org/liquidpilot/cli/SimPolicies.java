package org.liquidpilot.cli;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.PerceptionFeatures;
import org.liquidpilot.pilot.Pilot;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.scenario.Scenario;

import java.nio.file.Path;

/** Turns {@code --policy expert|MODEL} into a policy the simulator can drive. */
final class SimPolicies {
    private SimPolicies() {}

    static String describe(String spec) {
        return spec.equals("expert") ? "expert (pure pursuit)" : Path.of(spec).getFileName().toString();
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
