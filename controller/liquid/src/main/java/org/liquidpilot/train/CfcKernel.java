package org.liquidpilot.train;

import org.liquidpilot.liquid.CfcMath;

import java.util.Arrays;
import java.util.List;

/**
 * Training pass of {@link CfcModel} over one sequence: each layer's forward is {@link CfcMath}'s, the same code
 * streaming inference runs, with its input {@code [x, h]} and per-step cache kept; the backward pass runs the
 * layers in reverse within a step through {@link CfcMath.Adjoint}, so a layer's input gradient lands on the previous
 * layer's new state.
 */
final class CfcKernel extends CachingKernel {
    private final CfcModel md;
    private final List<CfcModel.Layer> layers;
    // the per-layer equations and caches
    private final CfcLayerCaches c;
    private final int nl, inputs, outputs;
    private final MixedMemory.Cache mmc;
    private final double[] hFull, hNew;

    CfcKernel(CfcModel md, int maxSteps) {
        super(maxSteps);
        this.md = md;
        this.layers = md.layers;
        this.nl = layers.size();
        this.inputs = md.inputSize();
        this.outputs = md.outputSize();
        c = new CfcLayerCaches(md, maxSteps, 1);
        mmc = md.mm != null ? md.mm.newCache(maxSteps) : null;
        hFull = new double[md.mm != null ? md.mm.n : 0];
        hNew = new double[hFull.length];
    }

    @Override
    public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
        keep(x, xOff, steps);
        double[] p = md.params().values();
        if (mmc != null) mmc.begin(p, state, hFull.length);
        int so = 0;
        for (int li = 0; li < nl; li++) {
            c.math[li].load(p);
            int h = layers.get(li).hidden();
            System.arraycopy(state, so, c.hs[li], 0, h);
            so += h;
        }
        for (int t = 0; t < steps; t++) {
            double ts = dt == null ? 1.0 : dt[dtOff + t];
            c.dts[t] = ts;
            if (mmc != null) {
                // The LSTM replaces the state each layer starts this step from.
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden(), li++) System.arraycopy(c.hs[li], t * layers.get(li).hidden(), hFull, o, layers.get(li).hidden());
                mmc.forward(t, x, xOff + t * inputs, hFull, 0, hNew, 0);
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden(), li++) System.arraycopy(hNew, o, c.hs[li], t * layers.get(li).hidden(), layers.get(li).hidden());
            }
            for (int li = 0; li < nl; li++) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden(), zo = t * (l.in() + h);
                if (li == 0) System.arraycopy(x, xOff + t * inputs, c.z[li], zo, l.in());
                else System.arraycopy(c.hs[li - 1], (t + 1) * l.in(), c.z[li], zo, l.in());
                System.arraycopy(c.hs[li], t * h, c.z[li], zo + l.in(), h);
                c.math[li].forward(c.z[li], zo, ts, c.cache[li], t * c.math[li].cacheSize(), c.hs[li], (t + 1) * h);
            }
            System.arraycopy(c.hs[nl - 1], (t + 1) * outputs, y, yOff + t * outputs, outputs);
        }
        so = 0;
        for (int li = 0; li < nl; li++) {
            int h = layers.get(li).hidden();
            System.arraycopy(c.hs[li], steps * h, state, so, h);
            so += h;
        }
        if (mmc != null) mmc.end(state, so);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad) {
        backward(gy, gyOff, grad, null, 0);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
        if (gx != null && mmc != null) throw new UnsupportedOperationException("the mixed-memory CfC does not give the gradient into its inputs");
        double[] p = md.params().values();
        for (double[] g : c.gh) Arrays.fill(g, 0);
        if (mmc != null) mmc.beginBackward();
        for (int t = steps - 1; t >= 0; t--) {
            double[] gLast = c.gh[nl - 1];
            for (int o = 0; o < outputs; o++) gLast[o] += gy[gyOff + t * outputs + o];
            for (int li = nl - 1; li >= 0; li--) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden(), zo = t * (l.in() + h);
                // The first layer's raw input needs a gradient only for a layer in front of the model.
                c.adjoint[li].backward(c.z[li], zo, c.dts[t], c.cache[li], t * c.math[li].cacheSize(), c.gh[li], 0, p, grad,
                        c.gz[li], 0, li == 0 && gx == null ? l.in() : 0);
                double[] g = c.gz[li];
                if (li == 0 && gx != null) System.arraycopy(g, 0, gx, gxOff + t * inputs, inputs);
                System.arraycopy(g, l.in(), c.gh[li], 0, h);
                if (li > 0) {
                    double[] gPrev = c.gh[li - 1];
                    for (int i = 0; i < l.in(); i++) gPrev[i] += g[i];
                }
            }
            if (mmc != null) {
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden(), li++) System.arraycopy(c.gh[li], 0, hFull, o, layers.get(li).hidden());
                mmc.backward(t, x, xOff + t * inputs, hFull, 0, grad);
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden(), li++) System.arraycopy(hFull, o, c.gh[li], 0, layers.get(li).hidden());
            }
        }
    }
}
