package org.liquidpilot.liquid;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batched LTC inference with the batch in SIMD lanes: the same equations as {@link LtcMath} (written out there), run
 * for {@code L} sequences at once, one lane each, where L is the machine's widest double vector (8 with AVX-512). A
 * synapse's σ, its share of the numerator and denominator, and each neuron's update are then one vector operation
 * for L samples instead of L scalar ones, and the exponential inside σ is the Vector API's, which the JIT compiles
 * to a vectorised routine.
 *
 * <p>The sums run in the scalar path's order, but that exponential is not {@link Fn#exp}: results agree with the
 * streaming cell to a few ulp, not to the last bit. The Vector API is an incubator module in Java 17, so this class
 * is reached only when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@link LiquidModel#VECTOR_BATCH}); otherwise {@link LiquidModel#run} keeps the scalar path.
 *
 * <p>Layout: every per-neuron quantity of a block is L doubles side by side ({@code a[j*L + lane]}). σ(z) is written
 * out as 1 / (1 + e^−z) where it is used: a helper method around vector operations that the JIT does not inline
 * boxes its vectors.
 */
final class LtcVectorBatch {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private final LtcMath m;
    private final double[] u, numS, denS, num, den, cmT, v0, v1, dtLane;

    LtcVectorBatch(LtcMath m) {
        this.m = m;
        int n = m.units;
        u = new double[m.inputs * L];
        numS = new double[n * L];
        denS = new double[n * L];
        num = new double[n * L];
        den = new double[n * L];
        cmT = new double[n * L];
        v0 = new double[n * L];
        v1 = new double[n * L];
        dtLane = new double[L];
    }

    /**
     * The whole batch: x is (batch, time, inputs), timespans (batch, time) or null (elapsed time 1), h0 (batch, units)
     * or null; writes the outputs (every step's when {@code sequences}, else the last) and the final states.
     */
    void run(double[] x, int batch, int time, double[] timespans, double[] h0, boolean sequences, double[] out, double[] hn) {
        final int n = m.units, f = m.inputs, o = m.outputs;
        for (int b0 = 0; b0 < batch; b0 += L) {
            int lanes = Math.min(L, batch - b0);
            java.util.Arrays.fill(v0, 0.0);
            if (h0 != null) for (int l = 0; l < lanes; l++) for (int j = 0; j < n; j++) v0[j * L + l] = h0[(b0 + l) * n + j];
            for (int t = 0; t < time; t++) {
                for (int l = 0; l < L; l++) {
                    int b = b0 + Math.min(l, lanes - 1); // spare lanes repeat the last sample; their results are dropped
                    int xo = (b * time + t) * f;
                    for (int i = 0; i < f; i++) u[i * L + l] = x[xo + i] * m.inputW[i] + m.inputB[i];
                    dtLane[l] = timespans == null ? 1.0 : timespans[b * time + t];
                }
                step();
                if (sequences || t == time - 1) {
                    for (int l = 0; l < lanes; l++) {
                        int yo = sequences ? ((b0 + l) * time + t) * o : (b0 + l) * o;
                        for (int i = 0; i < o; i++) out[yo + i] = v0[i * L + l] * m.outputW[i] + m.outputB[i];
                    }
                }
            }
            for (int l = 0; l < lanes; l++) for (int j = 0; j < n; j++) hn[(b0 + l) * n + j] = v0[j * L + l];
        }
    }

    /** One step of all L lanes: sensory synapses, capacitance, the unfolds; the state ends in v0. */
    private void step() {
        final int n = m.units;
        final LtcMath m = this.m;
        for (int j = 0; j < n; j++) {
            DoubleVector nj = DoubleVector.zero(S), dj = DoubleVector.zero(S);
            for (int q = m.sensoryStart[j], end = m.sensoryStart[j + 1]; q < end; q++) {
                DoubleVector uq = DoubleVector.fromArray(S, u, m.sensorySrc[q] * L);
                DoubleVector g = ONE.div(uq.sub(m.sensoryMu[q]).mul(m.sensorySigma[q]).neg().lanewise(VectorOperators.EXP).add(ONE));
                DoubleVector a = g.mul(m.sensoryW[q]);
                nj = nj.add(a.mul(m.sensoryErev[q]));
                dj = dj.add(a);
            }
            nj.intoArray(numS, j * L);
            dj.intoArray(denS, j * L);
        }
        DoubleVector h = DoubleVector.fromArray(S, dtLane, 0).div(m.unfolds);
        for (int j = 0; j < n; j++) DoubleVector.broadcast(S, m.cm[j]).div(h).intoArray(cmT, j * L);
        double[] vin = v0, vout = v1;
        final int k = m.src.length;
        final double[] syn = m.syn;
        for (int s = 0; s < m.unfolds; s++) {
            java.util.Arrays.fill(num, 0.0);
            java.util.Arrays.fill(den, 0.0);
            for (int q = 0, p = 0; q < k; q++, p += 4) {
                DoubleVector vq = DoubleVector.fromArray(S, vin, m.src[q] * L);
                DoubleVector g = ONE.div(vq.sub(syn[p + 2]).mul(syn[p + 1]).neg().lanewise(VectorOperators.EXP).add(ONE));
                DoubleVector a = g.mul(syn[p]);
                int d = m.dst[q] * L;
                DoubleVector.fromArray(S, num, d).add(a.mul(syn[p + 3])).intoArray(num, d);
                DoubleVector.fromArray(S, den, d).add(a).intoArray(den, d);
            }
            for (int j = 0, d = 0; j < n; j++, d += L) {
                DoubleVector c = DoubleVector.fromArray(S, cmT, d);
                DoubleVector numerator = c.mul(DoubleVector.fromArray(S, vin, d)).add(m.gleakVleak[j])
                        .add(DoubleVector.fromArray(S, num, d).add(DoubleVector.fromArray(S, numS, d)));
                DoubleVector denominator = c.add(m.gleak[j]).add(DoubleVector.fromArray(S, den, d).add(DoubleVector.fromArray(S, denS, d)));
                numerator.div(denominator.add(m.epsilon)).intoArray(vout, d);
            }
            double[] tmp = vin;
            vin = vout;
            vout = tmp;
        }
        if (vin != v0) System.arraycopy(vin, 0, v0, 0, v0.length);
    }
}
