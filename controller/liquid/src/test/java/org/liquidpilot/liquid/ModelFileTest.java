package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.FullyConnected;
import org.liquidpilot.liquid.wiring.NCP;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ModelFileTest {
    @TempDir
    Path dir;

    static java.util.List<String> models() {
        return Goldens.MODELS;
    }

    private static Map<String, Tensor> stateDictOnly(SafeTensors.Contents c) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (!k.startsWith("io.") && !k.startsWith("grad_") && !k.startsWith("wiring.")) m.put(k, v);
        });
        return m;
    }

    @ParameterizedTest
    @MethodSource("models")
    void ncpsStateDictRoundTripsByteIdentical(String name) throws Exception {
        SafeTensors.Contents golden = Goldens.f32(name);
        Map<String, Tensor> sd = stateDictOnly(golden);
        LiquidModel m = GoldenOutputsTest.model(name, golden);
        Path file = dir.resolve(name + ".lp.safetensors");
        m.save(file);
        LiquidModel back = LiquidModel.load(file);
        Map<String, Tensor> exported = back.ncpsStateDict();
        java.util.List<String> order = new java.util.ArrayList<>();
        Goldens.meta(name).path("state_dict").forEach(e -> order.add(e.path("key").asText()));
        assertEquals(order, exported.keySet().stream().toList(), "ncps registration order");
        assertEquals(sd, exported);
        assertArrayEquals(SafeTensors.toBytes(sd, null), SafeTensors.toBytes(exported, null));
        assertEquals(m.config(), back.config());
        assertEquals(m.wiring(), back.wiring());
        if (m.wiring() != null) {
            assertEquals(golden.require("wiring.adjacency_matrix"), SafeTensors.read(file).require("wiring.adjacency_matrix"));
        }
        // the reloaded model computes the same outputs
        Map<String, Tensor> a = m.run(golden.require("io.x"), golden.require("io.timespans"), null);
        Map<String, Tensor> b = back.run(golden.require("io.x"), golden.require("io.timespans"), null);
        assertEquals(a, b);
    }

    @Test
    void metadataCarriesExtrasAndWiring() throws Exception {
        LiquidModel m = LiquidModel.random(new LtcConfig(32, new AutoNCP(19, 1)), 7);
        var features = new ObjectMapper().readTree("{\"kind\":\"edges\",\"mean\":[0.5,0.25],\"std\":[1,2]}");
        var training = new ObjectMapper().readTree("{\"data\":\"bags/run1.bag\",\"seed\":3,\"epochs\":20,\"val_loss\":0.012}");
        m = m.withExtras(features, new OutputScaling(new double[]{2.5}, new double[]{-0.1}), training);
        Path f = dir.resolve("m.safetensors");
        m.save(f);
        var meta = new ObjectMapper().readTree(SafeTensors.read(f).metadata().get("liquidpilot"));
        assertEquals("liquidpilot-model", meta.path("format").asText());
        assertEquals(1, meta.path("format_version").asInt());
        assertEquals("LTC", meta.path("cell").asText());
        assertEquals("AutoNCP", meta.path("wiring").path("kind").asText());
        assertEquals(22222, meta.path("wiring").path("constructor").path("seed").asLong());
        assertEquals(46, meta.path("wiring").path("synapses").asInt());
        assertEquals(7, meta.path("wiring").path("neurons").path("command").size());
        LiquidModel back = LiquidModel.load(f);
        assertEquals(features, back.featureExtractor());
        assertEquals(training, back.training());
        assertEquals(m.outputScaling(), back.outputScaling());
        assertEquals(m.parameters(), back.parameters());
        float[] y = {1f};
        assertEquals(2.4f, back.outputScaling().apply(y)[0], 1e-6);
    }

    @Test
    void randomModelsOfEveryKindRunAndRoundTrip() throws Exception {
        ModelConfig[] configs = {
                new LtcConfig(5, new NCP(4, 3, 2, 2, 2, 3, 2, 9), true, true, Mapping.LINEAR, Mapping.NONE, 3, 1e-8, false),
                new LtcConfig(3, new FullyConnected(6, 2)),
                new CfcConfig(4, null, 10, 3, false, true, CfcMode.DEFAULT, Activation.GELU, 16, 3, 0.2),
                new CfcConfig(4, null, 10, 0, true, false, CfcMode.PURE, Activation.SILU, 8, 2, 0.0),
                new CfcConfig(4, null, 6, 0, true, false, CfcMode.NO_GATE, Activation.RELU, 0, 0, 0.0),
                CfcConfig.wired(6, new AutoNCP(12, 2), CfcMode.PURE),
                new CfcConfig(6, new AutoNCP(12, 2), 12, 4, true, true, CfcMode.NO_GATE, Activation.LECUN_TANH, 0, 0, 0.0),
        };
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (ModelConfig cfg : configs) {
            LiquidModel m = LiquidModel.random(cfg, 42);
            assertEquals(m.parameters(), LiquidModel.random(cfg, 42).parameters(), "same seed, same init");
            assertNotEquals(m.parameters(), LiquidModel.random(cfg, 43).parameters());
            double[] x = new double[2 * 5 * cfg.inputSize()];
            for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
            LiquidModel.Result res = m.run(x, 2, 5, null, null);
            for (double d : res.out()) assertTrue(Double.isFinite(d), cfg.toString());
            assertEquals(cfg.mixedMemory(), res.cn() != null);
            assertEquals(cfg.outputSize(), m.outputSize());
            Path f = dir.resolve("r.safetensors");
            m.save(f);
            LiquidModel back = LiquidModel.load(f);
            assertEquals(cfg, back.config());
            assertArrayEquals(res.out(), back.run(x, 2, 5, null, null).out(), cfg.toString());
            // the ncps constructor JSON round-trips too
            assertEquals(cfg, ModelConfig.fromNcps(cfg.toJson()));
        }
    }

    @Test
    void float64ModelsStayFloat64() throws Exception {
        LiquidModel m = LiquidModel.random(CfcConfig.dense(3, 5, CfcMode.DEFAULT), 1);
        LiquidModel wide = m.withParameters(m.parameters().as(Tensor.DType.F64));
        Path f = dir.resolve("w.safetensors");
        wide.save(f);
        LiquidModel back = LiquidModel.load(f);
        assertEquals(Tensor.DType.F64, back.dtype());
        assertEquals(Tensor.DType.F64, back.run(Tensor.f64(new int[]{1, 2, 3}, new double[6]), null, null).get("out").dtype());
    }

    @Test
    void mismatchedMasksAreRejected() {
        SafeTensors.Contents golden = Goldens.f32("ltc_ncp19");
        ModelConfig other = new LtcConfig(32, new AutoNCP(19, 1, 0.5, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> LiquidModel.fromNcps(other, golden.tensors()));
        assertTrue(e.getMessage().contains("sparsity_mask"), e.getMessage());
    }
}
