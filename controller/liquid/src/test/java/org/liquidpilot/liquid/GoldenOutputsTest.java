package org.liquidpilot.liquid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every dev golden model, with and without timespans, against ncps 1.0.1's outputs and final states. */
class GoldenOutputsTest {

    static java.util.List<String> models() {
        return Goldens.MODELS;
    }

    static LiquidModel model(String name, SafeTensors.Contents c) {
        return LiquidModel.fromNcps(ModelConfig.fromNcps(Goldens.meta(name).path("constructor")), c.tensors());
    }

    static double maxAbsDiff(Tensor want, double[] have) {
        assertEquals(want.data().length, have.length);
        double m = 0;
        for (int i = 0; i < have.length; i++) m = Math.max(m, Math.abs(want.data()[i] - have[i]));
        return m;
    }

    @ParameterizedTest
    @MethodSource("models")
    void float32MatchesNcpsFloat32(String name) {
        SafeTensors.Contents c = Goldens.f32(name);
        LiquidModel m = model(name, c);
        assertEquals(Tensor.DType.F32, m.dtype());
        for (boolean ts : new boolean[]{false, true}) {
            Map<String, Tensor> r = m.run(c.require("io.x"), ts ? c.require("io.timespans") : null, null);
            String s = ts ? "ts" : "nots";
            assertEquals(Tensor.DType.F32, r.get("out").dtype());
            assertArrayEquals(c.require("io.out_" + s).shape(), r.get("out").shape());
            assertArrayEquals(c.require("io.hn_" + s).shape(), r.get("hn").shape());
            double dOut = maxAbsDiff(c.require("io.out_" + s), r.get("out").data());
            double dHn = maxAbsDiff(c.require("io.hn_" + s), r.get("hn").data());
            assertTrue(dOut <= 2e-6 && dHn <= 2e-6, name + " " + s + ": out " + dOut + ", hn " + dHn);
        }
    }

    /** The streaming float API, one sample at a time with its own dt, gives the same sequences. */
    @ParameterizedTest
    @MethodSource("models")
    void floatStreamMatchesNcpsFloat32(String name) {
        SafeTensors.Contents c = Goldens.f32(name);
        LiquidModel m = model(name, c);
        Tensor x = c.require("io.x"), ts = c.require("io.timespans"), out = c.require("io.out_ts"), hn = c.require("io.hn_ts");
        int b = x.dim(0), t = x.dim(1), f = x.dim(2), o = m.outputSize(), n = m.stateSize();
        LiquidStream stream = m.newStream();
        float[] in = new float[f];
        double worst = 0;
        for (int i = 0; i < b; i++) {
            stream.reset();
            for (int k = 0; k < t; k++) {
                for (int j = 0; j < f; j++) in[j] = (float) x.data()[(i * t + k) * f + j];
                float[] y = stream.step(in, (float) ts.data()[i * t + k]);
                for (int j = 0; j < o; j++) worst = Math.max(worst, Math.abs(y[j] - out.data()[(i * t + k) * o + j]));
            }
            float[] s = stream.state();
            for (int j = 0; j < n; j++) worst = Math.max(worst, Math.abs(s[j] - hn.data()[i * n + j]));
        }
        assertTrue(worst <= 2e-6, name + ": " + worst);
    }

    @ParameterizedTest
    @MethodSource("models")
    void float64MatchesNcpsFloat64(String name) {
        SafeTensors.Contents c32 = Goldens.f32(name), c64 = Goldens.f64(name);
        Map<String, Tensor> wide = new java.util.LinkedHashMap<>();
        c32.tensors().forEach((k, v) -> wide.put(k, v.as(Tensor.DType.F64)));
        LiquidModel m = model(name, new SafeTensors.Contents(wide, Map.of()));
        assertEquals(Tensor.DType.F64, m.dtype());
        for (boolean ts : new boolean[]{false, true}) {
            Map<String, Tensor> r = m.run(c64.require("io.x"), ts ? c64.require("io.timespans") : null, null);
            String s = ts ? "ts" : "nots";
            assertEquals(Tensor.DType.F64, r.get("out").dtype());
            double dOut = maxAbsDiff(c64.require("io.out_" + s), r.get("out").data());
            double dHn = maxAbsDiff(c64.require("io.hn_" + s), r.get("hn").data());
            assertTrue(dOut <= 1e-10 && dHn <= 1e-10, name + " " + s + ": out " + dOut + ", hn " + dHn);
        }
    }
}
