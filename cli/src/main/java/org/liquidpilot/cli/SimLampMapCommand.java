package org.liquidpilot.cli;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.render.LampMap;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Renders the lamp map of a scenario's vehicle and writes a feature configuration that normalises by it. */
@Command(name = "lamp-map", mixinStandardHelpOptions = true,
        description = {"Renders a flat, empty ground lit only by the vehicle's lamps (the scenario's vehicle and camera) and",
                "writes a feature configuration JSON with that lamp map: dark frames are divided by it before the",
                "median and contrast stages. perception/src/main/resources/org/liquidpilot/perception/night-robust.json is",
                "this command's output for --scenario night --features night-robust."})
final class SimLampMapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--scenario", defaultValue = "night", description = "scenario file or name (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--features", defaultValue = "default", paramLabel = "NAME",
            description = {"the feature configuration to add the map to (its own map, if any, is replaced): default, drone or",
                    "night-robust (default ${DEFAULT-VALUE})"})
    String features;
    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "where to write the configuration")
    Path out;

    @Override
    public Integer call() throws IOException {
        Scenario sc;
        FeatureConfig base;
        try {
            sc = Scenarios.toScenario(SimCommand.baseTree(scenario, null, null));
            base = FeatureConfig.named(features);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        RgbFrame flat;
        try (JmeRenderer r = JmeRenderer.open(sc.camera().width(), sc.camera().height(), false)) {
            flat = LampMap.render(r, sc);
        }
        FeatureConfig c = LampMap.calibrate(base, flat);
        Files.writeString(out, c.toJsonNode().toPrettyString() + "\n", StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + out + ": " + features + " features with the lamp map of " + sc.name()
                + " (" + sc.vehicle() + ", " + sc.camera().width() + "x" + sc.camera().height() + ")");
        return 0;
    }
}
