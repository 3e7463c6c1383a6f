package org.liquidpilot.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class ModelCommandTest {
    @TempDir
    Path dir;
    Path stateDict, config, input, model;
    LiquidModel reference;
    Tensor x, ts;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void files() throws Exception {
        reference = LiquidModel.random(new LtcConfig(32, new AutoNCP(19, 1)), 11);
        stateDict = dir.resolve("sd.safetensors");
        SafeTensors.write(stateDict, reference.ncpsStateDict(), Map.of());
        config = dir.resolve("ctor.json");
        Files.writeString(config, reference.config().toJson().toString());
        SplittableRandom r = new SplittableRandom(3);
        double[] xd = new double[2 * 7 * 32], td = new double[2 * 7];
        for (int i = 0; i < xd.length; i++) xd[i] = (float) r.nextGaussian();
        for (int i = 0; i < td.length; i++) td[i] = (float) (0.05 + r.nextDouble());
        x = Tensor.f32(new int[]{2, 7, 32}, xd);
        ts = Tensor.f32(new int[]{2, 7}, td);
        input = dir.resolve("in.safetensors");
        SafeTensors.write(input, Map.of("io.x", x, "io.timespans", ts), Map.of());
        model = dir.resolve("model.safetensors");
    }

    @Test
    void importRunInfoDrawExport() throws Exception {
        CliRun imp = cli("model", "import-ncps", "--state-dict", stateDict.toString(), "--config", config.toString(), "--out", model.toString());
        assertEquals(0, imp.code(), imp.err());

        Path out = dir.resolve("out.safetensors");
        CliRun run = cli("model", "run", "--model", model.toString(), "--input", input.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        SafeTensors.Contents got = SafeTensors.read(out);
        Map<String, Tensor> want = reference.run(x, ts, null);
        assertEquals(want.get("out"), got.require("out"));
        assertEquals(want.get("hn"), got.require("hn"));
        assertArrayEquals(new int[]{2, 7, 1}, got.require("out").shape());
        assertArrayEquals(new int[]{2, 19}, got.require("hn").shape());

        CliRun noTs = cli("model", "run", "--model", stateDict.toString(), "--config", config.toString(), "--input", input.toString(),
                "--no-timespans", "--out", out.toString());
        assertEquals(0, noTs.code(), noTs.err());
        assertEquals(reference.run(x, null, null).get("out"), SafeTensors.read(out).require("out"));

        double[] h0 = new double[2 * 19];
        for (int i = 0; i < h0.length; i++) h0[i] = 0.1 * (i % 5) - 0.2;
        Tensor hx = Tensor.f32(new int[]{2, 19}, h0);
        Path withState = dir.resolve("in-hx.safetensors");
        SafeTensors.write(withState, Map.of("io.x", x, "io.timespans", ts, "io.hx", hx), Map.of());
        assertEquals(0, cli("model", "run", "--model", model.toString(), "--input", withState.toString(), "--out", out.toString()).code());
        assertEquals(reference.run(x, ts, hx).get("hn"), SafeTensors.read(out).require("hn"));
        assertNotEquals(want.get("hn"), SafeTensors.read(out).require("hn"));

        CliRun info = cli("model", "info", "--model", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("inter:     11 {8..18}"), info.out());
        assertTrue(info.out().contains("command:   7 {1..7}"), info.out());
        assertTrue(info.out().contains("motor:     1 {0}"), info.out());
        assertTrue(info.out().contains("synapses:    46"), info.out());
        assertTrue(info.out().contains("sensory synapses: 160"), info.out());
        assertTrue(info.out().contains("parameters:  " + reference.trainableParameterCount() + " trainable"), info.out());

        Path png = dir.resolve("w.png"), svg = dir.resolve("w.svg");
        CliRun draw = cli("model", "draw", "--model", model.toString(), "--out", png.toString(), svg.toString());
        assertEquals(0, draw.code(), draw.err());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 400 && img.getHeight() > 400);
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg"));
        long lines = s.lines().filter(l -> l.contains("class=\"excitatory\"") || l.contains("class=\"inhibitory\"")).count();
        assertEquals(46 + 160, lines);
        assertEquals(19 + 32, s.lines().filter(l -> l.startsWith("<circle")).count());

        Path back = dir.resolve("back.safetensors"), ctor = dir.resolve("back.json");
        CliRun exp = cli("model", "export-ncps", "--model", model.toString(), "--out", back.toString(), "--config-out", ctor.toString());
        assertEquals(0, exp.code(), exp.err());
        assertEquals(SafeTensors.read(stateDict).tensors(), SafeTensors.read(back).tensors());
        assertEquals(reference.config(), ModelCommand.readConfig(ctor));
    }

    @Test
    void wiredCfcDrawsAndRuns() throws Exception {
        LiquidModel cfc = LiquidModel.random(CfcConfig.wired(32, new AutoNCP(19, 1), CfcMode.DEFAULT), 2);
        cfc.save(model);
        Path out = dir.resolve("o.safetensors");
        assertEquals(0, cli("model", "run", "--model", model.toString(), "--input", input.toString(), "--out", out.toString()).code());
        assertEquals(cfc.run(x, ts, null).get("hn"), SafeTensors.read(out).require("hn"));
        assertEquals(0, cli("model", "draw", "--model", model.toString(), "--out", dir.resolve("c.svg").toString()).code());
    }

    private void assertBadInput(String why, String... args) {
        CliRun r = cli(args);
        assertEquals(2, r.code(), why + ": " + r.err());
        // usage errors may add picocli's "try: ... --help" hint
        assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("try: ")).count(), why + ": one line, got " + r.err());
        assertFalse(r.err().contains("\tat "), why + ": no stack trace");
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws Exception {
        assertEquals(0, cli("model", "import-ncps", "--state-dict", stateDict.toString(), "--config", config.toString(), "--out", model.toString()).code());
        Path out = dir.resolve("o.safetensors");
        byte[] good = Files.readAllBytes(model);

        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        assertBadInput("truncated", "model", "run", "--model", truncated.toString(), "--input", input.toString(), "--out", out.toString());

        Path corrupt = dir.resolve("corrupt.safetensors");
        byte[] c = good.clone();
        for (int i = 8; i < 40; i++) c[i] = (byte) '#';
        Files.write(corrupt, c);
        assertBadInput("corrupt header", "model", "info", "--model", corrupt.toString());
        Files.write(corrupt, new byte[]{1, 2, 3});
        assertBadInput("tiny file", "model", "info", "--model", corrupt.toString());

        Path wrongShape = dir.resolve("shape.safetensors");
        SafeTensors.write(wrongShape, Map.of("io.x", Tensor.f32(new int[]{2, 7, 31}, new double[2 * 7 * 31])), Map.of());
        assertBadInput("wrong shape", "model", "run", "--model", model.toString(), "--input", wrongShape.toString(), "--out", out.toString());

        double[] nan = x.data().clone();
        nan[5] = Double.NaN;
        Path nanIn = dir.resolve("nan.safetensors");
        SafeTensors.write(nanIn, Map.of("io.x", Tensor.f32(x.shape(), nan)), Map.of());
        assertBadInput("NaN input", "model", "run", "--model", model.toString(), "--input", nanIn.toString(), "--out", out.toString());

        Path noX = dir.resolve("nox.safetensors");
        SafeTensors.write(noX, Map.of("io.timespans", ts), Map.of());
        assertBadInput("no io.x", "model", "run", "--model", model.toString(), "--input", noX.toString(), "--out", out.toString());

        Map<String, Tensor> missing = new LinkedHashMap<>(reference.ncpsStateDict());
        missing.remove("rnn_cell.sigma");
        Path missingKey = dir.resolve("missing.safetensors");
        SafeTensors.write(missingKey, missing, Map.of());
        assertBadInput("missing key", "model", "import-ncps", "--state-dict", missingKey.toString(), "--config", config.toString(), "--out", out.toString());

        Path unknownCell = dir.resolve("gru.json");
        Files.writeString(unknownCell, "{\"cls\":\"GRU\",\"input_size\":32,\"units\":19}");
        assertBadInput("unknown cell type", "model", "run", "--model", stateDict.toString(), "--config", unknownCell.toString(), "--input", input.toString(), "--out", out.toString());
        Files.writeString(unknownCell, "{not json");
        assertBadInput("broken JSON", "model", "info", "--model", stateDict.toString(), "--config", unknownCell.toString());

        assertBadInput("bare state dict without --config", "model", "info", "--model", stateDict.toString());
        assertBadInput("no such file", "model", "info", "--model", dir.resolve("nope").toString());
        assertBadInput("bad draw extension", "model", "draw", "--model", model.toString(), "--out", dir.resolve("w.jpg").toString());
        assertBadInput("missing option", "model", "run", "--model", model.toString());
    }
}
