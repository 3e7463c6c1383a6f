package org.liquidpilot.train;

import org.liquidpilot.liquid.wiring.FullyConnected;

import org.liquidpilot.liquid.Mapping;

import org.liquidpilot.liquid.LtcConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerTest {

    @Test
    void adamFollowsTorchForTwoSteps() {
        // torch.optim.Adam([p], lr=0.1, weight_decay=0.01), p=[1,-2], grads [0.5,0.25] then [-1,2] (values worked by hand from torch's update rule)
        double[] p = {1, -2};
        Adam adam = new Adam(2, 0.9, 0.999, 1e-8, 0.01, false);
        adam.step(p, new double[]{0.5, 0.25}, 0.1);
        // step 1: m̂ = g', v̂ = g'², so the update is lr·sign(g') for g' = g + wd·p
        assertEquals(0.9, p[0], 1e-7);
        assertEquals(-2.1, p[1], 1e-7);
        double p0 = p[0];
        adam.step(p, new double[]{-1, 2}, 0.1);
        double g0 = -1 + 0.01 * p0, m0 = 0.9 * 0.1 * (0.5 + 0.01) + 0.1 * g0, v0 = 0.999 * 0.001 * Math.pow(0.51, 2) + 0.001 * g0 * g0;
        double expected = p0 - 0.1 * (m0 / (1 - 0.81)) / (Math.sqrt(v0) / Math.sqrt(1 - 0.998001) + 1e-8);
        assertEquals(expected, p[0], 1e-12);
    }

    @Test
    void clipScalesToTheNormLikeTorch() {
        double[] g = {3, 4};
        assertEquals(5, Adam.clipGradNorm(g, 1), 0);
        assertEquals(3 / (5 + 1e-6), g[0], 1e-12);
        double[] small = {0.3, 0.4};
        Adam.clipGradNorm(small, 1);
        assertEquals(0.3, small[0], 0);
    }

    @Test
    void schedules() {
        assertEquals(0.1, LrSchedule.parse("constant", 0.1, 10).at(7), 0);
        LrSchedule cos = LrSchedule.parse("cosine", 0.1, 10);
        assertEquals(0.1, cos.at(0), 1e-12);
        assertEquals(0.001, cos.at(10), 1e-12);
        LrSchedule step = LrSchedule.parse("step:3:0.5", 0.1, 10);
        assertEquals(0.1, step.at(2), 0);
        assertEquals(0.05, step.at(3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("step:0:2", 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("warp", 0.1, 10));
    }

    @Test
    void weightedLossFavoursLargeTargets() {
        double[] pred = {0.1, 1.1}, target = {0, 1}, grad = new double[2];
        double sum = Loss.weightedMse(2).sumAndGrad(pred, 0, target, 0, 2, 2, grad, 0);
        assertEquals(0.01 + Math.exp(2) * 0.01, sum, 1e-12);
        assertEquals(2 * Math.exp(2) * 0.1 / 2, grad[1], 1e-12);
        assertEquals(0.02, Loss.mse().sumAndGrad(pred, 0, target, 0, 2, 2, null, 0), 1e-12);
    }

    @Test
    void clampModeProjectsLtcParameters() {
        LtcModel m = LtcModel.initialised(new LtcConfig(2, new FullyConnected(3, 1), true, false, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, false), 1);
        double[] p = m.params().values();
        int w = m.params().offset("rnn_cell.w"), cm = m.params().offset("rnn_cell.cm"), vleak = m.params().offset("rnn_cell.vleak");
        p[w] = -1;
        p[cm] = -0.5;
        p[vleak] = -0.5;
        m.afterUpdate();
        assertEquals(0, p[w], 0);
        assertEquals(0, p[cm], 0);
        assertEquals(-0.5, p[vleak], 0); // vleak is not constrained
    }
}
