package org.liquidpilot.liquid;

import org.junit.jupiter.api.Test;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.FullyConnected;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch-in-lanes LTC path of {@link LiquidModel#run} against the streaming cell, sample by sample: batches that
 * do and do not fill the vector lanes, per-sample timespans, given initial states, both output modes. This module's
 * tests run with the Vector API module (see its pom), so the vector path is the one {@code run} takes here.
 */
class LtcVectorBatchTest {
    @Test
    void theVectorPathIsOnInThisModulesTests() {
        assertTrue(LiquidModel.VECTOR_BATCH, "the liquid module's tests must run with --add-modules jdk.incubator.vector");
    }

    @Test
    void batchedRunMatchesTheStreamingCell() {
        SplittableRandom r = new SplittableRandom(11);
        for (LtcConfig config : new LtcConfig[]{new LtcConfig(32, new AutoNCP(19, 1)), new LtcConfig(5, new FullyConnected(7, 2)),
                new LtcConfig(6, new AutoNCP(12, 3), false, false, Mapping.LINEAR, Mapping.NONE, 3, 1e-8, false)}) {
            LiquidModel model = LiquidModel.random(config, r.nextLong());
            for (int batch : new int[]{2, 8, 11, 64}) {
                int time = 9, f = config.inputSize(), n = model.stateSize(), m = model.outputSize();
                double[] x = new double[batch * time * f], dt = new double[batch * time], h0 = new double[batch * n];
                for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian() * 2;
                for (int i = 0; i < dt.length; i++) dt[i] = 0.02 + r.nextDouble();
                for (int i = 0; i < h0.length; i++) h0[i] = r.nextGaussian() * 0.3;
                LiquidModel.Result got = model.run(x, batch, time, dt, h0);
                LiquidStream s = model.newStream();
                double[] xt = new double[f];
                for (int b = 0; b < batch; b++) {
                    s.setState(java.util.Arrays.copyOfRange(h0, b * n, (b + 1) * n));
                    double[] y = null;
                    for (int t = 0; t < time; t++) {
                        System.arraycopy(x, (b * time + t) * f, xt, 0, f);
                        y = s.step(xt, dt[b * time + t]);
                        if (config.returnSequences()) {
                            for (int i = 0; i < m; i++) close(y[i], got.out()[(b * time + t) * m + i], "out b" + b + " t" + t);
                        }
                    }
                    if (!config.returnSequences()) for (int i = 0; i < m; i++) close(y[i], got.out()[b * m + i], "last out b" + b);
                    float[] h = s.state();
                    for (int j = 0; j < n; j++) assertEquals(h[j], (float) got.hn()[b * n + j], 1e-5 * (1 + Math.abs(h[j])), "hn b" + b + " j" + j);
                }
            }
        }
    }

    private static void close(double want, double got, String what) {
        // The Vector API's exponential is not Fn.exp: a few ulp apart, compounded over the unfolds and steps.
        assertEquals(want, got, 1e-11 * (1 + Math.abs(want)), what);
    }
}
