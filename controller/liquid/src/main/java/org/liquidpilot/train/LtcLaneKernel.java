package org.liquidpilot.train;

import org.liquidpilot.liquid.LtcLanes;
import org.liquidpilot.liquid.LtcMath;

import java.util.Arrays;

/**
 * {@link LtcKernel} over {@link LtcLanes#W} windows at once through {@link LtcLanes}: the same caches per step, each
 * W wide (value i of lane j at {@code i·W + j}). Fewer windows are padded with spare lanes of zero input, zero state
 * and zero output gradient, which add nothing to the parameter gradient. For LTC models without mixed memory.
 */
final class LtcLaneKernel extends LaneKernel {
    private static final int W = LtcLanes.W;
    private final LtcModel md;
    private final LtcMath math;
    private final LtcLanes vec;
    private final int n, s, m, k, ks, unfolds, stride;
    // Caches by step, W wide: the inputs, the mapped inputs, the sensory σ's, every sub-step's state (the step's
    // first state then one per unfold), the denominators and synapse σ's of each unfold, cm/h and the elapsed times.
    private final double[] xs, u, sensoryAct, vs, den, act, cmT, dts;
    // Scratch, W wide.
    private final double[] numS, denS, yLanes, gv;

    LtcLaneKernel(LtcModel md, int maxSteps) {
        super(maxSteps, W);
        if (md.mm != null) throw new IllegalArgumentException("no batched kernel for a mixed-memory LTC");
        this.md = md;
        math = md.newMath();
        vec = new LtcLanes(math);
        n = math.units;
        s = math.inputs;
        m = math.outputs;
        k = math.synapseCount();
        ks = math.sensorySynapseCount();
        unfolds = math.unfolds;
        stride = (unfolds + 1) * n * W;
        xs = new double[maxSteps * s * W];
        u = new double[maxSteps * s * W];
        sensoryAct = new double[maxSteps * ks * W];
        vs = new double[maxSteps * stride];
        den = new double[maxSteps * unfolds * n * W];
        act = new double[maxSteps * unfolds * k * W];
        cmT = new double[maxSteps * n * W];
        dts = new double[maxSteps * W];
        numS = new double[n * W];
        denS = new double[n * W];
        yLanes = new double[m * W];
        gv = new double[n * W];
    }

    @Override
    void forward(int lanes, int steps, double[][] x, int[] xOff, double[][] dt, int[] dtOff, double[][] state, double[][] y) {
        begin(lanes, steps);
        math.load(md.params().values());
        final int nw = n * W;
        Arrays.fill(vs, 0, nw, 0.0);
        for (int j = 0; j < lanes; j++) for (int i = 0; i < n; i++) vs[i * W + j] = state[j][i];
        for (int t = 0; t < steps; t++) {
            int xo = t * s * W, vo = t * stride;
            if (lanes < W) Arrays.fill(xs, xo, xo + s * W, 0.0);
            for (int j = 0; j < lanes; j++) {
                double[] xj = x[j];
                for (int i = 0, o = xOff[j] + t * s; i < s; i++) xs[xo + i * W + j] = xj[o + i];
            }
            for (int j = 0; j < W; j++) dts[t * W + j] = j >= lanes || dt[j] == null ? 1.0 : dt[j][dtOff[j] + t];
            vec.mapInput(xs, xo, u, xo);
            vec.sensory(u, xo, sensoryAct, t * ks * W, numS, denS);
            vec.capacitance(dts, t * W, cmT, t * nw);
            if (t > 0) System.arraycopy(vs, vo - nw, vs, vo, nw); // the previous step's final state
            vec.unfold(vs, vo, cmT, t * nw, numS, denS, act, t * unfolds * k * W, den, t * unfolds * nw);
            vec.mapOutput(vs, vo + unfolds * nw, yLanes, 0);
            for (int j = 0; j < lanes; j++) for (int o = 0; o < m; o++) y[j][t * m + o] = yLanes[o * W + j];
        }
        int last = (steps - 1) * stride + unfolds * nw;
        for (int j = 0; j < lanes; j++) for (int i = 0; i < n; i++) state[j][i] = vs[last + i * W + j];
    }

    @Override
    void backward(double[][] gy, double[] grad) {
        final int nw = n * W;
        Arrays.fill(gv, 0.0);
        vec.begin();
        for (int t = steps - 1; t >= 0; t--) {
            int vo = t * stride;
            Arrays.fill(yLanes, 0.0);
            for (int j = 0; j < lanes; j++) for (int o = 0; o < m; o++) yLanes[o * W + j] = gy[j][t * m + o];
            vec.mapOutputAdjoint(vs, vo + unfolds * nw, yLanes, 0, gv);
            vec.beginStep();
            for (int uf = unfolds - 1; uf >= 0; uf--) {
                int e = t * unfolds + uf;
                vec.unfoldAdjoint(gv, vs, vo + uf * nw, vo + (uf + 1) * nw, cmT, t * nw, act, e * k * W, den, e * nw);
            }
            vec.capacitanceAdjoint(dts, t * W);
            vec.sensoryAdjoint(xs, t * s * W, u, t * s * W, sensoryAct, t * ks * W);
        }
        vec.scatter(md.params().values(), grad);
    }
}
