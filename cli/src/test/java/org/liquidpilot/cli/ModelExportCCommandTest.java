package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.liquid.export.CCheck;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.train.ModelTypes;
import org.liquidpilot.train.TrainableModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelExportCCommandTest {
    @TempDir
    Path dir;

    static Path shipped(String name) {
        return RepoRoot.find().toPath().resolve("models").resolve(name);
    }

    @Test
    void droneModelExportsWithItsCommandNamesAndPassesTheCheck() throws Exception {
        assumeTrue(Interop.shouldRun("a C compiler (apt gcc, libc6-dev, binutils)", CCheck.toolsAvailable()));
        Path out = dir.resolve("export");
        CliRun r = CliRun.of("model", "export-c", "--model", shipped("ncp19-forest-drone.safetensors").toString(), "--out", out.toString(),
                "--prefix", "drone", "--check", "--steps", "100", "--timed-steps", "2000");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("PASS"), r.out());
        assertTrue(r.out().matches("(?s).*max error \\d\\.\\d\\de-0[6-9].*"), r.out());
        assertTrue(r.out().contains("needs from outside: expf, tanhf") || r.out().contains("needs from outside: tanhf, expf"), r.out());
        assertTrue(r.out().matches("(?s).*step: median .* µs.*"), r.out());
        String h = Files.readString(out.resolve("drone.h"));
        for (String axis : List.of("FORWARD 0", "LEFT 1", "UP 2", "YAW_RATE 3")) assertTrue(h.contains("#define DRONE_OUT_" + axis), h);
        assertTrue(h.contains("void drone_normalise(const float *raw, float *z);"));
        assertTrue(h.contains("#define DRONE_INPUTS 43"));
    }

    /** The exported normalisation and output scaling, compiled, against the pilot's own FeatureStats and the model's scaling. */
    @Test
    void normalisationAndScalingMatchThePilot() throws Exception {
        assumeTrue(Interop.shouldRun("a C compiler (apt gcc, libc6-dev, binutils)", CCheck.toolsAvailable()));
        Path model = shipped("ncp19-forest-drone.safetensors");
        assertEquals(0, CliRun.of("model", "export-c", "--model", model.toString(), "--out", dir.toString(), "--prefix", "d").code());
        PilotModel pilot = PilotModel.load(model);
        LiquidModel m = LiquidModel.load(model);
        int f = m.inputSize(), o = m.outputSize();
        float[] raw = new float[f], z = new float[f], y = new float[o];
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder main = new StringBuilder("#include <stdio.h>\n#include \"d.h\"\nint main(void) {\n    static const float raw[] = {");
        for (int i = 0; i < f; i++) main.append(i == 0 ? "" : ", ").append(Float.toString(raw[i] = (float) (rng.nextDouble() * 4 - 1))).append('f');
        main.append("};\n    static const float y[] = {");
        for (int i = 0; i < o; i++) main.append(i == 0 ? "" : ", ").append(Float.toString(y[i] = (float) rng.nextGaussian())).append('f');
        main.append("};\n    float z[D_INPUTS], c[D_OUTPUTS];\n    int k;\n    d_normalise(raw, z);\n    d_scale_outputs(y, c);\n"
                + "    for (k = 0; k < D_INPUTS; k++) printf(\"%.9g\\n\", (double) z[k]);\n"
                + "    for (k = 0; k < D_OUTPUTS; k++) printf(\"%.9g\\n\", (double) c[k]);\n    return 0;\n}\n");
        Files.writeString(dir.resolve("main.c"), main);
        Process cc = new ProcessBuilder("cc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "main.c", "d.c", "-o", "main", "-lm")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String ccOut = new String(cc.getInputStream().readAllBytes());
        assertTrue(cc.waitFor(120, TimeUnit.SECONDS) && cc.exitValue() == 0, ccOut);
        Process run = new ProcessBuilder(dir.resolve("main").toString()).start();
        List<String> lines = new String(run.getInputStream().readAllBytes()).lines().toList();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        pilot.stats().zScores(raw, z);
        float[] command = m.outputScaling().apply(y.clone());
        assertEquals(f + o, lines.size());
        for (int i = 0; i < f; i++) assertEquals(z[i], Float.parseFloat(lines.get(i)), Math.ulp(z[i]) * 2, "z[" + i + "]");
        for (int i = 0; i < o; i++) assertEquals(command[i], Float.parseFloat(lines.get(f + i)), Math.ulp(command[i]) * 2, "command[" + i + "]");
    }

    @Test
    void aTightToleranceFailsWithExitOne() throws Exception {
        assumeTrue(Interop.shouldRun("a C compiler (apt gcc, libc6-dev, binutils)", CCheck.toolsAvailable()));
        CliRun r = CliRun.of("model", "export-c", "--model", shipped("ncp19-forest-road.safetensors").toString(), "--out", dir.toString(),
                "--check", "--steps", "50", "--timed-steps", "0", "--tolerance", "1e-12");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("FAIL") && r.out().contains("worst: "), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("ncp19_forest_road.c")), "default prefix from the file name");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path road = shipped("ncp19-forest-road.safetensors");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        TrainableModel lstm = ModelTypes.create("lstm64", 4, 1, 1, 1, "default", false);
        Path baseline = dir.resolve("lstm.safetensors");
        // the metadata is what marks a baseline; export-c refuses it before reading any tensor
        ModelFile.write(baseline, Map.of(), lstm.fileMetadata(null));
        List<List<String>> cases = List.of(
                List.of("--model", baseline.toString(), "--out", dir.resolve("o1").toString()),
                List.of("--model", road.toString(), "--out", file.toString()),
                List.of("--model", road.toString(), "--out", file.resolve("sub").toString()),
                List.of("--model", road.toString(), "--out", dir.resolve("o2").toString(), "--prefix", "9lives"),
                List.of("--model", road.toString(), "--out", dir.resolve("o3").toString(), "--prefix", "Drone"),
                List.of("--model", dir.resolve("missing.safetensors").toString(), "--out", dir.resolve("o4").toString()),
                List.of("--model", file.toString(), "--out", dir.resolve("o5").toString()),
                List.of("--model", road.toString(), "--out", dir.resolve("o6").toString(), "--check", "--dt", "0"));
        for (List<String> c : cases) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("model", "export-c"), c.stream()).toArray(String[]::new);
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), c + ": " + r.err() + r.out());
            assertEquals(1, r.err().lines().count(), c + ": " + r.err());
            assertTrue(r.err().startsWith("export-c: "), r.err());
        }
        CliRun r = CliRun.of("model", "export-c", "--model", baseline.toString(), "--out", dir.resolve("o7").toString());
        assertTrue(r.err().toLowerCase(Locale.ROOT).contains("lstm") && r.err().contains("LTC and CfC"), r.err());
        CliRun onnx = CliRun.of("model", "export-onnx", "--model", baseline.toString(), "--out", dir.resolve("b.onnx").toString());
        assertEquals(2, onnx.code(), onnx.err());
        assertEquals(1, onnx.err().lines().count(), onnx.err());
    }

    @Test
    void onnxExportWritesAModelAndRefusesBadOutputs() throws Exception {
        Path road = shipped("ncp19-forest-road.safetensors");
        Path out = dir.resolve("road.onnx");
        CliRun r = CliRun.of("model", "export-onnx", "--model", road.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("nodes") && Files.size(out) > 9_000, r.out());
        var proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(List.of("x", "h", "dt"), proto.getGraph().getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("y", "command", "h_out"), proto.getGraph().getOutputList().stream().map(v -> v.getName()).toList());
        assertTrue(proto.getMetadataProps(0).getValue().contains("output_scaling"));
        for (String bad : List.of(dir.resolve("no-such-dir").resolve("m.onnx").toString(), dir.resolve("m.txt").toString())) {
            CliRun b = CliRun.of("model", "export-onnx", "--model", road.toString(), "--out", bad);
            assertEquals(2, b.code(), bad + ": " + b.err());
            assertEquals(1, b.err().lines().count(), b.err());
        }
    }
}
