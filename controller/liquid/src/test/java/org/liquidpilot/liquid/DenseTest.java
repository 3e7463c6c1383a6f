package org.liquidpilot.liquid;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Dense} against the plain definitions, y = W·x + b with W masked and, backwards, dW = (g·zᵀ) ∘ mask,
 * db = g, dz = Wᵀ·g: for no mask, a 0/1 mask (the wirings') and a mask with other values, which the fast path for
 * 0/1 masks must not take.
 */
class DenseTest {
    private static final int IN = 11, ROWS_A = 6, ROWS_B = 5;

    @Test
    void forwardAndBackwardMatchTheDefinitions() {
        SplittableRandom r = new SplittableRandom(3);
        double[] binary = new double[ROWS_A * IN], scaled = new double[ROWS_A * IN];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = r.nextInt(3) == 0 ? 0 : 1;
            scaled[i] = r.nextInt(3) == 0 ? 0 : 0.25 + r.nextInt(4) * 0.5;
        }
        for (double[] mask : new double[][]{null, binary, scaled}) check(mask, r);
    }

    private static void check(double[] mask, SplittableRandom r) {
        double[] p = new double[(ROWS_A + ROWS_B) * IN + ROWS_A + ROWS_B];
        for (int i = 0; i < p.length; i++) p[i] = r.nextGaussian();
        int wA = 0, wB = ROWS_A * IN, bA = wB + ROWS_B * IN, bB = bA + ROWS_A;
        Dense d = new Dense(IN, ROWS_A, ROWS_B);
        d.load(0, p, wA, mask, p, bA);
        d.load(1, p, wB, null, p, bB);
        double[] x = new double[IN], g = new double[ROWS_A + ROWS_B];
        for (int i = 0; i < IN; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < g.length; i++) g[i] = i == 2 ? 0 : r.nextGaussian();

        double[] y = new double[ROWS_A + ROWS_B];
        d.apply(x, 0, y, 0);
        double[] grad = new double[p.length], gz = new double[IN];
        d.backward(x, 0, g, 0, grad, new int[]{wA, wB}, new int[]{bA, bB}, gz, 0, 0);

        double[] gzRef = new double[IN];
        for (int o = 0; o < ROWS_A + ROWS_B; o++) {
            boolean a = o < ROWS_A;
            int row = a ? wA + o * IN : wB + (o - ROWS_A) * IN;
            double yo = p[a ? bA + o : bB + o - ROWS_A];
            for (int k = 0; k < IN; k++) {
                double m = a && mask != null ? mask[o * IN + k] : 1;
                double w = p[row + k] * m;
                yo += w * x[k];
                gzRef[k] += w * g[o];
                assertEquals(g[o] * x[k] * m, grad[row + k], 1e-12, "dW[" + o + "][" + k + "]");
            }
            assertEquals(yo, y[o], 1e-12, "y[" + o + "]");
            assertEquals(g[o], grad[a ? bA + o : bB + o - ROWS_A], 1e-15, "db[" + o + "]");
        }
        for (int k = 0; k < IN; k++) assertEquals(gzRef[k], gz[k], 1e-12, "dz[" + k + "]");
    }
}
