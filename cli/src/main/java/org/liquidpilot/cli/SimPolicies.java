package org.liquidpilot.cli;

import org.liquidpilot.liquid.ModelFile;

import org.liquidpilot.pilot.VehicleCommand;
import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.PerceptionFeatures;
import org.liquidpilot.pilot.Pilot;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.report.NeuronProbe;
import org.liquidpilot.sim.report.SweepPolicy;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code --policy expert|MODEL} into a policy the simulator can drive. */
final class SimPolicies {
    private SimPolicies() {}

    static String describe(String spec) {
        return spec.equals("expert") ? "expert (privileged)" : Path.of(spec).getFileName().toString();
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
        if (spec.equals("expert")) return Experts.forScenario(sc);
        return pilot(Path.of(spec), sc);
    }

    /**
     * The liquid pilot (in-process perception, the model, the failsafe) as a simulator policy: its forward speed and
     * yaw rate (what the failsafe leaves of them), as the pilot node would publish them. It shows its neuron states
     * to a sweep.
     */
    static DrivingPolicy pilot(Path model, Scenario sc) {
        PilotModel pm = PilotModel.load(model);
        try {
            pm.requireFits(sc.vehicle());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--policy " + model + ": " + e.getMessage());
        }
        Pilot pilot = new Pilot(pm.configure(PilotConfig.defaults().withSpeed(sc.speedMps())), new PerceptionFeatures(pm.features()), pm.stats(), pm.policy());
        return new PilotPolicy(pilot, neuronNames(model, pilot.neuronCount()));
    }

    /** The pilot's state as it was when it chose the last command, kept apart from resets that follow. */
    private static final class PilotPolicy implements DrivingPolicy, NeuronProbe {
        private final Pilot pilot;
        private final List<String> names;
        private final float[] last;
        private double output;

        PilotPolicy(Pilot pilot, List<String> names) {
            this.pilot = pilot;
            this.names = names;
            this.last = new float[names.size()];
        }

        @Override
        public VehicleCommand act(RgbFrame frame, double dtSeconds) {
            pilot.onFrame(frame, System.nanoTime());
            pilot.neurons(last);
            output = pilot.output();
            return pilot.command();
        }

        @Override
        public void reset() {
            pilot.reset();
        }

        @Override
        public List<String> neuronNames() {
            return names;
        }

        @Override
        public void neurons(float[] out) {
            System.arraycopy(last, 0, out, 0, last.length);
        }

        @Override
        public double rawOutput() {
            return output;
        }
    }

    /**
     * {@code motor0}, {@code cmd3}, {@code inter7} (role and state index) when the model file's wiring lists the
     * role of every state value; {@code s0..} otherwise (dense baselines, whose state is e.g. an LSTM's h and c).
     */
    static List<String> neuronNames(Path model, int n) {
        String[] names = new String[n];
        try {
            JsonNode roles = ModelFile.metadata(model).path("wiring").path("neurons");
            int named = 0;
            for (String[] role : new String[][]{{"motor", "motor"}, {"command", "cmd"}, {"inter", "inter"}}) {
                for (JsonNode id : roles.path(role[0])) {
                    int k = id.asInt(-1);
                    if (!id.isIntegralNumber() || k < 0 || k >= n || names[k] != null) return plain(n);
                    names[k] = role[1] + k;
                    named++;
                }
            }
            return named == n ? List.of(names) : plain(n);
        } catch (IOException | IllegalArgumentException e) {
            return plain(n);
        }
    }

    private static List<String> plain(int n) {
        List<String> s = new ArrayList<>(n);
        for (int k = 0; k < n; k++) s.add("s" + k);
        return s;
    }
}
