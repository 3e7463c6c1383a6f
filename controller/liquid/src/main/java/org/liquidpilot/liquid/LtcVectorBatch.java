package org.liquidpilot.liquid;

/**
 * Batched LTC inference with the batch in SIMD lanes: {@link LtcLanes}'s forward pieces (the equations of
 * {@link LtcMath}, written out there) run for {@code L} sequences at once, one lane each, where L is the machine's
 * widest double vector (8 with AVX-512). A synapse's σ, its share of the numerator and denominator, and each neuron's
 * update are then one vector operation for L samples instead of L scalar ones, and the exponential inside σ is the
 * Vector API's, which the JIT compiles to a vectorised routine.
 *
 * <p>The sums run in the scalar path's order, but that exponential is not {@link Fn#exp}: results agree with the
 * streaming cell to a few ulp, not to the last bit. The Vector API is an incubator module in Java 17, so this class
 * is reached only when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * ({@link LiquidModel#VECTOR_BATCH}); otherwise {@link LiquidModel#run} keeps the scalar path.
 */
final class LtcVectorBatch {
    private static final int L = LtcLanes.W;

    private final LtcMath m;
    private final LtcLanes lanes;
    // the state's two rows (ping-pong between unfolds), then the inputs, the sensory shares, cm/h and scratch, L wide
    private final double[] v, u, numS, denS, den, cmT, dtLane;

    LtcVectorBatch(LtcMath m) {
        this.m = m;
        lanes = new LtcLanes(m);
        int n = m.units;
        v = new double[2 * n * L];
        u = new double[m.inputs * L];
        numS = new double[n * L];
        denS = new double[n * L];
        den = new double[n * L];
        cmT = new double[n * L];
        dtLane = new double[L];
    }

    /**
     * The whole batch: x is (batch, time, inputs), timespans (batch, time) or null (elapsed time 1), h0 (batch, units)
     * or null; writes the outputs (every step's when {@code sequences}, else the last) and the final states.
     */
    void run(double[] x, int batch, int time, double[] timespans, double[] h0, boolean sequences, double[] out, double[] hn) {
        final int n = m.units, f = m.inputs, o = m.outputs, nl = n * L;
        // after a step's unfolds the state is in row (unfolds mod 2); the next step starts from there
        final int last = (m.unfolds % 2) * nl;
        for (int b0 = 0; b0 < batch; b0 += L) {
            int count = Math.min(L, batch - b0);
            java.util.Arrays.fill(v, 0.0);
            if (h0 != null) for (int l = 0; l < count; l++) for (int j = 0; j < n; j++) v[j * L + l] = h0[(b0 + l) * n + j];
            for (int t = 0; t < time; t++) {
                for (int l = 0; l < L; l++) {
                    int b = b0 + Math.min(l, count - 1); // spare lanes repeat the last sample; their results are dropped
                    int xo = (b * time + t) * f;
                    for (int i = 0; i < f; i++) u[i * L + l] = x[xo + i] * m.inputW[i] + m.inputB[i];
                    dtLane[l] = timespans == null ? 1.0 : timespans[b * time + t];
                }
                if (t > 0 && last != 0) System.arraycopy(v, last, v, 0, nl);
                lanes.sensory(u, 0, null, 0, numS, denS);
                lanes.capacitance(dtLane, 0, cmT, 0);
                lanes.unfold(v, 0, 2, m.unfolds, cmT, 0, numS, denS, null, 0, den, 0, 0);
                if (sequences || t == time - 1) {
                    for (int l = 0; l < count; l++) {
                        int yo = sequences ? ((b0 + l) * time + t) * o : (b0 + l) * o;
                        for (int i = 0; i < o; i++) out[yo + i] = v[last + i * L + l] * m.outputW[i] + m.outputB[i];
                    }
                }
            }
            for (int l = 0; l < count; l++) for (int j = 0; j < n; j++) hn[(b0 + l) * n + j] = v[last + j * L + l];
        }
    }
}
