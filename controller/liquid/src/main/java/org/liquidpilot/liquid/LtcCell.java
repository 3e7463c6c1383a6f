package org.liquidpilot.liquid;

/**
 * ncps {@code LTCCell}: the liquid time-constant neuron solved with the fused semi-implicit Euler scheme,
 * {@code ode_unfolds} sub-steps per step. Only synapses present in the sparsity masks are stored (as flat parallel
 * arrays), and the positivity map (softplus or identity) of w, sensory_w, cm and gleak is applied once here. The state
 * is in neuron-id order (motor first); the output is the first {@code outputDim} neurons through the output map.
 */
public final class LtcCell extends Cell {
    private final int inputs, units, outputs, unfolds;
    private final double epsilon;
    private final double[] inW, inB, outW, outB;
    private final double[] gleak, gleakVleak, cm;
    // sensory synapses
    private final int[] sSrc, sDst;
    private final double[] sW, sSigma, sMu, sErev;
    // recurrent synapses
    private final int[] rSrc, rDst;
    private final double[] rW, rSigma, rMu, rErev;
    // scratch
    private final double[] u, numS, denS, num, den, cmT, v;

    /** Compiles the {@code rnn_cell.*} tensors of {@code p} (prefix included in the keys). */
    public LtcCell(LtcConfig config, int outputDim, Parameters p, String prefix) {
        inputs = config.inputSize();
        units = config.stateSize();
        outputs = outputDim;
        unfolds = config.odeUnfolds();
        epsilon = config.epsilon();
        boolean softplus = config.implicitParamConstraints();
        int n = units, s = inputs;
        double[] gl = p.values(prefix + "gleak", n), vl = p.values(prefix + "vleak", n), c = p.values(prefix + "cm", n);
        gleak = new double[n];
        gleakVleak = new double[n];
        cm = new double[n];
        for (int j = 0; j < n; j++) {
            gleak[j] = pos(gl[j], softplus);
            gleakVleak[j] = gleak[j] * vl[j];
            cm[j] = pos(c[j], softplus);
        }
        double[] mask = p.values(prefix + "sparsity_mask", n, n);
        double[] w = p.values(prefix + "w", n, n), sigma = p.values(prefix + "sigma", n, n);
        double[] mu = p.values(prefix + "mu", n, n), erev = p.values(prefix + "erev", n, n);
        int count = nonZero(mask);
        rSrc = new int[count];
        rDst = new int[count];
        rW = new double[count];
        rSigma = new double[count];
        rMu = new double[count];
        rErev = new double[count];
        fill(n, n, mask, w, sigma, mu, erev, softplus, rSrc, rDst, rW, rSigma, rMu, rErev);
        double[] sMask = p.values(prefix + "sensory_sparsity_mask", s, n);
        count = nonZero(sMask);
        sSrc = new int[count];
        sDst = new int[count];
        sW = new double[count];
        sSigma = new double[count];
        sMu = new double[count];
        sErev = new double[count];
        fill(s, n, sMask, p.values(prefix + "sensory_w", s, n), p.values(prefix + "sensory_sigma", s, n),
                p.values(prefix + "sensory_mu", s, n), p.values(prefix + "sensory_erev", s, n), softplus,
                sSrc, sDst, sW, sSigma, sMu, sErev);
        Mapping im = config.inputMapping(), om = config.outputMapping();
        inW = im.hasWeight() ? p.values(prefix + "input_w", s) : ones(s);
        inB = im.hasBias() ? p.values(prefix + "input_b", s) : new double[s];
        outW = om.hasWeight() ? p.values(prefix + "output_w", outputs) : ones(outputs);
        outB = om.hasBias() ? p.values(prefix + "output_b", outputs) : new double[outputs];
        u = new double[s];
        numS = new double[n];
        denS = new double[n];
        num = new double[n];
        den = new double[n];
        cmT = new double[n];
        v = new double[n];
    }

    private LtcCell(LtcCell o) {
        inputs = o.inputs; units = o.units; outputs = o.outputs; unfolds = o.unfolds; epsilon = o.epsilon;
        inW = o.inW; inB = o.inB; outW = o.outW; outB = o.outB; gleak = o.gleak; gleakVleak = o.gleakVleak; cm = o.cm;
        sSrc = o.sSrc; sDst = o.sDst; sW = o.sW; sSigma = o.sSigma; sMu = o.sMu; sErev = o.sErev;
        rSrc = o.rSrc; rDst = o.rDst; rW = o.rW; rSigma = o.rSigma; rMu = o.rMu; rErev = o.rErev;
        u = new double[inputs];
        numS = new double[units];
        denS = new double[units];
        num = new double[units];
        den = new double[units];
        cmT = new double[units];
        v = new double[units];
    }

    private static double pos(double x, boolean softplus) {
        return softplus ? Fn.softplus(x) : x;
    }

    private static int nonZero(double[] m) {
        int c = 0;
        for (double d : m) if (d != 0) c++;
        return c;
    }

    /** Keeps the synapses whose mask is non-zero, with the mask folded into the (positive) weight. */
    private static void fill(int rows, int cols, double[] mask, double[] w, double[] sigma, double[] mu, double[] erev,
                             boolean softplus, int[] src, int[] dst, double[] ow, double[] os, double[] om, double[] oe) {
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int ij = i * cols + j;
                if (mask[ij] == 0) continue;
                src[k] = i;
                dst[k] = j;
                ow[k] = pos(w[ij], softplus) * mask[ij];
                os[k] = sigma[ij];
                om[k] = mu[ij];
                oe[k] = erev[ij];
                k++;
            }
        }
    }

    private static double[] ones(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int stateSize() {
        return units;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    public int synapseCount() {
        return rSrc.length;
    }

    public int sensorySynapseCount() {
        return sSrc.length;
    }

    @Override
    public void step(double[] x, double dt, double[] state, double[] out) {
        final int n = units;
        for (int i = 0; i < inputs; i++) u[i] = x[i] * inW[i] + inB[i];
        java.util.Arrays.fill(numS, 0.0);
        java.util.Arrays.fill(denS, 0.0);
        for (int k = 0; k < sSrc.length; k++) {
            double a = sW[k] * Fn.sigmoid(sSigma[k] * (u[sSrc[k]] - sMu[k]));
            int j = sDst[k];
            numS[j] += a * sErev[k];
            denS[j] += a;
        }
        double h = dt / unfolds;
        for (int j = 0; j < n; j++) cmT[j] = cm[j] / h;
        System.arraycopy(state, 0, v, 0, n);
        for (int t = 0; t < unfolds; t++) {
            java.util.Arrays.fill(num, 0.0);
            java.util.Arrays.fill(den, 0.0);
            for (int k = 0; k < rSrc.length; k++) {
                double a = rW[k] * Fn.sigmoid(rSigma[k] * (v[rSrc[k]] - rMu[k]));
                int j = rDst[k];
                num[j] += a * rErev[k];
                den[j] += a;
            }
            for (int j = 0; j < n; j++) {
                double numerator = cmT[j] * v[j] + gleakVleak[j] + (num[j] + numS[j]);
                double denominator = cmT[j] + gleak[j] + (den[j] + denS[j]);
                num[j] = numerator / (denominator + epsilon);
            }
            System.arraycopy(num, 0, v, 0, n);
        }
        System.arraycopy(v, 0, state, 0, n);
        for (int m = 0; m < outputs; m++) out[m] = state[m] * outW[m] + outB[m];
    }

    @Override
    public LtcCell fork() {
        return new LtcCell(this);
    }
}
