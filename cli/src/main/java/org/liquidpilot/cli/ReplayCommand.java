package org.liquidpilot.cli;

import org.liquidpilot.pilot.dataset.BagDatasetConfig;
import org.liquidpilot.pilot.replay.ReplayEvaluator;
import org.liquidpilot.pilot.replay.ReplayReport;
import org.liquidpilot.pilot.replay.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code liquidpilot replay}: open-loop evaluation of a model on a recorded bag. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Feeds a bag's camera frames through a model (with the feature extractor and statistics stored in the model file)",
                "and scores its yaw-rate predictions against the recorded commands: MSE, RMSE and correlation.",
                "Writes replay.json, replay.csv (per frame, with neuron states), replay-commands.png and replay-neurons.png to --out."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bag", required = true, paramLabel = "FILE", description = "recorded bag or ros1-profile .mcap (camera images and commands)")
    Path bag;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model file (.safetensors) with feature statistics")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the scores and plots (default: replay-<bag name>)")
    Path out;

    @Option(names = "--image-topic", defaultValue = BagDatasetConfig.DEFAULT_IMAGE_TOPIC, description = "camera topic (default ${DEFAULT-VALUE})")
    String imageTopic;

    @Option(names = "--command-topic", defaultValue = BagDatasetConfig.DEFAULT_COMMAND_TOPIC,
            description = "command topic, Twist or TwistStamped; angular.z is compared (default ${DEFAULT-VALUE})")
    String commandTopic;

    @Option(names = "--max-gap", defaultValue = "0.25", paramLabel = "SECONDS",
            description = "pair a frame with the command nearest in bag time if within this (default ${DEFAULT-VALUE})")
    double maxGap;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(bag)) throw new BadInputException("--bag: no such file " + bag);
        if (!Files.isRegularFile(model)) throw new BadInputException("--model: no such file " + model);
        if (!(maxGap > 0 && maxGap <= 10)) throw new BadInputException("--max-gap must be in (0, 10] seconds");
        Path dir = out != null ? out : Path.of("replay-" + stem(bag.getFileName().toString()));
        ReplayResult r = ReplayEvaluator.run(bag, model, imageTopic, commandTopic, maxGap);
        ReplayReport.write(r, dir);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s on %s: %d frames%s%n", r.model(), r.bag(), r.frames(),
                r.droppedFrames() == 0 ? "" : " (" + r.droppedFrames() + " without a command nearby, skipped)");
        o.printf(Locale.ROOT, "yaw rate MSE %.5g (RMSE %.4g rad/s), correlation %s; always answering the recorded mean: MSE %.5g%n",
                r.mse(), Math.sqrt(r.mse()), Double.isNaN(r.correlation()) ? "n/a (a constant series)" : String.format(Locale.ROOT, "%.3f", r.correlation()),
                r.baselineMse());
        o.printf("wrote %s, %s, %s and %s in %s%n", ReplayReport.JSON_FILE, ReplayReport.CSV_FILE, ReplayReport.COMMANDS_PNG, ReplayReport.NEURONS_PNG, dir);
        o.flush();
        return 0;
    }

    private static String stem(String name) {
        if (name.endsWith(".mcap")) return name.substring(0, name.length() - 5);
        return name.endsWith(".bag") ? name.substring(0, name.length() - 4) : name;
    }
}
