package org.liquidpilot.train;

import org.liquidpilot.liquid.LtcMath;

/**
 * Training pass of {@link LtcModel} over one sequence: the forward is {@link LtcMath}'s, the same code streaming
 * inference runs, with its outputs kept per step (the mapped input, the sensory σ's, and for every ODE unfold the
 * state it started from, its denominators and its synapse σ's); the backward pass walks those in reverse through
 * {@link LtcMath.Adjoint}.
 */
final class LtcKernel extends CachingKernel {
    private final LtcModel md;
    private final LtcMath math;
    private final LtcMath.Adjoint adjoint;
    private final int n, s, m, k, ks, unfolds;
    // Caches.
    private final double[] u, sensoryAct, vs, den, act, cmT, dts;
    private final double[] numS, denS, num, gv;
    private final MixedMemory.Cache mmc;
    private final double[] h0;

    LtcKernel(LtcModel md, int maxSteps) {
        super(maxSteps);
        this.md = md;
        math = md.newMath();
        adjoint = math.newAdjoint();
        n = math.units;
        s = math.inputs;
        m = math.outputs;
        k = math.synapseCount();
        ks = math.sensorySynapseCount();
        unfolds = math.unfolds;
        u = new double[maxSteps * s];
        sensoryAct = new double[maxSteps * ks];
        vs = new double[maxSteps * (unfolds + 1) * n];
        den = new double[maxSteps * unfolds * n];
        act = new double[maxSteps * unfolds * k];
        cmT = new double[maxSteps * n];
        dts = new double[maxSteps];
        numS = new double[n];
        num = new double[n];
        denS = new double[n];
        gv = new double[n];
        mmc = md.mm != null ? md.mm.newCache(maxSteps) : null;
        h0 = new double[n];
    }

    @Override
    public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
        keep(x, xOff, steps);
        double[] p = md.params().values();
        math.load(p);
        final int stride = (unfolds + 1) * n;
        if (mmc != null) {
            System.arraycopy(state, 0, h0, 0, n);
            mmc.begin(p, state, n);
        } else {
            System.arraycopy(state, 0, vs, 0, n);
        }
        for (int t = 0; t < steps; t++) {
            int xo = xOff + t * s, uo = t * s, vo = t * stride, co = t * n;
            math.mapInput(x, xo, u, uo);
            math.sensory(u, uo, sensoryAct, t * ks, numS, denS);
            double d = dt == null ? 1.0 : dt[dtOff + t];
            dts[t] = d;
            math.capacitance(d, cmT, co);
            if (mmc != null) mmc.forward(t, x, xo, t == 0 ? h0 : vs, t == 0 ? 0 : vo - n, vs, vo);
            else if (t > 0) System.arraycopy(vs, vo - n, vs, vo, n); // the previous step's final state
            math.unfold(vs, vo, unfolds + 1, unfolds, cmT, co, numS, denS, act, t * unfolds * k, num, den, t * unfolds * n, n);
            math.mapOutput(vs, vo + unfolds * n, y, yOff + t * m);
        }
        System.arraycopy(vs, (steps - 1) * stride + unfolds * n, state, 0, n);
        if (mmc != null) mmc.end(state, n);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad) {
        backward(gy, gyOff, grad, null, 0);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
        if (gx != null && mmc != null) throw new UnsupportedOperationException("the mixed-memory LTC does not give the gradient into its inputs");
        final int stride = (unfolds + 1) * n;
        java.util.Arrays.fill(gv, 0);
        adjoint.begin();
        if (mmc != null) mmc.beginBackward();
        for (int t = steps - 1; t >= 0; t--) {
            int vo = t * stride, co = t * n, xo = xOff + t * s;
            adjoint.mapOutput(vs, vo + unfolds * n, gy, gyOff + t * m, gv);
            adjoint.beginStep();
            for (int uf = unfolds - 1; uf >= 0; uf--) {
                int vin = vo + uf * n, e = t * unfolds + uf;
                adjoint.unfold(gv, vs, vin, vs, vin + n, cmT, co, act, e * k, den, e * n);
            }
            adjoint.capacitance(dts[t]);
            adjoint.sensory(x, xo, u, t * s, sensoryAct, t * ks);
            if (gx != null) adjoint.inputGradient(gx, gxOff + t * s);
            // gv is now dL/d(the state this step started from): through the mixed-memory LSTM when there is one.
            if (mmc != null) mmc.backward(t, x, xo, gv, 0, grad);
        }
        adjoint.scatter(md.params().values(), grad);
    }
}
