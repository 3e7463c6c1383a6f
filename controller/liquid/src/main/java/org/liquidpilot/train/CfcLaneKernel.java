package org.liquidpilot.train;

import org.liquidpilot.liquid.CfcMath;
import org.liquidpilot.liquid.Lanes;

import java.util.Arrays;
import java.util.List;

/**
 * {@link CfcKernel} over a batch of windows at once, through {@link CfcMath#forwardLanes} and
 * {@link CfcMath.Adjoint#backwardLanes}: the same layer chain, with every array lane-minor (value i of lane j at
 * {@code i·lanes + j}). For CfC models without a backbone or mixed memory. The lane count is padded to a multiple of
 * {@link Lanes#WIDTH} with spare lanes of zero input, zero state and zero output gradient, which add nothing to the
 * parameter gradient.
 */
final class CfcLaneKernel extends LaneKernel {
    private final CfcModel md;
    private final List<CfcModel.Layer> layers;
    // the per-layer equations and caches
    private final CfcLayerCaches c;
    private final int nl, inputs, outputs;
    // Lanes of the last forward pass, padded.
    private int stride;

    CfcLaneKernel(CfcModel md, int maxSteps, int maxLanes) {
        super(maxSteps, maxLanes);
        int width = Lanes.padded(maxLanes);
        if (md.mm != null || md.cfcConfig().backboneLayers() > 0) throw new IllegalArgumentException("no batched kernel for a CfC with a backbone or mixed memory");
        this.md = md;
        layers = md.layers;
        nl = layers.size();
        inputs = md.inputSize();
        outputs = md.outputSize();
        c = new CfcLayerCaches(md, maxSteps, width);
    }

    @Override
    void forward(int lanes, int steps, double[][] x, int[] xOff, double[][] dt, int[] dtOff, double[][] state, double[][] y) {
        begin(lanes, steps);
        final int L = stride = Lanes.padded(lanes);
        double[] p = md.params().values();
        for (int li = 0, so = 0; li < nl; li++) {
            c.math[li].load(p);
            int h = layers.get(li).hidden();
            Arrays.fill(c.hs[li], 0, h * L, 0.0);
            for (int i = 0; i < h; i++) for (int j = 0; j < lanes; j++) c.hs[li][i * L + j] = state[j][so + i];
            so += h;
        }
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < L; j++) c.dts[t * L + j] = j >= lanes || dt[j] == null ? 1.0 : dt[j][dtOff[j] + t];
            for (int li = 0; li < nl; li++) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden(), zin = l.in() + h, zo = t * zin * L;
                double[] zl = c.z[li];
                if (li == 0) {
                    if (lanes < L) Arrays.fill(zl, zo, zo + inputs * L, 0.0);
                    for (int j = 0; j < lanes; j++) {
                        double[] xj = x[j];
                        for (int i = 0, xo = xOff[j] + t * inputs; i < inputs; i++) zl[zo + i * L + j] = xj[xo + i];
                    }
                } else {
                    System.arraycopy(c.hs[li - 1], (t + 1) * l.in() * L, zl, zo, l.in() * L);
                }
                System.arraycopy(c.hs[li], t * h * L, zl, zo + l.in() * L, h * L);
                c.math[li].forwardLanes(zl, zo, L, c.dts, t * L, c.cache[li], t * c.math[li].cacheSize() * L, c.hs[li], (t + 1) * h * L);
            }
            double[] last = c.hs[nl - 1];
            for (int o = 0; o < outputs; o++) {
                for (int j = 0, a = ((t + 1) * outputs + o) * L; j < lanes; j++) y[j][t * outputs + o] = last[a + j];
            }
        }
        for (int li = 0, so = 0; li < nl; li++) {
            int h = layers.get(li).hidden();
            for (int i = 0; i < h; i++) for (int j = 0; j < lanes; j++) state[j][so + i] = c.hs[li][(steps * h + i) * L + j];
            so += h;
        }
    }

    @Override
    void backward(double[][] gy, double[] grad) {
        final int L = stride;
        double[] p = md.params().values();
        for (double[] g : c.gh) Arrays.fill(g, 0);
        for (int t = steps - 1; t >= 0; t--) {
            double[] gLast = c.gh[nl - 1];
            for (int o = 0; o < outputs; o++) for (int j = 0; j < lanes; j++) gLast[o * L + j] += gy[j][t * outputs + o];
            for (int li = nl - 1; li >= 0; li--) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden(), in = l.in(), zo = t * (in + h) * L;
                c.adjoint[li].backwardLanes(c.z[li], zo, L, c.dts, t * L, c.cache[li], t * c.math[li].cacheSize() * L, c.gh[li], 0,
                        p, grad, c.gz[li], 0, li == 0 ? in : 0);
                double[] g = c.gz[li];
                System.arraycopy(g, in * L, c.gh[li], 0, h * L);
                if (li > 0) {
                    double[] gPrev = c.gh[li - 1];
                    for (int i = 0; i < in * L; i++) gPrev[i] += g[i];
                }
            }
        }
    }
}
