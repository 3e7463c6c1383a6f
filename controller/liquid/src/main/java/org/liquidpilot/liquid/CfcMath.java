package org.liquidpilot.liquid;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * The equations of one ncps {@code CfCCell}, once, for streaming inference ({@link CfcCell}, {@link WiredCfcCell})
 * and training ({@code train.CfcKernel}) alike: both call {@link #forward} on flat arrays with offsets, and training
 * keeps the per-step cache it fills for {@link Adjoint}.
 *
 * <p>With {@code z = [x, h]} (the layer's input, then its previous state) and the optional backbone
 * {@code b = act(W_L·…act(W_1·z + b_1)… + b_L)} ({@code b = z} without one), the heads are the linear maps
 * {@code ff1, ff2, time_a, time_b} of b (ff1 and ff2 masked by the wiring's {@code sparsity_mask} in a wired CfC). For
 * an elapsed time {@code t} (1 without timespans) the closed-form solution is, by mode:
 * <pre>
 *   default:  σ_t = σ(time_a(b)·t + time_b(b));   h' = tanh(ff1(b))·(1 − σ_t) + σ_t·tanh(ff2(b))
 *   no_gate:  σ_t as above;                        h' = tanh(ff1(b)) + σ_t·tanh(ff2(b))
 *   pure:     h' = −A·exp(−t·(|w_tau| + |ff1(b)|))·ff1(b) + A
 * </pre>
 * σ_t is the time gate: a sigmoid of the elapsed time that moves the state from the ff1 branch towards the ff2 branch
 * as time passes (for time_a &gt; 0), which is how the cell stands in for an ODE solve. Pure mode is the CfC paper's
 * closed-form approximation of the liquid time-constant ODE {@code dh/dt = −(w_tau + f)·h + f·A} with
 * {@code f = ff1(b)}, with no neural branches.
 */
public final class CfcMath {
    public final int in, hidden, width, backboneUnits, backboneLayers;
    public final CfcMode mode;
    public final Activation activation;
    private final Dense[] backbone;
    private final Dense heads;
    private final double[] mask, wTauAbs, a;
    // Offsets of ncps's tensors in the flat parameter array; -1 where the mode has no such tensor.
    private final int[][] backboneWeight, backboneBias;
    private final int[] headWeight, headBias;
    private final int oWTau, oA;

    /**
     * @param mask     ncps's {@code sparsity_mask} on ff1 and ff2 (hidden × (in+hidden)), or null
     * @param offsetOf where each tensor (ncps name without the cell prefix, e.g. {@code ff1.weight}) starts in the
     *                 flat array later given to {@link #load}, or -1 when absent
     */
    public CfcMath(int in, int hidden, CfcMode mode, Activation activation, int backboneUnits, int backboneLayers,
                   double backboneDropout, double[] mask, ToIntFunction<String> offsetOf) {
        this.in = in;
        this.hidden = hidden;
        this.mode = mode;
        this.activation = activation;
        this.backboneUnits = backboneUnits;
        this.backboneLayers = backboneLayers;
        this.mask = mask;
        int cat = in + hidden;
        backbone = new Dense[backboneLayers];
        backboneWeight = new int[backboneLayers][];
        backboneBias = new int[backboneLayers][];
        int w = cat;
        // ncps's backbone is a Sequential of Linear, activation (and Dropout when > 0) modules
        for (int l = 0, index = 0; l < backboneLayers; l++) {
            backbone[l] = new Dense(w, backboneUnits);
            backboneWeight[l] = new int[]{required(offsetOf, "backbone." + index + ".weight")};
            backboneBias[l] = new int[]{required(offsetOf, "backbone." + index + ".bias")};
            w = backboneUnits;
            index += l == 0 ? 2 : (backboneDropout > 0 ? 3 : 2);
        }
        width = w;
        if (mask != null && width != cat) throw new IllegalArgumentException("a masked CfC cell cannot have a backbone");
        if (mode == CfcMode.PURE) {
            heads = new Dense(width, hidden);
            headWeight = new int[]{required(offsetOf, "ff1.weight")};
            headBias = new int[]{required(offsetOf, "ff1.bias")};
            oWTau = required(offsetOf, "w_tau");
            oA = required(offsetOf, "A");
            wTauAbs = new double[hidden];
            a = new double[hidden];
        } else {
            // ff1, ff2, time_a and time_b read the same vector: one fused pass
            heads = new Dense(width, hidden, hidden, hidden, hidden);
            String[] names = {"ff1", "ff2", "time_a", "time_b"};
            headWeight = new int[4];
            headBias = new int[4];
            for (int i = 0; i < 4; i++) {
                headWeight[i] = required(offsetOf, names[i] + ".weight");
                headBias[i] = required(offsetOf, names[i] + ".bias");
            }
            oWTau = oA = -1;
            wTauAbs = a = null;
        }
    }

    private static int required(ToIntFunction<String> offsetOf, String key) {
        int o = offsetOf.applyAsInt(key);
        if (o < 0) throw new IllegalArgumentException("CfC parameters lack '" + key + "'");
        return o;
    }

    /** Takes the raw ncps tensors from the flat array {@code p}. */
    public void load(double[] p) {
        for (int l = 0; l < backboneLayers; l++) backbone[l].load(0, p, backboneWeight[l][0], null, p, backboneBias[l][0]);
        for (int i = 0; i < headWeight.length; i++) heads.load(i, p, headWeight[i], i < 2 ? mask : null, p, headBias[i]);
        if (mode == CfcMode.PURE) {
            for (int i = 0; i < hidden; i++) {
                wTauAbs[i] = Math.abs(p[oWTau + i]);
                a[i] = p[oA + i];
            }
        }
    }

    /** Values {@link #forward} keeps per step: the heads, then each backbone layer's pre- and post-activation. */
    public int cacheSize() {
        return headsSize() + 2 * backboneUnits * backboneLayers;
    }

    private int headsSize() {
        return mode == CfcMode.PURE ? 2 * hidden : 4 * hidden;
    }

    // The heads come first in a step's cache, so that streaming, which passes offset 0, gives the JIT constant offsets
    // in the heads' and the gate's loops.
    private int headsAt(int cOff) {
        return cOff;
    }

    private int backboneAt(int cOff, int layer) {
        return cOff + headsSize() + 2 * backboneUnits * layer;
    }

    /**
     * One step: reads {@code z = [x, h]} (in + hidden values at zOff), writes the new state to {@code out} at outOff
     * (which may be where h came from only if z is a copy) and fills {@code cache} from cOff with
     * {@link #cacheSize()} values.
     */
    public void forward(double[] z, int zOff, double dt, double[] cache, int cOff, double[] out, int outOff) {
        heads(z, zOff, cache, cOff);
        gate(dt, cache, cOff, out, outOff);
    }

    /**
     * The first half of {@link #forward}: the backbone and the heads' pre-activations into the cache. Kept apart from
     * {@link #gate} so that each half stays small enough for the JIT to inline into a streaming step.
     */
    public void heads(double[] z, int zOff, double[] cache, int cOff) {
        double[] bIn = z;
        int bOff = zOff;
        for (int l = 0; l < backboneLayers; l++) {
            int pre = backboneAt(cOff, l), post = pre + backboneUnits;
            backbone[l].apply(bIn, bOff, cache, pre);
            for (int i = 0; i < backboneUnits; i++) cache[post + i] = activation.apply(cache[pre + i]);
            bIn = cache;
            bOff = post;
        }
        heads.apply(bIn, bOff, cache, headsAt(cOff));
    }

    /** The second half of {@link #forward}: the closed-form update from the heads in the cache into {@code out}. */
    public void gate(double dt, double[] cache, int cOff, double[] out, int outOff) {
        int hd = headsAt(cOff);
        final int h = hidden;
        if (mode == CfcMode.PURE) {
            for (int i = 0; i < h; i++) {
                double ff1 = cache[hd + i];
                double e = Fn.exp(-dt * (wTauAbs[i] + Math.abs(ff1)));
                cache[hd + h + i] = e;
                out[outOff + i] = -a[i] * e * ff1 + a[i];
            }
        } else {
            // the heads' activations stay in the cache for the backward pass; one loop, so each value is used from a
            // register as soon as it is made
            final boolean gated = mode == CfcMode.DEFAULT;
            for (int i = 0; i < h; i++) {
                double f1 = Fn.tanh(cache[hd + i]), f2 = Fn.tanh(cache[hd + h + i]);
                double t = Fn.sigmoid(cache[hd + 2 * h + i] * dt + cache[hd + 3 * h + i]);
                cache[hd + i] = f1;
                cache[hd + h + i] = f2;
                cache[hd + 2 * h + i] = t;
                out[outOff + i] = gated ? f1 * (1.0 - t) + t * f2 : f1 + t * f2;
            }
        }
    }

    /**
     * {@link #forward} for {@code lanes} independent inputs at once (training a batch), stored lane-minor: value i
     * of lane j at {@code z[zOff + i·lanes + j]}, and likewise for the cache ({@link #cacheSize()} × lanes values
     * from cOff) and {@code out}; lane j's elapsed time is {@code dt[dtOff + j]}. {@code lanes} is a multiple of
     * {@link Lanes#WIDTH}, and {@link Lanes#AVAILABLE}. Each lane's values are those {@link #forward} gives it, but
     * for the vectorised tanh and exponential, which may differ from {@link Fn}'s in the last bits. Cells with a
     * backbone are not supported here.
     */
    public void forwardLanes(double[] z, int zOff, int lanes, double[] dt, int dtOff, double[] cache, int cOff,
                             double[] out, int outOff) {
        if (backboneLayers > 0) throw new UnsupportedOperationException("a CfC backbone has no batched form");
        heads.applyLanes(z, zOff, lanes, cache, cOff);
        final int h = hidden, hl = h * lanes;
        if (mode == CfcMode.PURE) {
            for (int i = 0; i < h; i++) {
                double wt = wTauAbs[i], ai = a[i];
                for (int j = 0, c = cOff + i * lanes; j < lanes; j++, c++) {
                    double ff1 = cache[c];
                    double e = Fn.exp(-dt[dtOff + j] * (wt + Math.abs(ff1)));
                    cache[c + hl] = e;
                    out[outOff + i * lanes + j] = -ai * e * ff1 + ai;
                }
            }
            return;
        }
        for (int i = 0; i < h; i++) LaneVectors.cfcGate(cache, cOff + i * lanes, hl, dt, dtOff, out, outOff + i * lanes, lanes, mode == CfcMode.DEFAULT);
    }

    /** Scratch for backpropagating through {@link #forward} of this instance. */
    public Adjoint newAdjoint() {
        return new Adjoint();
    }

    public final class Adjoint {
        private final double[] gHeads, gBackbone, gBackboneIn;
        // backwardLanes's head gradients, grown to the widest batch it has seen
        private double[] gHeadsLanes = new double[0];

        private Adjoint() {
            gHeads = new double[heads.out];
            gBackbone = new double[Math.max(backboneUnits, 1)];
            gBackboneIn = new double[Math.max(Math.max(backboneUnits, in + hidden), 1)];
        }

        /**
         * {@link #backward} for one step of {@link #forwardLanes}: {@code z}, {@code cache}, {@code gh} and
         * {@code gz} are lane-minor as there, and the parameter gradients of all lanes are summed into {@code grad}.
         */
        public void backwardLanes(double[] z, int zOff, int lanes, double[] dt, int dtOff, double[] cache, int cOff,
                                  double[] gh, int ghOff, double[] p, double[] grad, double[] gz, int gzOff, int gzFrom) {
            if (backboneLayers > 0) throw new UnsupportedOperationException("a CfC backbone has no batched form");
            final int h = hidden, hl = h * lanes;
            if (gHeadsLanes.length < heads.out * lanes) gHeadsLanes = new double[heads.out * lanes];
            final double[] gH = gHeadsLanes;
            if (mode == CfcMode.PURE) {
                for (int o = 0; o < h; o++) {
                    double ao = a[o], sw = Math.signum(p[oWTau + o]), gA = 0, gW = 0;
                    for (int j = 0, c = cOff + o * lanes; j < lanes; j++, c++) {
                        double g = gh[ghOff + o * lanes + j], f = cache[c], e = cache[c + hl], d = dt[dtOff + j];
                        gA += g * (1 - e * f);
                        gW += g * ao * f * d * sw * e;
                        gH[o * lanes + j] = -g * ao * e * (1 - d * Math.signum(f) * f);
                    }
                    grad[oA + o] += gA;
                    grad[oWTau + o] += gW;
                }
            } else {
                boolean gated = mode == CfcMode.DEFAULT;
                for (int o = 0; o < h; o++) {
                    for (int j = 0, c = cOff + o * lanes, k = o * lanes; j < lanes; j++, c++, k++) {
                        gateAdjoint(gated, gh[ghOff + k], cache[c + 2 * hl], cache[c], cache[c + hl], dt[dtOff + j], gH, k, hl);
                    }
                }
            }
            Arrays.fill(gz, gzOff, gzOff + (in + hidden) * lanes, 0.0);
            heads.backwardLanes(z, zOff, lanes, gH, 0, grad, headWeight, headBias, gz, gzOff, gzFrom);
        }

        /**
         * Backpropagates one step through {@link #forward} given its z, dt and cache, and dL/dh' in {@code gh} at
         * ghOff: adds the parameter gradients into {@code grad} (torch layout, as the flat {@code p}) and writes
         * dL/dz into {@code gz} at gzOff (its first {@code gzFrom} columns are left zero: raw inputs need none).
         */
        public void backward(double[] z, int zOff, double dt, double[] cache, int cOff, double[] gh, int ghOff,
                             double[] p, double[] grad, double[] gz, int gzOff, int gzFrom) {
            final int h = hidden;
            int hd = headsAt(cOff);
            if (mode == CfcMode.PURE) {
                for (int o = 0; o < h; o++) {
                    double g = gh[ghOff + o], f = cache[hd + o], e = cache[hd + h + o], ao = a[o];
                    grad[oA + o] += g * (1 - e * f);
                    grad[oWTau + o] += g * ao * f * dt * Math.signum(p[oWTau + o]) * e;
                    gHeads[o] = -g * ao * e * (1 - dt * Math.signum(f) * f);
                }
            } else {
                boolean gated = mode == CfcMode.DEFAULT;
                for (int o = 0; o < h; o++) {
                    gateAdjoint(gated, gh[ghOff + o], cache[hd + 2 * h + o], cache[hd + o], cache[hd + h + o], dt, gHeads, o, h);
                }
            }
            Arrays.fill(gz, gzOff, gzOff + in + hidden, 0.0);
            if (backboneLayers == 0) {
                heads.backward(z, zOff, gHeads, 0, grad, headWeight, headBias, gz, gzOff, gzFrom);
                return;
            }
            int last = backboneAt(cOff, backboneLayers - 1) + backboneUnits;
            Arrays.fill(gBackbone, 0.0);
            heads.backward(cache, last, gHeads, 0, grad, headWeight, headBias, gBackbone, 0, 0);
            for (int l = backboneLayers - 1; l >= 0; l--) {
                int pre = backboneAt(cOff, l), post = pre + backboneUnits;
                for (int i = 0; i < backboneUnits; i++) gBackbone[i] *= activation.derivative(cache[pre + i], cache[post + i]);
                if (l == 0) {
                    backbone[0].backward(z, zOff, gBackbone, 0, grad, backboneWeight[0], backboneBias[0], gz, gzOff, gzFrom);
                } else {
                    Arrays.fill(gBackboneIn, 0.0);
                    backbone[l].backward(cache, post - 2 * backboneUnits, gBackbone, 0, grad, backboneWeight[l], backboneBias[l],
                            gBackboneIn, 0, 0);
                    System.arraycopy(gBackboneIn, 0, gBackbone, 0, backboneUnits);
                }
            }
        }

        /**
         * The gate's adjoint for one neuron of one sample: from dL/dh' = g, the time gate t and the branches
         * f1 = tanh(ff1), f2 = tanh(ff2), writes dL/d(ff1, ff2, time_a, time_b) pre-activation to
         * {@code gH[k + i·stride]}, i = 0..3. The one place these equations are written, for {@link #backward} and
         * {@link #backwardLanes}.
         */
        private static void gateAdjoint(boolean gated, double g, double t, double f1, double f2, double dt, double[] gH, int k, int stride) {
            double gf1 = gated ? g * (1 - t) : g;
            double gt = gated ? g * (f2 - f1) : g * f2;
            double gf2 = g * t;
            double gp = gt * t * (1 - t);
            gH[k] = gf1 * (1 - f1 * f1);
            gH[k + stride] = gf2 * (1 - f2 * f2);
            gH[k + 2 * stride] = gp * dt;
            gH[k + 3 * stride] = gp;
        }
    }
}
