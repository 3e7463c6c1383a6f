package org.liquidpilot.liquid;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops behind {@link Lanes}: reached only when {@link Lanes#AVAILABLE}. Every length is a multiple of
 * {@link #WIDTH}. Products and sums are separate operations (no fused multiply-add), so an element-wise loop rounds
 * exactly as the scalar expression it replaces.
 */
final class LaneVectors {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int WIDTH = S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private LaneVectors() {}

    /** y[yo+j] = y[yo+j] + a·x[xo+j] for j &lt; n. */
    static void axpy(double a, double[] x, int xo, double[] y, int yo, int n) {
        for (int j = 0; j < n; j += WIDTH) {
            DoubleVector.fromArray(S, y, yo + j).add(DoubleVector.fromArray(S, x, xo + j).mul(a)).intoArray(y, yo + j);
        }
    }

    /** Σ a[ao+j]·b[bo+j] over j &lt; n (lane-wise partial sums, then across the lanes). */
    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        DoubleVector s = DoubleVector.zero(S);
        for (int j = 0; j < n; j += WIDTH) s = s.add(DoubleVector.fromArray(S, a, ao + j).mul(DoubleVector.fromArray(S, b, bo + j)));
        return s.reduceLanes(VectorOperators.ADD);
    }

    /** Σ a[ao+j] over j &lt; n. */
    static double sum(double[] a, int ao, int n) {
        DoubleVector s = DoubleVector.zero(S);
        for (int j = 0; j < n; j += WIDTH) s = s.add(DoubleVector.fromArray(S, a, ao + j));
        return s.reduceLanes(VectorOperators.ADD);
    }

    /**
     * One neuron's CfC gate ({@link CfcMath#gate}) for lanes j &lt; n: the head pre-activations ff1, ff2, time_a and
     * time_b at {@code c + j} plus 0, hl, 2·hl and 3·hl; writes tanh(ff1), tanh(ff2) and the time gate σ_t back in
     * their places and the new state to {@code out[outOff + j]}.
     */
    static void cfcGate(double[] cache, int c, int hl, double[] dt, int dtOff, double[] out, int outOff, int n, boolean gated) {
        for (int j = 0; j < n; j += WIDTH) {
            int k = c + j;
            DoubleVector f1 = DoubleVector.fromArray(S, cache, k).lanewise(VectorOperators.TANH);
            DoubleVector f2 = DoubleVector.fromArray(S, cache, k + hl).lanewise(VectorOperators.TANH);
            DoubleVector pre = DoubleVector.fromArray(S, cache, k + 2 * hl).mul(DoubleVector.fromArray(S, dt, dtOff + j))
                    .add(DoubleVector.fromArray(S, cache, k + 3 * hl));
            DoubleVector t = ONE.div(pre.neg().lanewise(VectorOperators.EXP).add(ONE));
            f1.intoArray(cache, k);
            f2.intoArray(cache, k + hl);
            t.intoArray(cache, k + 2 * hl);
            DoubleVector h = gated ? f1.mul(ONE.sub(t)).add(t.mul(f2)) : f1.add(t.mul(f2));
            h.intoArray(out, outOff + j);
        }
    }
}
