package org.liquidpilot.train;

/**
 * Forward and adjoint of {@link LtcModel} over one sequence. The forward pass caches, per step, the mapped
 * input, the sensory sigmoids, and for every ODE unfold the state it started from, its denominator and its
 * synapse sigmoids; the backward pass walks those in reverse. Per-synapse parameters are gathered into compact
 * arrays once per sequence so the inner loops touch only the wiring's synapses.
 */
final class LtcKernel extends SequenceKernel {
    private final LtcModel md;
    private final int n, s, m, k, ks, unfolds, maxSteps;
    private final double eps;
    private final boolean softplus;
    // Effective (constrained) parameters, gathered per synapse.
    private final double[] pw, sig, mu, erev, spw, ssig, smu, serev, pcm, gl, vleak, inW, inB, outW, outB;
    // Caches.
    private final double[] u, ssg, vs, den, sg, cmt, dts;
    private final double[] numS, denS, num;
    private int steps;
    // Backward scratch and per-synapse gradient accumulators.
    private final double[] gv, gvNew, gnum, gden, gnumS, gdenS, gcmt, gu;
    private final double[] gpw, gsig, gmu, gerev, gspw, gssig, gsmu, gserev, gpcm, ggl, gvleak, ginW, ginB, goutW, goutB;
    private double[] x;
    private int xOff;
    private final MixedMemory.Cache mmc;
    private final double[] h0;

    LtcKernel(LtcModel md, int maxSteps) {
        this.md = md;
        this.maxSteps = maxSteps;
        n = md.n;
        s = md.s;
        m = md.m;
        k = md.src.length;
        ks = md.ssrc.length;
        unfolds = md.ltcConfig().odeUnfolds();
        eps = md.ltcConfig().epsilon();
        softplus = md.ltcConfig().implicitConstraints();
        pw = new double[k];
        sig = new double[k];
        mu = new double[k];
        erev = new double[k];
        spw = new double[ks];
        ssig = new double[ks];
        smu = new double[ks];
        serev = new double[ks];
        pcm = new double[n];
        gl = new double[n];
        vleak = new double[n];
        inW = new double[s];
        inB = new double[s];
        outW = new double[m];
        outB = new double[m];
        u = new double[maxSteps * s];
        ssg = new double[maxSteps * ks];
        vs = new double[maxSteps * (unfolds + 1) * n];
        den = new double[maxSteps * unfolds * n];
        sg = new double[maxSteps * unfolds * k];
        cmt = new double[maxSteps * n];
        dts = new double[maxSteps];
        numS = new double[n];
        denS = new double[n];
        num = new double[n];
        gv = new double[n];
        gvNew = new double[n];
        gnum = new double[n];
        gden = new double[n];
        gnumS = new double[n];
        gdenS = new double[n];
        gcmt = new double[n];
        gu = new double[s];
        gpw = new double[k];
        gsig = new double[k];
        gmu = new double[k];
        gerev = new double[k];
        gspw = new double[ks];
        gssig = new double[ks];
        gsmu = new double[ks];
        gserev = new double[ks];
        gpcm = new double[n];
        ggl = new double[n];
        gvleak = new double[n];
        ginW = new double[s];
        ginB = new double[s];
        goutW = new double[m];
        goutB = new double[m];
        mmc = md.mm != null ? md.mm.newCache(maxSteps) : null;
        h0 = new double[n];
    }

    private double pos(double p) {
        return softplus ? softplus(p) : p;
    }

    private void gather() {
        double[] p = md.params().values();
        for (int q = 0; q < k; q++) {
            int i = md.idx[q];
            pw[q] = pos(p[md.oW + i]);
            sig[q] = p[md.oSigma + i];
            mu[q] = p[md.oMu + i];
            erev[q] = p[md.oErev + i];
        }
        for (int q = 0; q < ks; q++) {
            int i = md.sidx[q];
            spw[q] = pos(p[md.oSW + i]);
            ssig[q] = p[md.oSSigma + i];
            smu[q] = p[md.oSMu + i];
            serev[q] = p[md.oSErev + i];
        }
        for (int j = 0; j < n; j++) {
            pcm[j] = pos(p[md.oCm + j]);
            gl[j] = pos(p[md.oGleak + j]);
            vleak[j] = p[md.oVleak + j];
        }
        for (int i = 0; i < s; i++) {
            inW[i] = md.oInW >= 0 ? p[md.oInW + i] : 1.0;
            inB[i] = md.oInB >= 0 ? p[md.oInB + i] : 0.0;
        }
        for (int i = 0; i < m; i++) {
            outW[i] = md.oOutW >= 0 ? p[md.oOutW + i] : 1.0;
            outB[i] = md.oOutB >= 0 ? p[md.oOutB + i] : 0.0;
        }
    }

    @Override
    public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
        if (steps > maxSteps) throw new IllegalArgumentException("sequence of " + steps + " steps exceeds the kernel's " + maxSteps);
        this.steps = steps;
        this.x = x;
        this.xOff = xOff;
        gather();
        final int stride = (unfolds + 1) * n;
        double[] p = md.params().values();
        if (mmc != null) {
            System.arraycopy(state, 0, h0, 0, n);
            mmc.begin(state, n);
        } else {
            System.arraycopy(state, 0, vs, 0, n);
        }
        for (int t = 0; t < steps; t++) {
            int xo = xOff + t * s, uo = t * s;
            for (int i = 0; i < s; i++) u[uo + i] = x[xo + i] * inW[i] + inB[i];
            java.util.Arrays.fill(numS, 0);
            java.util.Arrays.fill(denS, 0);
            int so = t * ks;
            for (int q = 0; q < ks; q++) {
                double g = sigmoid(ssig[q] * (u[uo + md.ssrc[q]] - smu[q]));
                ssg[so + q] = g;
                double a = spw[q] * g;
                int j = md.sdst[q];
                numS[j] += a * serev[q];
                denS[j] += a;
            }
            double d = dt == null ? 1.0 : dt[dtOff + t];
            dts[t] = d;
            int co = t * n;
            double h = d / unfolds;
            for (int j = 0; j < n; j++) cmt[co + j] = pcm[j] / h;
            int vo = t * stride;
            if (mmc != null) mmc.forward(p, t, x, xo, t == 0 ? h0 : vs, t == 0 ? 0 : vo - n, vs, vo);
            else if (t > 0) System.arraycopy(vs, vo - n, vs, vo, n); // the previous step's final state
            for (int uf = 0; uf < unfolds; uf++) {
                int vin = vo + uf * n, vout = vin + n, dOff = (t * unfolds + uf) * n, gOff = (t * unfolds + uf) * k;
                for (int j = 0; j < n; j++) {
                    num[j] = 0;
                    den[dOff + j] = 0;
                }
                for (int q = 0; q < k; q++) {
                    double g = sigmoid(sig[q] * (vs[vin + md.src[q]] - mu[q]));
                    sg[gOff + q] = g;
                    double a = pw[q] * g;
                    int j = md.dst[q];
                    num[j] += a * erev[q];
                    den[dOff + j] += a;
                }
                for (int j = 0; j < n; j++) {
                    double c = cmt[co + j];
                    double nm = c * vs[vin + j] + gl[j] * vleak[j] + (num[j] + numS[j]);
                    double dn = c + gl[j] + (den[dOff + j] + denS[j]);
                    den[dOff + j] = dn;
                    vs[vout + j] = nm / (dn + eps);
                }
            }
            int last = vo + unfolds * n, yo = yOff + t * m;
            for (int i = 0; i < m; i++) y[yo + i] = vs[last + i] * outW[i] + outB[i];
            // The next step starts where this one ended; copy forward lazily at the next step's start.
        }
        System.arraycopy(vs, (steps - 1) * stride + unfolds * n, state, 0, n);
        if (mmc != null) mmc.end(state, n);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad) {
        final int stride = (unfolds + 1) * n;
        java.util.Arrays.fill(gv, 0);
        zero(gpw, gsig, gmu, gerev, gspw, gssig, gsmu, gserev, gpcm, ggl, gvleak, ginW, ginB, goutW, goutB);
        double[] p = md.params().values();
        if (mmc != null) mmc.beginBackward();
        for (int t = steps - 1; t >= 0; t--) {
            int vo = t * stride, last = vo + unfolds * n, go = gyOff + t * m;
            for (int i = 0; i < m; i++) {
                double g = gy[go + i];
                gv[i] += g * outW[i];
                goutW[i] += g * vs[last + i];
                goutB[i] += g;
            }
            java.util.Arrays.fill(gnumS, 0);
            java.util.Arrays.fill(gdenS, 0);
            java.util.Arrays.fill(gcmt, 0);
            int co = t * n;
            for (int uf = unfolds - 1; uf >= 0; uf--) {
                int vin = vo + uf * n, vout = vin + n, dOff = (t * unfolds + uf) * n, gOff = (t * unfolds + uf) * k;
                for (int j = 0; j < n; j++) {
                    double inv = 1.0 / (den[dOff + j] + eps);
                    double gn = gv[j] * inv;
                    double gd = -gv[j] * vs[vout + j] * inv;
                    gnum[j] = gn;
                    gden[j] = gd;
                    gvNew[j] = gn * cmt[co + j];
                    gcmt[j] += gn * vs[vin + j] + gd;
                    ggl[j] += gn * vleak[j] + gd;
                    gvleak[j] += gn * gl[j];
                    gnumS[j] += gn;
                    gdenS[j] += gd;
                }
                for (int q = 0; q < k; q++) {
                    int j = md.dst[q], i = md.src[q];
                    double g = sg[gOff + q];
                    double a = pw[q] * g;
                    double gn = gnum[j];
                    double ga = gn * erev[q] + gden[j];
                    gerev[q] += gn * a;
                    gpw[q] += ga * g;
                    double gz = ga * pw[q] * g * (1 - g);
                    gsig[q] += gz * (vs[vin + i] - mu[q]);
                    gmu[q] -= gz * sig[q];
                    gvNew[i] += gz * sig[q];
                }
                System.arraycopy(gvNew, 0, gv, 0, n);
            }
            double h = dts[t] / unfolds;
            for (int j = 0; j < n; j++) gpcm[j] += gcmt[j] / h;
            int uo = t * s, so = t * ks;
            java.util.Arrays.fill(gu, 0);
            for (int q = 0; q < ks; q++) {
                int j = md.sdst[q], i = md.ssrc[q];
                double g = ssg[so + q];
                double a = spw[q] * g;
                double gn = gnumS[j];
                double ga = gn * serev[q] + gdenS[j];
                gserev[q] += gn * a;
                gspw[q] += ga * g;
                double gz = ga * spw[q] * g * (1 - g);
                gssig[q] += gz * (u[uo + i] - smu[q]);
                gsmu[q] -= gz * ssig[q];
                gu[i] += gz * ssig[q];
            }
            int xo = xOff + t * s;
            for (int i = 0; i < s; i++) {
                ginW[i] += gu[i] * x[xo + i];
                ginB[i] += gu[i];
            }
            // gv is now dL/d(the state this step started from): through the mixed-memory LSTM when there is one.
            if (mmc != null) mmc.backward(p, t, x, xo, gv, 0, grad);
        }
        scatter(grad);
    }

    private double posGrad(double p) {
        return softplus ? softplusGrad(p) : 1.0;
    }

    private void scatter(double[] grad) {
        double[] p = md.params().values();
        for (int q = 0; q < k; q++) {
            int i = md.idx[q];
            grad[md.oW + i] += gpw[q] * posGrad(p[md.oW + i]);
            grad[md.oSigma + i] += gsig[q];
            grad[md.oMu + i] += gmu[q];
            grad[md.oErev + i] += gerev[q];
        }
        for (int q = 0; q < ks; q++) {
            int i = md.sidx[q];
            grad[md.oSW + i] += gspw[q] * posGrad(p[md.oSW + i]);
            grad[md.oSSigma + i] += gssig[q];
            grad[md.oSMu + i] += gsmu[q];
            grad[md.oSErev + i] += gserev[q];
        }
        for (int j = 0; j < n; j++) {
            grad[md.oCm + j] += gpcm[j] * posGrad(p[md.oCm + j]);
            grad[md.oGleak + j] += ggl[j] * posGrad(p[md.oGleak + j]);
            grad[md.oVleak + j] += gvleak[j];
        }
        if (md.oInW >= 0) for (int i = 0; i < s; i++) grad[md.oInW + i] += ginW[i];
        if (md.oInB >= 0) for (int i = 0; i < s; i++) grad[md.oInB + i] += ginB[i];
        if (md.oOutW >= 0) for (int i = 0; i < m; i++) grad[md.oOutW + i] += goutW[i];
        if (md.oOutB >= 0) for (int i = 0; i < m; i++) grad[md.oOutB + i] += goutB[i];
    }

    static void zero(double[]... arrays) {
        for (double[] a : arrays) java.util.Arrays.fill(a, 0);
    }
}
