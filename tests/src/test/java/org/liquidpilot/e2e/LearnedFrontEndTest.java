package org.liquidpilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.render.HeadlessGl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.liquidpilot.e2e.LearningLoopTest.cli;
import static org.liquidpilot.e2e.LearningLoopTest.ok;

/**
 * The learned linear front end through the commands a user types, at {@link LearningLoopTest}'s toy scale: collect
 * two short expert episodes, train the paper-wired CfC NCP on them with the fixed 32-feature front end and with a
 * learned 64 -> 32 front end (same seed, epochs and windows), and let both drive the nominal toy episode closed-loop
 * with {@code sim run --policy}. The learned model must read the larger feature set the file names, learn (its
 * validation loss falls, and it predicts the expert's commands far better than before training), and drive about as
 * well as the fixed one.
 */
class LearnedFrontEndTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void learnedFrontEndTrainsAndDrivesLikeTheFixedOne(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path scenario = Files.writeString(dir.resolve("toy.yaml"), LearningLoopTest.SCENARIO);
        ObjectMapper json = new ObjectMapper();
        Path bags = dir.resolve("bags");
        ok("sim", "collect", "--scenario", scenario.toString(), "--episodes", "2", "--out", bags.toString());

        String[] common = {"train", "--data", bags.toString(), "--model-type", "cfc-ncp12-6-1", "--seq-len", "16", "--batch", "8",
                "--seed", "1", "--quiet"};
        String[] trained = concat(common, "--epochs", "8", "--lr", "0.02");
        Path fixed = dir.resolve("fixed.safetensors"), learned = dir.resolve("learned.safetensors");
        ok(concat(trained, "--out", fixed.toString()));
        LearningLoopTest.Run t = ok(concat(trained, "--front-end", "learned", "--front-inputs", "64", "--front-outputs", "32",
                "--out", learned.toString()));
        assertTrue(t.out().contains("64 features -> learned linear front end -> 32 inputs"), t.out());

        // The file: the layer, and the larger feature set the pilot must extract for it.
        LiquidModel lm = LiquidModel.load(learned);
        assertNotNull(lm.frontEnd());
        assertEquals(64, lm.inputSize());
        assertEquals(32, lm.config().inputSize());
        PilotModel pm = PilotModel.load(learned);
        assertEquals(64, pm.features().featureCount());
        assertEquals(32, PilotModel.load(fixed).features().featureCount());
        LearningLoopTest.Run info = ok("model", "info", "--model", learned.toString());
        assertTrue(info.out().contains("front end:   learned linear 64 -> 32"), info.out());
        assertTrue(ok("model", "info", "--model", fixed.toString()).out().contains("front end:   fixed"));

        // It learns: the best validation loss is well below the first epoch's.
        JsonNode history = lm.training().get("history");
        double first = history.get(0).get("val_loss").asDouble(), best = lm.training().get("validation_loss").asDouble();
        assertTrue(best < 0.7 * first, "validation loss " + first + " after the first epoch, best " + best);

        // Both drive the nominal toy episode closed-loop.
        JsonNode f = drive(dir, scenario, fixed, "run-fixed"), l = drive(dir, scenario, learned, "run-learned");
        assertTrue(f.get("success").asBoolean() && l.get("success").asBoolean(), "fixed " + f + "\nlearned " + l);
        assertEquals(0, l.get("crashes").asInt(), l.toString());
        double fixedCte = f.get("cross_track_mean_m").asDouble(), learnedCte = l.get("cross_track_mean_m").asDouble();
        assertTrue(learnedCte <= Math.max(1.5 * fixedCte, fixedCte + 0.1),
                "learned front end mean cross-track " + learnedCte + " m vs the fixed one's " + fixedCte + " m");

        // The toy road is nearly straight for 3 s, so an untrained policy stays on it too (measured: 0.012 m mean
        // cross-track against the learned one's 0.014 m); what the steering learned shows open-loop on the expert's
        // own commands: the learned front end predicts them about as well as the fixed one (measured 1.6e-5 and
        // 3.9e-5), and far better than the same model before training (3.0e-4).
        Path untrained = dir.resolve("untrained.safetensors");
        ok(concat(common, "--front-end", "learned", "--front-inputs", "64", "--front-outputs", "32", "--lr", "1e-9", "--epochs", "1",
                "--out", untrained.toString()));
        double fixedMse = replayMse(dir, bags, fixed), learnedMse = replayMse(dir, bags, learned), untrainedMse = replayMse(dir, bags, untrained);
        assertTrue(learnedMse <= 3 * fixedMse, "replay MSE: learned front end " + learnedMse + ", fixed " + fixedMse);
        assertTrue(learnedMse < 0.25 * untrainedMse, "replay MSE: learned front end " + learnedMse + ", untrained " + untrainedMse);

        // The C and ONNX exports carry the layer: the step takes the 64 features. An ncps state dict has no place for it.
        Path c = dir.resolve("c");
        ok("model", "export-c", "--model", learned.toString(), "--out", c.toString(), "--prefix", "front");
        assertTrue(Files.readString(c.resolve("front.h")).contains("#define FRONT_INPUTS 64"));
        assertTrue(Files.readString(c.resolve("front.c")).contains("learned linear front end 64 -> 32"));
        ok("model", "export-onnx", "--model", learned.toString(), "--out", dir.resolve("learned.onnx").toString());
        LearningLoopTest.Run n = cli("model", "export-ncps", "--model", learned.toString(), "--out", dir.resolve("sd.safetensors").toString());
        assertEquals(2, n.code(), n.out() + n.err());
        assertEquals(1, n.err().strip().lines().count(), n.err());
        assertTrue(n.err().contains("learned front end"), n.err());
    }

    @Test
    void badFrontEndOptionsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.safetensors");
        Files.createFile(dir.resolve("empty.bag")); // bag data: the pipeline's size rules apply before it is read
        String[][] bad = {
                {"--front-end", "cnn"},
                {"--front-inputs", "64"},
                {"--front-end", "learned", "--front-outputs", "0"},
                {"--front-end", "learned", "--front-inputs", "8"},
                {"--front-end", "learned", "--front-inputs", "40", "--front-outputs", "41"},
                {"--front-end", "learned", "--mixed-memory"},
        };
        for (String[] b : bad) {
            LearningLoopTest.Run r = cli(concat(new String[]{"train", "--data", dir.toString(), "--model-type", "cfc-ncp19", "--out", out.toString()}, b));
            assertEquals(2, r.code(), String.join(" ", b) + ": " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("--front") || r.err().contains("--mixed-memory"), r.err());
        }
    }

    /** The open-loop mean squared error of {@code model}'s commands against the expert's on the second toy bag. */
    private static double replayMse(Path dir, Path bags, Path model) throws Exception {
        Path out = dir.resolve("replay-" + model.getFileName());
        ok("replay", "--bag", bags.resolve("episode-001.bag").toString(), "--model", model.toString(), "--out", out.toString());
        return new ObjectMapper().readTree(out.resolve("replay.json").toFile()).get("mse").asDouble();
    }

    /** The one episode's metrics of {@code sim run} on the toy scenario. */
    private static JsonNode drive(Path dir, Path scenario, Path model, String name) throws Exception {
        Path out = dir.resolve(name);
        ok("sim", "run", "--scenario", scenario.toString(), "--episodes", "1", "--policy", model.toString(), "--out", out.toString());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        return m.get("episodes").get(0);
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
