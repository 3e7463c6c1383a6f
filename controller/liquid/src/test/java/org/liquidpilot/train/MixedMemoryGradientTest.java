package org.liquidpilot.train;

import org.liquidpilot.liquid.wiring.FullyConnected;

import org.liquidpilot.liquid.Mapping;

import org.liquidpilot.liquid.LtcConfig;

import org.liquidpilot.liquid.wiring.Wiring;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liquidpilot.liquid.wiring.AutoNCP;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mixed memory has no ncps golden in the dev set, so its adjoint (and, as a cross-check, the plain cells') is
 * checked against central finite differences of a random linear functional of the outputs and final (h, c).
 */
class MixedMemoryGradientTest {

    private static TrainableModel model(String kind) {
        Wiring ncp = new AutoNCP(10, 2).build(3);
        return switch (kind) {
            case "ltc-mixed" -> LtcModel.initialised(new LtcConfig(3, new AutoNCP(10, 2), true, true, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, true), 5);
            case "ltc-clamp-mixed" -> LtcModel.initialised(new LtcConfig(3, new FullyConnected(4, 2), true, true, Mapping.AFFINE, Mapping.AFFINE, 3, 1e-8, false), 5);
            case "cfc-wired-mixed" -> CfcModel.wired(ncp, "default", true).initialise(5);
            case "cfc-pure-mixed" -> CfcModel.unwired(3, 5, "pure", "lecun_tanh", 6, 2, true).initialise(5);
            case "cfc-nogate-silu" -> CfcModel.unwired(3, 5, "no_gate", "silu", 6, 2, false).initialise(5);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"ltc-mixed", "ltc-clamp-mixed", "cfc-wired-mixed", "cfc-pure-mixed", "cfc-nogate-silu"})
    void adjointEqualsFiniteDifferences(String kind) {
        TrainableModel m = model(kind);
        int f = m.inputSize(), out = m.outputSize(), steps = 6;
        Random r = new Random(8);
        double[] p = m.params().values();
        for (int i = 0; i < p.length; i++) p[i] += 0.1 * r.nextGaussian();
        double[] x = new double[steps * f], dt = new double[steps], w = new double[steps * out];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < steps; i++) dt[i] = 0.2 + r.nextDouble();
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
        SequenceKernel k = m.newKernel(steps);
        double[] grad = new double[p.length];
        k.forward(x, 0, dt, 0, steps, new double[m.stateSize()], new double[steps * out], 0);
        k.backward(w, 0, grad);
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            if (grad[i] == 0 && kind.startsWith("cfc-wired")) continue; // masked entries: exactly zero, checked elsewhere
            double keep = p[i], eps = 1e-6;
            p[i] = keep + eps;
            double up = loss(k, m, x, dt, w, steps);
            p[i] = keep - eps;
            double down = loss(k, m, x, dt, w, steps);
            p[i] = keep;
            double fd = (up - down) / (2 * eps);
            worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd)));
        }
        assertTrue(worst < 2e-5, kind + ": worst relative error " + worst);
        if (kind.contains("mixed")) {
            double g = 0;
            for (String name : m.params().slots().keySet()) if (name.startsWith("lstm.")) for (double v : m.params().get(grad, name)) g += Math.abs(v);
            assertTrue(g > 0, "the LSTM parameters get a gradient");
            assertEquals(0, m.stateSize() % 2);
        }
    }

    private static double loss(SequenceKernel k, TrainableModel m, double[] x, double[] dt, double[] w, int steps) {
        double[] y = new double[w.length];
        k.forward(x, 0, dt, 0, steps, new double[m.stateSize()], y, 0);
        double s = 0;
        for (int i = 0; i < y.length; i++) s += w[i] * y[i];
        return s;
    }
}
