package org.liquidpilot.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Mapping;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.FullyConnected;
import org.liquidpilot.liquid.wiring.Wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batched kernels against the one-window-at-a-time kernels they stand in for, through {@link BatchEngine}. */
class LaneKernelTest {

    private static TrainableModel model(String kind) {
        return switch (kind) {
            case "ncp" -> CfcModel.wired(new AutoNCP(19, 2).build(5), "default").initialise(3);
            case "ncp-no_gate" -> CfcModel.wired(new AutoNCP(12, 1).build(4), "no_gate").initialise(4);
            case "ncp-pure" -> CfcModel.wired(new AutoNCP(12, 1).build(4), "pure").initialise(5);
            case "fc-default" -> CfcModel.unwired(5, 9, "default", "lecun_tanh", 0, 0).initialise(6);
            case "ltc-ncp" -> LtcModel.initialised(new LtcConfig(5, new AutoNCP(19, 2)), new AutoNCP(19, 2).build(5), 7);
            case "ltc-fc" -> LtcModel.initialised(new LtcConfig(4, new FullyConnected(6, 1), true, false,
                    Mapping.LINEAR, Mapping.AFFINE, 3, 1e-8, false), new FullyConnected(6, 1).build(4), 8);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** {@code n} windows of {@code length} steps, over sequences long enough that windows start at different places. */
    private static List<Window> windows(TrainableModel model, int n, int length, boolean timespans, long seed) {
        Random r = new Random(seed);
        int f = model.inputSize(), m = model.outputSize(), steps = length + 7;
        List<Window> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            double[] x = new double[steps * f], y = new double[steps * m], dt = timespans ? new double[steps] : null;
            for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
            for (int i = 0; i < y.length; i++) y[i] = Math.sin(0.3 * i + s);
            if (dt != null) for (int i = 0; i < steps; i++) dt[i] = 0.05 + 2 * r.nextDouble();
            out.add(new Window(new Sequence("s" + s, steps, f, m, x, y, dt), s % 7, length));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {1} windows, timespans={2}, truncation {3}, {4} shards")
    @CsvSource({"ncp,32,true,0,1", "ncp,37,false,0,1", "ncp,9,true,5,2", "ncp-no_gate,11,true,0,1",
            "ncp-pure,11,true,4,1", "ncp-pure,6,false,0,1", "fc-default,13,true,0,2",
            "ltc-ncp,32,true,0,1", "ltc-ncp,13,false,5,2", "ltc-fc,3,true,0,1"})
    void batchedEqualsOneAtATime(String kind, int n, boolean timespans, int truncation, int shards) {
        TrainableModel model = model(kind);
        List<Window> batch = windows(model, n, 12, timespans, n);
        assertNotNull(LaneKernel.of(model, 12, 4), kind + " has a batched kernel");
        double[] one = new double[model.params().size()], lanes = new double[one.length];
        double lossOne, lossLanes;
        try (BatchEngine a = new BatchEngine(model, 12, 1, shards, 1); BatchEngine b = new BatchEngine(model, 12, 1, shards, BatchEngine.LANES)) {
            lossOne = a.run(batch, truncation, Loss.weightedMse(0.5), one);
            lossLanes = b.run(batch, truncation, Loss.weightedMse(0.5), lanes);
            // and the evaluation pass, without a gradient
            double eval = a.run(batch, truncation, Loss.mse(), null);
            assertEquals(eval, b.run(batch, truncation, Loss.mse(), null), 1e-13 * eval);
        }
        // The same arithmetic per lane, but for the vectorised tanh and exponential (a few ulp).
        assertEquals(lossOne, lossLanes, 1e-13 * lossOne);
        double scale = 0;
        for (double g : one) scale = Math.max(scale, Math.abs(g));
        assertTrue(scale > 0);
        for (int i = 0; i < one.length; i++) {
            assertEquals(one[i], lanes[i], 1e-12 * scale, kind + ": gradient " + i);
        }
    }

    @Test
    void unequalWindowsAndUnsupportedModelsRunOneAtATime() {
        TrainableModel model = model("ncp");
        List<Window> batch = new ArrayList<>(windows(model, 4, 12, true, 1));
        batch.addAll(windows(model, 3, 9, true, 2));
        double[] one = new double[model.params().size()], lanes = new double[one.length];
        try (BatchEngine a = new BatchEngine(model, 12, 1, 1, 1); BatchEngine b = new BatchEngine(model, 12, 1, 1, BatchEngine.LANES)) {
            assertEquals(a.run(batch, 0, Loss.mse(), one), b.run(batch, 0, Loss.mse(), lanes), 0.0);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(one, lanes, "mixed lengths take the per-window path, bit for bit");
        assertNull(LaneKernel.of(CfcModel.unwired(5, 9, "default", "lecun_tanh", 16, 1).initialise(1), 12, 4), "backbone");
        assertNull(LaneKernel.of(CfcModel.unwired(5, 9, "default", "lecun_tanh", 0, 0, true).initialise(1), 12, 4), "mixed memory");
        assertNull(LaneKernel.of(LtcModel.initialised(new LtcConfig(5, new AutoNCP(12, 1), true, true, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, true), new AutoNCP(12, 1).build(5), 1), 12, 4), "LTC mixed memory");
        assertNull(LaneKernel.of(BaselineModel.create("lstm", 5, 8, 1).initialise(1), 12, 4), "baseline");
    }
}
