package org.liquidpilot.liquid;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The equations of ncps's {@code LTCCell}, once, for streaming inference ({@link LtcCell}) and training
 * ({@code train.LtcKernel}) alike: both call the same forward pieces on flat arrays with offsets, and training keeps
 * what the forward writes into its per-step caches for the {@link Adjoint}.
 *
 * <p>Each neuron j is a leaky membrane with conductance-based synapses from inputs and other neurons:
 * <pre>
 *   cm_j · dv_j/dt = gleak_j·(vleak_j − v_j) + Σ_i w_ij·σ(sigma_ij·(v_i − mu_ij))·(erev_ij − v_j)
 *                                           + Σ_k sensory_w_kj·σ(sensory_sigma_kj·(u_k − sensory_mu_kj))·(sensory_erev_kj − v_j)
 * </pre>
 * which is the liquid time-constant form {@code dv/dt = −(1/τ + f(v, u))·v + f(v, u)·A}: the synaptic activations
 * f both drive the state towards their reversal potentials and shorten its time constant. {@code u = x·input_w +
 * input_b} is the input mapping (affine, linear or none). With {@code implicit_param_constraints} w, sensory_w, cm and
 * gleak enter through softplus so they stay positive; otherwise they are used as stored (training clamps them after
 * each update, as ncps's {@code apply_weight_constraints}). The sparsity masks multiply w and sensory_w, so only the
 * synapses of the wiring are stored and visited.
 *
 * <p>One step of elapsed time {@code Δt} (1 without timespans) takes {@code ode_unfolds} sub-steps of
 * {@code h = Δt / ode_unfolds} with ncps's fused semi-implicit Euler update: the synaptic activations are taken at
 * the sub-step's start, the leak and synaptic conductances implicitly, so
 * <pre>
 *   v_j ← (cm_j/h · v_j + gleak_j·vleak_j + Σ a_ij·erev_ij + Σ sa_kj·sensory_erev_kj)
 *       / (cm_j/h + gleak_j + Σ a_ij + Σ sa_kj + epsilon)
 *   a_ij = w_ij·σ(sigma_ij·(v_i − mu_ij)),   sa_kj = sensory_w_kj·σ(sensory_sigma_kj·(u_k − sensory_mu_kj))
 * </pre>
 * which stays bounded for any h (the update is a convex combination of v, vleak and the reversal potentials). The
 * sensory terms depend only on the input, so they are computed once per step. The output is the first
 * {@code outputs} (motor) neurons through the output mapping, {@code y = v·output_w + output_b}.
 */
public final class LtcMath {
    public final int inputs, units, outputs, unfolds;
    public final double epsilon;
    public final boolean implicitParamConstraints;
    // Synapses grouped by destination neuron (dst-major, sources ascending within each); the sensory group of neuron j
    // is [sensoryStart[j], sensoryStart[j+1]); idx is the entry in ncps's row-major [src][dst] matrix. A neuron's
    // synapses are added in ascending source order, the order of the row-major loop, so the sums are the same to the
    // last bit.
    final int[] src, dst, idx, sensorySrc, sensoryDst, sensoryIdx, sensoryStart;
    private final double[] mask, sensoryMask;
    // Effective parameters (constraint and mask applied), refreshed by load().
    // Each recurrent synapse's w, sigma, mu and erev side by side (syn[4q] .. syn[4q+3]): the synapse loop then walks
    // one array instead of four, which leaves the JIT registers enough to keep its loop state out of memory.
    final double[] syn;
    final double[] sensoryW, sensorySigma, sensoryMu, sensoryErev;
    final double[] gleak, vleak, gleakVleak, cm, inputW, inputB, outputW, outputB;
    // Offsets of ncps's tensors in the flat parameter array; -1 where the mapping has no such tensor.
    private final int oGleak, oVleak, oCm, oSigma, oMu, oW, oErev, oSensorySigma, oSensoryMu, oSensoryW, oSensoryErev;
    private final int oInputW, oInputB, oOutputW, oOutputB;

    /**
     * @param sparsityMask        ncps's {@code sparsity_mask}, units × units row-major
     * @param sensorySparsityMask ncps's {@code sensory_sparsity_mask}, inputs × units row-major
     * @param offsetOf            where each tensor (ncps name without prefix, e.g. {@code sensory_w}) starts in the flat
     *                            array later given to {@link #load}, or -1 when absent
     */
    public LtcMath(LtcConfig config, int outputs, double[] sparsityMask, double[] sensorySparsityMask,
                   ToIntFunction<String> offsetOf) {
        inputs = config.inputSize();
        units = config.stateSize();
        this.outputs = outputs;
        unfolds = config.odeUnfolds();
        epsilon = config.epsilon();
        implicitParamConstraints = config.implicitParamConstraints();
        int n = units, s = inputs;
        int k = nonZero(sparsityMask), ks = nonZero(sensorySparsityMask);
        src = new int[k];
        dst = new int[k];
        idx = new int[k];
        mask = new double[k];
        synapses(n, n, sparsityMask, src, dst, idx, mask);
        sensorySrc = new int[ks];
        sensoryDst = new int[ks];
        sensoryIdx = new int[ks];
        sensoryMask = new double[ks];
        sensoryStart = synapses(s, n, sensorySparsityMask, sensorySrc, sensoryDst, sensoryIdx, sensoryMask);
        syn = new double[4 * k];
        sensoryW = new double[ks];
        sensorySigma = new double[ks];
        sensoryMu = new double[ks];
        sensoryErev = new double[ks];
        gleak = new double[n];
        vleak = new double[n];
        gleakVleak = new double[n];
        cm = new double[n];
        inputW = new double[s];
        inputB = new double[s];
        outputW = new double[outputs];
        outputB = new double[outputs];
        oGleak = required(offsetOf, "gleak");
        oVleak = required(offsetOf, "vleak");
        oCm = required(offsetOf, "cm");
        oSigma = required(offsetOf, "sigma");
        oMu = required(offsetOf, "mu");
        oW = required(offsetOf, "w");
        oErev = required(offsetOf, "erev");
        oSensorySigma = required(offsetOf, "sensory_sigma");
        oSensoryMu = required(offsetOf, "sensory_mu");
        oSensoryW = required(offsetOf, "sensory_w");
        oSensoryErev = required(offsetOf, "sensory_erev");
        Mapping im = config.inputMapping(), om = config.outputMapping();
        oInputW = im.hasWeight() ? required(offsetOf, "input_w") : -1;
        oInputB = im.hasBias() ? required(offsetOf, "input_b") : -1;
        oOutputW = om.hasWeight() ? required(offsetOf, "output_w") : -1;
        oOutputB = om.hasBias() ? required(offsetOf, "output_b") : -1;
    }

    private static int required(ToIntFunction<String> offsetOf, String key) {
        int o = offsetOf.applyAsInt(key);
        if (o < 0) throw new IllegalArgumentException("LTC parameters lack '" + key + "'");
        return o;
    }

    private static int nonZero(double[] m) {
        int c = 0;
        for (double d : m) if (d != 0) c++;
        return c;
    }

    /** Lists the synapses of mask m (rows sources × cols destinations) destination-major; returns the group starts. */
    private static int[] synapses(int rows, int cols, double[] m, int[] src, int[] dst, int[] idx, double[] val) {
        int[] start = new int[cols + 1];
        int q = 0;
        for (int j = 0; j < cols; j++) {
            start[j] = q;
            for (int i = 0; i < rows; i++) {
                if (m[i * cols + j] == 0) continue;
                src[q] = i;
                dst[q] = j;
                idx[q] = i * cols + j;
                val[q++] = m[i * cols + j];
            }
        }
        start[cols] = q;
        return start;
    }

    public int synapseCount() {
        return src.length;
    }

    public int sensorySynapseCount() {
        return sensorySrc.length;
    }

    private double positive(double x) {
        return implicitParamConstraints ? Fn.softplus(x) : x;
    }

    private double positiveGrad(double x) {
        return implicitParamConstraints ? Fn.softplusGrad(x) : 1.0;
    }

    /** Takes the raw ncps tensors from the flat array {@code p} and applies the constraints and masks. */
    public void load(double[] p) {
        for (int q = 0; q < src.length; q++) {
            int i = idx[q];
            syn[4 * q] = positive(p[oW + i]) * mask[q];
            syn[4 * q + 1] = p[oSigma + i];
            syn[4 * q + 2] = p[oMu + i];
            syn[4 * q + 3] = p[oErev + i];
        }
        for (int q = 0; q < sensorySrc.length; q++) {
            int i = sensoryIdx[q];
            sensoryW[q] = positive(p[oSensoryW + i]) * sensoryMask[q];
            sensorySigma[q] = p[oSensorySigma + i];
            sensoryMu[q] = p[oSensoryMu + i];
            sensoryErev[q] = p[oSensoryErev + i];
        }
        for (int j = 0; j < units; j++) {
            gleak[j] = positive(p[oGleak + j]);
            vleak[j] = p[oVleak + j];
            gleakVleak[j] = gleak[j] * vleak[j];
            cm[j] = positive(p[oCm + j]);
        }
        for (int i = 0; i < inputs; i++) {
            inputW[i] = oInputW >= 0 ? p[oInputW + i] : 1.0;
            inputB[i] = oInputB >= 0 ? p[oInputB + i] : 0.0;
        }
        for (int i = 0; i < outputs; i++) {
            outputW[i] = oOutputW >= 0 ? p[oOutputW + i] : 1.0;
            outputB[i] = oOutputB >= 0 ? p[oOutputB + i] : 0.0;
        }
    }

    /** u = x·input_w + input_b. */
    public void mapInput(double[] x, int xOff, double[] u, int uOff) {
        for (int i = 0; i < inputs; i++) u[uOff + i] = x[xOff + i] * inputW[i] + inputB[i];
    }

    /**
     * The sensory synapses' share of the numerator ({@code numS}) and denominator ({@code denS}), both of length
     * units; each synapse's σ is written to {@code act} from {@code actOff} (null: not kept, as streaming needs none).
     */
    public void sensory(double[] u, int uOff, double[] act, int actOff, double[] numS, double[] denS) {
        for (int j = 0; j < units; j++) {
            double nj = 0.0, dj = 0.0;
            for (int q = sensoryStart[j], end = sensoryStart[j + 1]; q < end; q++) {
                double g = Fn.sigmoid(sensorySigma[q] * (u[uOff + sensorySrc[q]] - sensoryMu[q]));
                if (act != null) act[actOff + q] = g;
                double a = sensoryW[q] * g;
                nj += a * sensoryErev[q];
                dj += a;
            }
            numS[j] = nj;
            denS[j] = dj;
        }
    }

    /** cm / h for the step's sub-step {@code h = dt / ode_unfolds}. */
    public void capacitance(double dt, double[] cmT, int off) {
        double h = dt / unfolds;
        for (int j = 0; j < units; j++) cmT[off + j] = cm[j] / h;
    }

    /**
     * {@code count} fused semi-implicit Euler sub-steps, all in this one loop nest so that streaming inference runs
     * them in a single compiled method rather than relying on the JIT to inline a sub-step per call. The states live
     * in {@code slots} rows of units values from vOff: sub-step i reads row {@code i mod slots} and writes row
     * {@code (i+1) mod slots}, so training keeps every sub-step's state ({@code slots = count + 1}) and streaming
     * ping-pongs between two ({@code slots = 2}; the result is in row {@code count mod 2}). Each synapse's σ of
     * sub-step i goes to {@code act} from {@code actOff + i·synapses} (null: not kept, as streaming needs none) and each
     * neuron's full denominator (without epsilon) to {@code den} from {@code denOff + i·denStride} (stride 0: one
     * scratch row); {@code num} is scratch of length units.
     */
    public void unfold(double[] v, int vOff, int slots, int count, double[] cmT, int cOff, double[] numS, double[] denS,
                       double[] act, int actOff, double[] num, double[] den, int denOff, int denStride) {
        final int n = units, k = src.length;
        // the state rows advance by one and wrap at slots: no integer division per sub-step
        for (int i = 0, row = 0; i < count; i++) {
            int next = row + 1 == slots ? 0 : row + 1;
            int vin = vOff + row * n, vout = vOff + next * n, d = denOff + i * denStride, ao = actOff + i * k;
            row = next;
            Arrays.fill(num, 0, n, 0.0);
            Arrays.fill(den, d, d + n, 0.0);
            // one pass over all synapses (a loop per neuron would end in a mispredicted branch per neuron)
            for (int q = 0, p = 0; q < k; q++, p += 4) {
                double g = Fn.sigmoid(syn[p + 1] * (v[vin + src[q]] - syn[p + 2]));
                if (act != null) act[ao + q] = g;
                double a = syn[p] * g;
                int j = dst[q];
                num[j] += a * syn[p + 3];
                den[d + j] += a;
            }
            for (int j = 0; j < n; j++) {
                double c = cmT[cOff + j];
                double numerator = c * v[vin + j] + gleakVleak[j] + (num[j] + numS[j]);
                double denominator = c + gleak[j] + (den[d + j] + denS[j]);
                den[d + j] = denominator;
                v[vout + j] = numerator / (denominator + epsilon);
            }
        }
    }

    /** y = v[0..outputs)·output_w + output_b. */
    public void mapOutput(double[] v, int vOff, double[] y, int yOff) {
        for (int i = 0; i < outputs; i++) y[yOff + i] = v[vOff + i] * outputW[i] + outputB[i];
    }

    /** Gradient accumulators and scratch for backpropagating through the forward pieces of this instance. */
    public Adjoint newAdjoint() {
        return new Adjoint();
    }

    /**
     * The adjoint of each forward piece, called in reverse order with what the forward wrote. Gradients with
     * respect to the effective parameters accumulate here until {@link #scatter} maps them onto the raw tensors.
     */
    public final class Adjoint {
        // Package-private: LtcLanes adds its batch's sums here before scatter.
        final double[] gW, gSigma, gMu, gErev, gSensoryW, gSensorySigma, gSensoryMu, gSensoryErev;
        final double[] gCm, gGleak, gVleak, gInputW, gInputB, gOutputW, gOutputB;
        private final double[] gvNew, gNum, gDen, gNumS, gDenS, gCmT, gu;

        private Adjoint() {
            int k = src.length, ks = sensorySrc.length, n = units;
            gW = new double[k];
            gSigma = new double[k];
            gMu = new double[k];
            gErev = new double[k];
            gSensoryW = new double[ks];
            gSensorySigma = new double[ks];
            gSensoryMu = new double[ks];
            gSensoryErev = new double[ks];
            gCm = new double[n];
            gGleak = new double[n];
            gVleak = new double[n];
            gInputW = new double[inputs];
            gInputB = new double[inputs];
            gOutputW = new double[outputs];
            gOutputB = new double[outputs];
            gvNew = new double[n];
            gNum = new double[n];
            gDen = new double[n];
            gNumS = new double[n];
            gDenS = new double[n];
            gCmT = new double[n];
            gu = new double[inputs];
        }

        /** Clears the accumulated gradients, before a sequence's backward pass. */
        public void begin() {
            for (double[] a : new double[][]{gW, gSigma, gMu, gErev, gSensoryW, gSensorySigma, gSensoryMu, gSensoryErev,
                    gCm, gGleak, gVleak, gInputW, gInputB, gOutputW, gOutputB}) Arrays.fill(a, 0.0);
        }

        /** Of {@link #mapOutput}: adds dL/dv into {@code gv} given dL/dy. */
        public void mapOutput(double[] v, int vOff, double[] gy, int gyOff, double[] gv) {
            for (int i = 0; i < outputs; i++) {
                double g = gy[gyOff + i];
                gv[i] += g * outputW[i];
                gOutputW[i] += g * v[vOff + i];
                gOutputB[i] += g;
            }
        }

        /** Starts a step's unfolds (their sensory and capacitance gradients sum over the sub-steps). */
        public void beginStep() {
            Arrays.fill(gNumS, 0.0);
            Arrays.fill(gDenS, 0.0);
            Arrays.fill(gCmT, 0.0);
        }

        /** Of {@link #unfold}: {@code gv} holds dL/d(vOut) and is overwritten with dL/d(vIn). */
        public void unfold(double[] gv, double[] vIn, int vin, double[] vOut, int vout, double[] cmT, int cOff,
                           double[] act, int actOff, double[] den, int denOff) {
            final int n = units;
            for (int j = 0; j < n; j++) {
                double inv = 1.0 / (den[denOff + j] + epsilon);
                double gn = gv[j] * inv;
                double gd = -gv[j] * vOut[vout + j] * inv;
                gNum[j] = gn;
                gDen[j] = gd;
                gvNew[j] = gn * cmT[cOff + j];
                gCmT[j] += gn * vIn[vin + j] + gd;
                gGleak[j] += gn * vleak[j] + gd;
                gVleak[j] += gn * gleak[j];
                gNumS[j] += gn;
                gDenS[j] += gd;
            }
            for (int q = 0; q < src.length; q++) {
                int j = dst[q], i = src[q];
                double g = act[actOff + q];
                double wq = syn[4 * q], sigma = syn[4 * q + 1], mu = syn[4 * q + 2], erev = syn[4 * q + 3];
                double a = wq * g;
                double gn = gNum[j];
                double ga = gn * erev + gDen[j];
                gErev[q] += gn * a;
                gW[q] += ga * g;
                double gz = ga * wq * g * (1 - g);
                gSigma[q] += gz * (vIn[vin + i] - mu);
                gMu[q] -= gz * sigma;
                gvNew[i] += gz * sigma;
            }
            System.arraycopy(gvNew, 0, gv, 0, n);
        }

        /** Of {@link #capacitance}, once a step's unfolds are done. */
        public void capacitance(double dt) {
            double h = dt / unfolds;
            for (int j = 0; j < units; j++) gCm[j] += gCmT[j] / h;
        }

        /** Of {@link #sensory} and {@link #mapInput}, once a step's unfolds are done. */
        public void sensory(double[] x, int xOff, double[] u, int uOff, double[] act, int actOff) {
            Arrays.fill(gu, 0.0);
            for (int q = 0; q < sensorySrc.length; q++) {
                int j = sensoryDst[q], i = sensorySrc[q];
                double g = act[actOff + q];
                double a = sensoryW[q] * g;
                double gn = gNumS[j];
                double ga = gn * sensoryErev[q] + gDenS[j];
                gSensoryErev[q] += gn * a;
                gSensoryW[q] += ga * g;
                double gz = ga * sensoryW[q] * g * (1 - g);
                gSensorySigma[q] += gz * (u[uOff + i] - sensoryMu[q]);
                gSensoryMu[q] -= gz * sensorySigma[q];
                gu[i] += gz * sensorySigma[q];
            }
            for (int i = 0; i < inputs; i++) {
                gInputW[i] += gu[i] * x[xOff + i];
                gInputB[i] += gu[i];
            }
        }

        /** dL/dx of the step {@link #sensory} just finished (u = x·input_w + input_b), written to gx from gxOff. */
        public void inputGradient(double[] gx, int gxOff) {
            for (int i = 0; i < inputs; i++) gx[gxOff + i] = gu[i] * inputW[i];
        }

        /** Adds the accumulated gradients, through the constraints and masks, onto the raw tensors in {@code grad}. */
        public void scatter(double[] p, double[] grad) {
            for (int q = 0; q < src.length; q++) {
                int i = idx[q];
                grad[oW + i] += gW[q] * mask[q] * positiveGrad(p[oW + i]);
                grad[oSigma + i] += gSigma[q];
                grad[oMu + i] += gMu[q];
                grad[oErev + i] += gErev[q];
            }
            for (int q = 0; q < sensorySrc.length; q++) {
                int i = sensoryIdx[q];
                grad[oSensoryW + i] += gSensoryW[q] * sensoryMask[q] * positiveGrad(p[oSensoryW + i]);
                grad[oSensorySigma + i] += gSensorySigma[q];
                grad[oSensoryMu + i] += gSensoryMu[q];
                grad[oSensoryErev + i] += gSensoryErev[q];
            }
            for (int j = 0; j < units; j++) {
                grad[oCm + j] += gCm[j] * positiveGrad(p[oCm + j]);
                grad[oGleak + j] += gGleak[j] * positiveGrad(p[oGleak + j]);
                grad[oVleak + j] += gVleak[j];
            }
            if (oInputW >= 0) for (int i = 0; i < inputs; i++) grad[oInputW + i] += gInputW[i];
            if (oInputB >= 0) for (int i = 0; i < inputs; i++) grad[oInputB + i] += gInputB[i];
            if (oOutputW >= 0) for (int i = 0; i < outputs; i++) grad[oOutputW + i] += gOutputW[i];
            if (oOutputB >= 0) for (int i = 0; i < outputs; i++) grad[oOutputB + i] += gOutputB[i];
        }
    }
}
