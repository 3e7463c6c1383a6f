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

    /**
     * One vector of lanes of one output of a dense layer: {@code y[yo..] = b + Σ_c w[r + k_c]·x[xo + k_c·stride ..]}
     * over the columns {@code k_c} ({@code cols}, or 0..n-1 when null), added in order. (Four partial sums, to have
     * four additions in flight, measured slower: consecutive outputs' chains already overlap.)
     */
    static void affine(double b, double[] w, int r, int[] cols, int n, double[] x, int xo, int stride, double[] y, int yo) {
        DoubleVector acc = DoubleVector.broadcast(S, b);
        if (cols == null) {
            for (int k = 0; k < n; k++) acc = acc.add(DoubleVector.fromArray(S, x, xo + k * stride).mul(w[r + k]));
        } else {
            for (int c = 0; c < n; c++) {
                int k = cols[c];
                acc = acc.add(DoubleVector.fromArray(S, x, xo + k * stride).mul(w[r + k]));
            }
        }
        acc.intoArray(y, yo);
    }

    /**
     * One vector of lanes of column k of Wᵀ·g: {@code gz[gzo..] += Σ_o w[o·in + k]·g[go + o·stride ..]} over the
     * rows o of {@code rows}, added in order.
     */
    static void columnSum(double[] w, int k, int in, int[] rows, double[] g, int go, int stride, double[] gz, int gzo) {
        DoubleVector acc = DoubleVector.fromArray(S, gz, gzo);
        for (int o : rows) acc = acc.add(DoubleVector.fromArray(S, g, go + o * stride).mul(w[o * in + k]));
        acc.intoArray(gz, gzo);
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
