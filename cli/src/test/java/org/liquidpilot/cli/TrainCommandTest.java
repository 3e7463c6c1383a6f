package org.liquidpilot.cli;

import org.liquidpilot.liquid.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.train.FrontEndModel;
import org.liquidpilot.train.SafetensorsSequenceDirectory;
import org.liquidpilot.train.Sequence;
import org.liquidpilot.train.TrainableModel;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = LiquidPilotCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Sequences of a sine with dt, target the sine a little earlier; 3 features, 1 output. */
    private Path dataset(int files, int steps) throws Exception {
        Path d = Files.createDirectories(dir.resolve("data"));
        Random r = new Random(1);
        for (int n = 0; n < files; n++) {
            double w = 0.3 + 0.3 * r.nextDouble(), t = 0;
            double[] x = new double[steps * 3], y = new double[steps], dt = new double[steps];
            for (int i = 0; i < steps; i++) {
                dt[i] = 0.5 + r.nextDouble();
                t += dt[i];
                x[3 * i] = Math.sin(w * t);
                x[3 * i + 1] = Math.cos(0.5 * w * t);
                x[3 * i + 2] = 1;
                y[i] = Math.sin(w * (t - 2));
            }
            SafetensorsSequenceDirectory.write(d.resolve(String.format("seq%03d.safetensors", n)), new Sequence("s", steps, 3, 1, x, y, dt));
        }
        return d;
    }

    /** Default arguments; {@code more} overrides an option's value or adds a flag ("--quiet" is on unless "--verbose"). */
    private String[] args(Path data, String type, String... more) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("--data", data.toString());
        o.put("--model-type", type);
        o.put("--epochs", "2");
        o.put("--seq-len", "16");
        o.put("--batch", "4");
        o.put("--seed", "3");
        o.put("--out", dir.resolve("m.safetensors").toString());
        o.put("--quiet", null);
        for (int i = 0; i < more.length; i++) {
            if (more[i].equals("--verbose")) o.remove("--quiet");
            else if (more[i].equals("--resume")) o.put("--resume", null);
            else o.put(more[i], more[++i]);
        }
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("train"));
        o.forEach((k, v) -> {
            a.add(k);
            if (v != null) a.add(v);
        });
        return a.toArray(String[]::new);
    }

    @Test
    void trainsAnNcpAndWritesModelLossCurveAndProvenance() throws Exception {
        Path data = dataset(6, 48);
        assertEquals(0, run(args(data, "cfc-ncp19", "--checkpoint-every", "1")), err.toString());
        Path model = dir.resolve("m.safetensors");
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.size(dir.resolve("m.loss.png")) > 1000);
        assertTrue(Files.isRegularFile(dir.resolve("m.safetensors.ckpt")));
        JsonNode t = ModelFile.training(model);
        assertEquals(2, t.path("epochs").asInt());
        assertEquals(3, t.path("seed").asInt());
        assertTrue(t.path("validation_loss").isNumber());
        assertTrue(t.path("data").asText().contains("6 files"));
        TrainableModel m = TrainableModel.load(model);
        assertEquals(3, m.inputSize());
        assertTrue(out.toString().contains("best validation loss"), out.toString());

        // --resume continues from the checkpoint to the new epoch count
        assertEquals(0, run(args(data, "cfc-ncp19", "--resume", "--epochs", "3")), err.toString());
        assertEquals(3, ModelFile.training(model).path("epochs").asInt());
    }

    @Test
    void everyModelTypeTrainsAndShowsProgress() throws Exception {
        Path data = dataset(4, 32);
        for (String type : new String[]{"ltc-ncp19", "lstm64", "gru64", "ctrnn64", "mlp"}) {
            // one run without --quiet: the progress bar goes to stderr
            String[] a = switch (type) {
                case "ltc-ncp19" -> args(data, type, "--epochs", "1", "--verbose");
                case "gru64" -> args(data, type, "--epochs", "3", "--loss", "weighted-mse", "--alpha", "2", "--lr-schedule", "cosine",
                        "--bptt", "4", "--weight-decay", "1e-4", "--patience", "1", "--threads", "1");
                default -> args(data, type, "--epochs", "1");
            };
            assertEquals(0, run(a), type + ": " + err);
            assertTrue(Files.isRegularFile(dir.resolve("m.safetensors")));
        }
        assertTrue(err.toString().contains("train") && err.toString().contains("loss"), err.toString());
    }

    /** A learned linear front end over a sequence directory's own features: trains, resumes, and the file carries it. */
    @Test
    void learnedFrontEndTrainsOnSequencesAndIsSavedWithTheModel() throws Exception {
        Path data = dataset(4, 32);
        for (String type : new String[]{"cfc-ncp12-6-1", "lstm64"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(args(data, type, "--front-end", "learned", "--front-outputs", "2", "--checkpoint-every", "1")), type + ": " + err);
            assertTrue(out.toString().contains("3 features -> learned linear front end -> 2 inputs"), out.toString());
            Path model = dir.resolve("m.safetensors");
            TrainableModel m = TrainableModel.load(model);
            assertTrue(m instanceof FrontEndModel, type);
            assertEquals(3, m.inputSize());
            assertEquals(2, ((FrontEndModel) m).core().inputSize());
            assertEquals("learned linear 3 -> 2", ModelFile.training(model).path("front_end").asText());
            assertEquals(0, run(args(data, type, "--front-end", "learned", "--front-outputs", "2", "--resume", "--epochs", "3")), type + ": " + err);
            assertEquals(3, ModelFile.training(model).path("epochs").asInt());
        }
        Path cfc = cfcWithFront(data);
        assertEquals(3, org.liquidpilot.liquid.LiquidModel.load(cfc).inputSize());
        out.getBuffer().setLength(0);
        assertEquals(0, run("model", "info", "--model", cfc.toString()), err.toString());
        assertTrue(out.toString().contains("front end:   learned linear 3 -> 2"), out.toString());

        assertBadInput("more than the 3 features", args(data, "mlp", "--front-end", "learned", "--front-outputs", "4"));
        assertBadInput("but the data has 3 features", args(data, "mlp", "--front-end", "learned", "--front-inputs", "5", "--front-outputs", "2"));
        assertBadInput("needs --front-end learned", args(data, "mlp", "--front-outputs", "2"));
        String[] mixed = args(data, "cfc-ncp19", "--front-end", "learned", "--front-outputs", "2");
        mixed = java.util.Arrays.copyOf(mixed, mixed.length + 1);
        mixed[mixed.length - 1] = "--mixed-memory";
        assertBadInput("--mixed-memory", mixed);
        assertBadInput("fixed or learned", args(data, "mlp", "--front-end", "pca"));
    }

    private Path cfcWithFront(Path data) {
        Path f = dir.resolve("cfc-front.safetensors");
        assertEquals(0, run(args(data, "cfc-ncp19", "--front-end", "learned", "--front-outputs", "2", "--epochs", "1", "--out", f.toString())), err.toString());
        return f;
    }

    private void assertBadInput(String reason, String... a) {
        err.getBuffer().setLength(0);
        assertEquals(2, run(a), reason + ": " + err);
        String e = err.toString().trim();
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertTrue(e.toLowerCase().contains(reason), "'" + reason + "' in: " + e);
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertBadInput("no .safetensors", args(empty, "ltc-ncp19"));
        assertBadInput("not a directory", args(dir.resolve("missing"), "ltc-ncp19"));

        Path data = dataset(2, 20);
        assertBadInput("longer than the data", args(data, "ltc-ncp19", "--seq-len", "50"));
        assertBadInput("unknown --model-type", args(data, "transformer"));
        assertBadInput("--batch", args(data, "mlp", "--batch", "0"));

        Path mismatch = Files.createDirectories(dir.resolve("mismatch"));
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("x", Tensor.f32(new int[]{10, 3}, new double[30]));
        t.put("y", Tensor.f32(new int[]{9, 1}, new double[9]));
        SafeTensors.write(mismatch.resolve("a.safetensors"), t, null);
        assertBadInput("shape mismatch", args(mismatch, "mlp"));

        Path nan = Files.createDirectories(dir.resolve("nan"));
        double[] x = new double[30];
        x[7] = Double.NaN;
        t.put("x", Tensor.f32(new int[]{10, 3}, x));
        t.put("y", Tensor.f32(new int[]{10, 1}, new double[10]));
        SafeTensors.write(nan.resolve("a.safetensors"), t, null);
        assertBadInput("non-finite", args(nan, "mlp"));

        Path garbage = Files.createDirectories(dir.resolve("garbage"));
        Files.write(garbage.resolve("a.safetensors"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertBadInput("safetensors", args(garbage, "mlp"));
    }

    @Test
    void divergingTrainingStopsNamingEpochAndBatch() throws Exception {
        Path data = dataset(4, 32);
        err.getBuffer().setLength(0);
        assertEquals(1, run(args(data, "mlp", "--lr", "1e300", "--clip", "0")), err.toString());
        assertTrue(err.toString().matches("(?s).*epoch \\d+, batch \\d+ of \\d+.*"), err.toString());
        assertTrue(!Files.exists(dir.resolve("m.safetensors")));
    }
}
