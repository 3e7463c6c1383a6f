package org.liquidpilot.liquid;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * {@link LtcMath}'s forward pieces and their adjoints for {@link #W} samples at once, one per SIMD lane, for training
 * a batch (the pieces, equations and call order are {@link LtcMath}'s and its {@link LtcMath.Adjoint}'s). Every
 * per-neuron, per-input and per-synapse quantity is W doubles side by side ({@code a[i·W + lane]}); parameters are
 * broadcast. σ(z) = 1 / (1 + e^−z). The forward sums run in the scalar order, and only the exponential inside σ is the Vector API's, so
 * each lane agrees with the scalar pieces to a few ulp. The adjoint keeps a lane-wise accumulator per parameter and
 * sums across the lanes once, in {@link #scatter}.
 *
 * <p>Batched inference ({@link LtcVectorBatch}) runs the same vector forward in its own loop, which keeps no caches:
 * driving these pieces instead (one state array for both ping-pong rows, σ's and denominators stored) made it a
 * quarter slower in an A/B run in one JVM, 1.56M against 1.14M sample-steps/s.
 *
 * <p>Reached only when {@link Lanes#AVAILABLE}: the Vector API is an incubator module in Java 17.
 */
public final class LtcLanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Samples per call: the widest double vector. */
    public static final int W = S.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);

    private final LtcMath m;
    private final LtcMath.Adjoint adjoint;
    // Lane-wise gradient accumulators, as LtcMath.Adjoint's but W wide.
    private final double[] gW, gSigma, gMu, gErev, gSensoryW, gSensorySigma, gSensoryMu, gSensoryErev;
    private final double[] gCm, gGleak, gVleak, gInputW, gInputB, gOutputW, gOutputB;
    // Scratch, W wide.
    private final double[] num, gvNew, gNum, gDen, gNumS, gDenS, gCmT, gu, h;

    public LtcLanes(LtcMath m) {
        this.m = m;
        adjoint = m.newAdjoint();
        int k = m.synapseCount(), ks = m.sensorySynapseCount(), n = m.units, s = m.inputs, o = m.outputs;
        gW = new double[k * W];
        gSigma = new double[k * W];
        gMu = new double[k * W];
        gErev = new double[k * W];
        gSensoryW = new double[ks * W];
        gSensorySigma = new double[ks * W];
        gSensoryMu = new double[ks * W];
        gSensoryErev = new double[ks * W];
        gCm = new double[n * W];
        gGleak = new double[n * W];
        gVleak = new double[n * W];
        gInputW = new double[s * W];
        gInputB = new double[s * W];
        gOutputW = new double[o * W];
        gOutputB = new double[o * W];
        num = new double[n * W];
        gvNew = new double[n * W];
        gNum = new double[n * W];
        gDen = new double[n * W];
        gNumS = new double[n * W];
        gDenS = new double[n * W];
        gCmT = new double[n * W];
        gu = new double[s * W];
        h = new double[W];
    }

    // No helper methods around the vector operations (a load, σ): the Vector API's own methods are always inlined,
    // ours are not, and a vector that crosses a call that was not inlined is boxed and its operations run as plain Java.

    // ---- forward, as LtcMath's pieces of the same name ----

    /** u = x·input_w + input_b. */
    public void mapInput(double[] x, int xOff, double[] u, int uOff) {
        for (int i = 0; i < m.inputs; i++) DoubleVector.fromArray(S, x, xOff + i * W).mul(m.inputW[i]).add(m.inputB[i]).intoArray(u, uOff + i * W);
    }

    public void sensory(double[] u, int uOff, double[] act, int actOff, double[] numS, double[] denS) {
        for (int j = 0; j < m.units; j++) {
            DoubleVector nj = DoubleVector.zero(S), dj = DoubleVector.zero(S);
            for (int q = m.sensoryStart[j], end = m.sensoryStart[j + 1]; q < end; q++) {
                DoubleVector z = DoubleVector.fromArray(S, u, uOff + m.sensorySrc[q] * W).sub(m.sensoryMu[q]).mul(m.sensorySigma[q]);
                DoubleVector g = ONE.div(z.neg().lanewise(VectorOperators.EXP).add(ONE));
                g.intoArray(act, actOff + q * W);
                DoubleVector a = g.mul(m.sensoryW[q]);
                nj = nj.add(a.mul(m.sensoryErev[q]));
                dj = dj.add(a);
            }
            nj.intoArray(numS, j * W);
            dj.intoArray(denS, j * W);
        }
    }

    /** cm / h per lane, for the lanes' elapsed times {@code dt[dtOff..dtOff+W)}. */
    public void capacitance(double[] dt, int dtOff, double[] cmT, int off) {
        DoubleVector hv = DoubleVector.fromArray(S, dt, dtOff).div(m.unfolds);
        for (int j = 0; j < m.units; j++) DoubleVector.broadcast(S, m.cm[j]).div(hv).intoArray(cmT, off + j * W);
    }

    /**
     * All of a step's sub-steps, each state kept: sub-step i reads the state at {@code vOff + i·units·W} and writes the
     * next one after it; its σ's go to {@code act} from {@code actOff + i·synapses·W} and its denominators to
     * {@code den} from {@code denOff + i·units·W}.
     */
    public void unfold(double[] v, int vOff, double[] cmT, int cOff, double[] numS, double[] denS, double[] act, int actOff,
                       double[] den, int denOff) {
        final int n = m.units, k = m.src.length, nw = n * W;
        final double[] syn = m.syn;
        for (int s = 0; s < m.unfolds; s++) {
            int vin = vOff + s * nw, vout = vin + nw, d = denOff + s * nw, ao = actOff + s * k * W;
            Arrays.fill(num, 0.0);
            Arrays.fill(den, d, d + nw, 0.0);
            for (int q = 0, p = 0; q < k; q++, p += 4) {
                DoubleVector z = DoubleVector.fromArray(S, v, vin + m.src[q] * W).sub(syn[p + 2]).mul(syn[p + 1]);
                DoubleVector g = ONE.div(z.neg().lanewise(VectorOperators.EXP).add(ONE));
                g.intoArray(act, ao + q * W);
                DoubleVector a = g.mul(syn[p]);
                int j = m.dst[q] * W;
                DoubleVector.fromArray(S, num, j).add(a.mul(syn[p + 3])).intoArray(num, j);
                DoubleVector.fromArray(S, den, d + j).add(a).intoArray(den, d + j);
            }
            for (int j = 0; j < n; j++) {
                int jw = j * W;
                DoubleVector c = DoubleVector.fromArray(S, cmT, cOff + jw);
                DoubleVector numerator = c.mul(DoubleVector.fromArray(S, v, vin + jw)).add(m.gleakVleak[j]).add(DoubleVector.fromArray(S, num, jw).add(DoubleVector.fromArray(S, numS, jw)));
                DoubleVector denominator = c.add(m.gleak[j]).add(DoubleVector.fromArray(S, den, d + jw).add(DoubleVector.fromArray(S, denS, jw)));
                denominator.intoArray(den, d + jw);
                numerator.div(denominator.add(m.epsilon)).intoArray(v, vout + jw);
            }
        }
    }

    /** y = v[0..outputs)·output_w + output_b. */
    public void mapOutput(double[] v, int vOff, double[] y, int yOff) {
        for (int i = 0; i < m.outputs; i++) DoubleVector.fromArray(S, v, vOff + i * W).mul(m.outputW[i]).add(m.outputB[i]).intoArray(y, yOff + i * W);
    }

    // ---- adjoint, as LtcMath.Adjoint's methods of the same name ----

    /** Clears the accumulated gradients, before a batch's backward pass. */
    public void begin() {
        for (double[] a : new double[][]{gW, gSigma, gMu, gErev, gSensoryW, gSensorySigma, gSensoryMu, gSensoryErev,
                gCm, gGleak, gVleak, gInputW, gInputB, gOutputW, gOutputB}) Arrays.fill(a, 0.0);
    }

    public void mapOutputAdjoint(double[] v, int vOff, double[] gy, int gyOff, double[] gv) {
        for (int i = 0; i < m.outputs; i++) {
            int iw = i * W;
            DoubleVector g = DoubleVector.fromArray(S, gy, gyOff + iw);
            DoubleVector.fromArray(S, gv, iw).add(g.mul(m.outputW[i])).intoArray(gv, iw);
            DoubleVector.fromArray(S, gOutputW, iw).add(g.mul(DoubleVector.fromArray(S, v, vOff + iw))).intoArray(gOutputW, iw);
            DoubleVector.fromArray(S, gOutputB, iw).add(g).intoArray(gOutputB, iw);
        }
    }

    public void beginStep() {
        Arrays.fill(gNumS, 0.0);
        Arrays.fill(gDenS, 0.0);
        Arrays.fill(gCmT, 0.0);
    }

    /** Of one sub-step of {@link #unfold} (its input state at vin, output at vout): gv goes from dL/d(out) to dL/d(in). */
    public void unfoldAdjoint(double[] gv, double[] v, int vin, int vout, double[] cmT, int cOff, double[] act, int actOff,
                              double[] den, int denOff) {
        // Two methods, not one: with all of its vector operations in one method the JIT stopped inlining some of
        // them, which then ran as the Vector API's plain-Java fallback (a third of LTC training's time).
        neuronsAdjoint(gv, v, vin, vout, cmT, cOff, den, denOff);
        synapsesAdjoint(v, vin, act, actOff);
        System.arraycopy(gvNew, 0, gv, 0, m.units * W);
    }

    private void neuronsAdjoint(double[] gv, double[] v, int vin, int vout, double[] cmT, int cOff, double[] den, int denOff) {
        final int n = m.units;
        for (int j = 0; j < n; j++) {
            int jw = j * W;
            DoubleVector inv = ONE.div(DoubleVector.fromArray(S, den, denOff + jw).add(m.epsilon));
            DoubleVector g = DoubleVector.fromArray(S, gv, jw);
            DoubleVector gn = g.mul(inv);
            DoubleVector gd = g.neg().mul(DoubleVector.fromArray(S, v, vout + jw)).mul(inv);
            gn.intoArray(gNum, jw);
            gd.intoArray(gDen, jw);
            gn.mul(DoubleVector.fromArray(S, cmT, cOff + jw)).intoArray(gvNew, jw);
            DoubleVector.fromArray(S, gCmT, jw).add(gn.mul(DoubleVector.fromArray(S, v, vin + jw)).add(gd)).intoArray(gCmT, jw);
            DoubleVector.fromArray(S, gGleak, jw).add(gn.mul(m.vleak[j]).add(gd)).intoArray(gGleak, jw);
            DoubleVector.fromArray(S, gVleak, jw).add(gn.mul(m.gleak[j])).intoArray(gVleak, jw);
            DoubleVector.fromArray(S, gNumS, jw).add(gn).intoArray(gNumS, jw);
            DoubleVector.fromArray(S, gDenS, jw).add(gd).intoArray(gDenS, jw);
        }
    }

    private void synapsesAdjoint(double[] v, int vin, double[] act, int actOff) {
        final double[] syn = m.syn;
        for (int q = 0, p = 0; q < m.src.length; q++, p += 4) {
            int j = m.dst[q] * W, i = m.src[q] * W, qw = q * W;
            double wq = syn[p], sigma = syn[p + 1], mu = syn[p + 2], erev = syn[p + 3];
            DoubleVector g = DoubleVector.fromArray(S, act, actOff + qw);
            DoubleVector a = g.mul(wq);
            DoubleVector gn = DoubleVector.fromArray(S, gNum, j);
            DoubleVector ga = gn.mul(erev).add(DoubleVector.fromArray(S, gDen, j));
            DoubleVector.fromArray(S, gErev, qw).add(gn.mul(a)).intoArray(gErev, qw);
            DoubleVector.fromArray(S, gW, qw).add(ga.mul(g)).intoArray(gW, qw);
            DoubleVector gz = ga.mul(wq).mul(g).mul(ONE.sub(g));
            DoubleVector.fromArray(S, gSigma, qw).add(gz.mul(DoubleVector.fromArray(S, v, vin + i).sub(mu))).intoArray(gSigma, qw);
            DoubleVector.fromArray(S, gMu, qw).sub(gz.mul(sigma)).intoArray(gMu, qw);
            DoubleVector.fromArray(S, gvNew, i).add(gz.mul(sigma)).intoArray(gvNew, i);
        }
    }

    /** Of {@link #capacitance}, once a step's sub-steps are done. */
    public void capacitanceAdjoint(double[] dt, int dtOff) {
        DoubleVector hv = DoubleVector.fromArray(S, dt, dtOff).div(m.unfolds);
        for (int j = 0; j < m.units; j++) {
            int jw = j * W;
            DoubleVector.fromArray(S, gCm, jw).add(DoubleVector.fromArray(S, gCmT, jw).div(hv)).intoArray(gCm, jw);
        }
    }

    /** Of {@link #sensory} and {@link #mapInput} ({@code x} lane-minor as mapInput read it), once a step's sub-steps are done. */
    public void sensoryAdjoint(double[] x, int xOff, double[] u, int uOff, double[] act, int actOff) {
        Arrays.fill(gu, 0.0);
        for (int q = 0; q < m.sensorySrc.length; q++) {
            int j = m.sensoryDst[q] * W, i = m.sensorySrc[q] * W, qw = q * W;
            double sw = m.sensoryW[q], sigma = m.sensorySigma[q];
            DoubleVector g = DoubleVector.fromArray(S, act, actOff + qw);
            DoubleVector a = g.mul(sw);
            DoubleVector gn = DoubleVector.fromArray(S, gNumS, j);
            DoubleVector ga = gn.mul(m.sensoryErev[q]).add(DoubleVector.fromArray(S, gDenS, j));
            DoubleVector.fromArray(S, gSensoryErev, qw).add(gn.mul(a)).intoArray(gSensoryErev, qw);
            DoubleVector.fromArray(S, gSensoryW, qw).add(ga.mul(g)).intoArray(gSensoryW, qw);
            DoubleVector gz = ga.mul(sw).mul(g).mul(ONE.sub(g));
            DoubleVector.fromArray(S, gSensorySigma, qw).add(gz.mul(DoubleVector.fromArray(S, u, uOff + i).sub(m.sensoryMu[q]))).intoArray(gSensorySigma, qw);
            DoubleVector.fromArray(S, gSensoryMu, qw).sub(gz.mul(sigma)).intoArray(gSensoryMu, qw);
            DoubleVector.fromArray(S, gu, i).add(gz.mul(sigma)).intoArray(gu, i);
        }
        for (int i = 0; i < m.inputs; i++) {
            int iw = i * W;
            DoubleVector g = DoubleVector.fromArray(S, gu, iw);
            DoubleVector.fromArray(S, gInputW, iw).add(g.mul(DoubleVector.fromArray(S, x, xOff + iw))).intoArray(gInputW, iw);
            DoubleVector.fromArray(S, gInputB, iw).add(g).intoArray(gInputB, iw);
        }
    }

    /** Sums the lanes' gradients and adds them, through the constraints and masks, onto the raw tensors in {@code grad}. */
    public void scatter(double[] p, double[] grad) {
        LtcMath.Adjoint a = adjoint;
        // each of the adjoint's accumulators is overwritten with this batch's sum, so none needs clearing first
        reduce(gW, a.gW);
        reduce(gSigma, a.gSigma);
        reduce(gMu, a.gMu);
        reduce(gErev, a.gErev);
        reduce(gSensoryW, a.gSensoryW);
        reduce(gSensorySigma, a.gSensorySigma);
        reduce(gSensoryMu, a.gSensoryMu);
        reduce(gSensoryErev, a.gSensoryErev);
        reduce(gCm, a.gCm);
        reduce(gGleak, a.gGleak);
        reduce(gVleak, a.gVleak);
        reduce(gInputW, a.gInputW);
        reduce(gInputB, a.gInputB);
        reduce(gOutputW, a.gOutputW);
        reduce(gOutputB, a.gOutputB);
        a.scatter(p, grad);
    }

    private static void reduce(double[] lanes, double[] into) {
        for (int i = 0; i < into.length; i++) into[i] = DoubleVector.fromArray(S, lanes, i * W).reduceLanes(VectorOperators.ADD);
    }
}
