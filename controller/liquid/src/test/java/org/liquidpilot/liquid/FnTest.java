package org.liquidpilot.liquid;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FnTest {
    @Test
    void erfMatchesReferenceValues() {
        double[][] ref = {{0, 0}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
                {2, 0.9953222650189527}, {2.5, 0.9995930479825550}, {3, 0.9999779095030014}, {4, 0.9999999845827421},
                {5.5, 0.9999999999999927}, {-1.5, -0.9661051464753108}};
        for (double[] r : ref) assertEquals(r[1], Fn.erf(r[0]), 2e-15, "erf(" + r[0] + ")");
    }

    @Test
    void expIsWithinThreeUlps() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            double x = (r.nextDouble() * 2 - 1) * (i % 2 == 0 ? 30 : 745);
            double want = Math.exp(x), have = Fn.exp(x);
            assertEquals(want, have, 3 * Math.ulp(want), "exp(" + x + ")");
        }
        assertEquals(Double.POSITIVE_INFINITY, Fn.exp(1000));
        assertEquals(0.0, Fn.exp(-1000));
        assertEquals(1.0, Fn.exp(0));
        assertEquals(true, Double.isNaN(Fn.exp(Double.NaN)));
    }

    @Test
    void tanhAndSoftplusAgreeWithMath() {
        for (double x = -25; x <= 25; x += 0.0137) {
            assertEquals(Math.tanh(x), Fn.tanh(x), 1e-15, "tanh(" + x + ")");
            assertEquals(x > 20 ? x : Math.log(1 + Math.exp(x)), Fn.softplus(x), 1e-12 * Math.max(1, Math.abs(x)));
        }
        assertEquals(1e-12, Fn.tanh(1e-12), 1e-27);
    }
}
