package org.liquidpilot.train;

import java.util.Arrays;
import java.util.List;

/**
 * Forward and adjoint of {@link CfcModel} over one sequence. Each layer caches, per step, its input (input and
 * previous state), backbone activations, heads and gate; the backward pass runs the layers in reverse within a
 * step, so a layer's input gradient lands on the previous layer's new state.
 */
final class CfcKernel extends SequenceKernel {
    private final CfcModel md;
    private final CfcModel.Mode mode;
    private final Activation act;
    private final List<CfcModel.Layer> layers;
    private final int nl, maxSteps, inputs, outputs;
    // Per layer: masked ff1/ff2 weights (a copy, refreshed each forward; null when unmasked).
    private final double[][] w1, w2;
    // Per layer caches indexed by step.
    private final double[][] z0, ff1, ff2, gate, expo, hs;
    private final double[][][] bbPre, bbPost;
    private final double[] dts;
    // Backward scratch.
    private final double[][] gh, gz0, gq1, gq2, gta, gtb;
    private final double[][][] gbb;
    private int steps;
    private double[] x;
    private int xOff;
    private final MixedMemory.Cache mmc;
    private final double[] hFull, hNew;

    CfcKernel(CfcModel md, int maxSteps) {
        this.md = md;
        this.mode = md.mode();
        this.act = md.activation();
        this.layers = md.layers;
        this.nl = layers.size();
        this.maxSteps = maxSteps;
        this.inputs = md.inputSize();
        this.outputs = md.outputSize();
        w1 = new double[nl][];
        w2 = new double[nl][];
        z0 = new double[nl][];
        ff1 = new double[nl][];
        ff2 = new double[nl][];
        gate = new double[nl][];
        expo = new double[nl][];
        hs = new double[nl][];
        bbPre = new double[nl][][];
        bbPost = new double[nl][][];
        gh = new double[nl][];
        gz0 = new double[nl][];
        gq1 = new double[nl][];
        gq2 = new double[nl][];
        gta = new double[nl][];
        gtb = new double[nl][];
        gbb = new double[nl][][];
        for (int li = 0; li < nl; li++) {
            CfcModel.Layer l = layers.get(li);
            int h = l.hidden, zin = l.in + h;
            if (l.mask != null) {
                w1[li] = new double[h * l.cat];
                if (mode != CfcModel.Mode.PURE) w2[li] = new double[h * l.cat];
            }
            z0[li] = new double[maxSteps * zin];
            ff1[li] = new double[maxSteps * h];
            if (mode == CfcModel.Mode.PURE) expo[li] = new double[maxSteps * h];
            else {
                ff2[li] = new double[maxSteps * h];
                gate[li] = new double[maxSteps * h];
            }
            hs[li] = new double[(maxSteps + 1) * h];
            bbPre[li] = new double[l.bbLayers][maxSteps * l.bbUnits];
            bbPost[li] = new double[l.bbLayers][maxSteps * l.bbUnits];
            gbb[li] = new double[l.bbLayers][l.bbUnits];
            gh[li] = new double[h];
            gz0[li] = new double[zin];
            gq1[li] = new double[h];
            gq2[li] = new double[h];
            gta[li] = new double[h];
            gtb[li] = new double[h];
        }
        dts = new double[maxSteps];
        mmc = md.mm != null ? md.mm.newCache(maxSteps) : null;
        hFull = new double[md.mm != null ? md.mm.n : 0];
        hNew = new double[hFull.length];
    }

    @Override
    public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
        if (steps > maxSteps) throw new IllegalArgumentException("sequence of " + steps + " steps exceeds the kernel's " + maxSteps);
        this.steps = steps;
        this.x = x;
        this.xOff = xOff;
        double[] p = md.params().values();
        if (mmc != null) mmc.begin(state, hFull.length);
        int so = 0;
        for (int li = 0; li < nl; li++) {
            CfcModel.Layer l = layers.get(li);
            if (l.mask != null) {
                for (int i = 0; i < w1[li].length; i++) w1[li][i] = p[l.ff1W + i] * l.mask[i];
                if (w2[li] != null) for (int i = 0; i < w2[li].length; i++) w2[li][i] = p[l.ff2W + i] * l.mask[i];
            }
            System.arraycopy(state, so, hs[li], 0, l.hidden);
            so += l.hidden;
        }
        for (int t = 0; t < steps; t++) {
            double ts = dt == null ? 1.0 : dt[dtOff + t];
            dts[t] = ts;
            if (mmc != null) {
                // The LSTM replaces the state each layer starts this step from.
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden, li++) System.arraycopy(hs[li], t * layers.get(li).hidden, hFull, o, layers.get(li).hidden);
                mmc.forward(p, t, x, xOff + t * inputs, hFull, 0, hNew, 0);
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden, li++) System.arraycopy(hNew, o, hs[li], t * layers.get(li).hidden, layers.get(li).hidden);
            }
            for (int li = 0; li < nl; li++) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden, zin = l.in + h, zo = t * zin;
                double[] z = z0[li];
                if (li == 0) System.arraycopy(x, xOff + t * inputs, z, zo, l.in);
                else System.arraycopy(hs[li - 1], (t + 1) * l.in, z, zo, l.in);
                System.arraycopy(hs[li], t * h, z, zo + l.in, h);
                double[] cat = z;
                int co = zo;
                for (int k = 0; k < l.bbLayers; k++) {
                    int u = l.bbUnits, bo = t * u;
                    Dense.forward(p, l.bbW[k], p, l.bbB[k], cat, co, u, l.bbIn(k), bbPre[li][k], bo);
                    double[] pre = bbPre[li][k], post = bbPost[li][k];
                    for (int i = 0; i < u; i++) post[bo + i] = act.apply(pre[bo + i]);
                    cat = post;
                    co = bo;
                }
                int ho = t * h, out = (t + 1) * h;
                double[] wff1 = w1[li] != null ? w1[li] : p;
                int wff1Off = w1[li] != null ? 0 : l.ff1W;
                Dense.forward(wff1, wff1Off, p, l.ff1B, cat, co, h, l.cat, ff1[li], ho);
                if (mode == CfcModel.Mode.PURE) {
                    for (int o = 0; o < h; o++) {
                        double f = ff1[li][ho + o], a = p[l.a + o];
                        double e = Math.exp(-ts * (Math.abs(p[l.wTau + o]) + Math.abs(f)));
                        expo[li][ho + o] = e;
                        hs[li][out + o] = -a * e * f + a;
                    }
                } else {
                    double[] wff2 = w2[li] != null ? w2[li] : p;
                    int wff2Off = w2[li] != null ? 0 : l.ff2W;
                    Dense.forward(wff2, wff2Off, p, l.ff2B, cat, co, h, l.cat, ff2[li], ho);
                    // time_a into gate, then time_b on top: gate = σ(ta·ts + tb).
                    Dense.forward(p, l.taW, p, l.taB, cat, co, h, l.cat, gate[li], ho);
                    Dense.forward(p, l.tbW, p, l.tbB, cat, co, h, l.cat, gtb[li], 0); // scratch until backward
                    double[] g = gate[li], f1 = ff1[li], f2 = ff2[li], tbv = gtb[li];
                    for (int o = 0; o < h; o++) {
                        double gv = sigmoid(g[ho + o] * ts + tbv[o]);
                        g[ho + o] = gv;
                        double a = tanh(f1[ho + o]), b = tanh(f2[ho + o]);
                        f1[ho + o] = a;
                        f2[ho + o] = b;
                        hs[li][out + o] = mode == CfcModel.Mode.DEFAULT ? a * (1 - gv) + gv * b : a + gv * b;
                    }
                }
            }
            System.arraycopy(hs[nl - 1], (t + 1) * outputs, y, yOff + t * outputs, outputs);
        }
        so = 0;
        for (int li = 0; li < nl; li++) {
            int h = layers.get(li).hidden;
            System.arraycopy(hs[li], steps * h, state, so, h);
            so += h;
        }
        if (mmc != null) mmc.end(state, so);
    }

    @Override
    public void backward(double[] gy, int gyOff, double[] grad) {
        double[] p = md.params().values();
        for (double[] g : gh) Arrays.fill(g, 0);
        if (mmc != null) mmc.beginBackward();
        for (int t = steps - 1; t >= 0; t--) {
            double ts = dts[t];
            double[] gLast = gh[nl - 1];
            for (int o = 0; o < outputs; o++) gLast[o] += gy[gyOff + t * outputs + o];
            for (int li = nl - 1; li >= 0; li--) {
                CfcModel.Layer l = layers.get(li);
                int h = l.hidden, zin = l.in + h, zo = t * zin, ho = t * h;
                double[] g = gh[li], q1 = gq1[li], q2 = gq2[li], ta = gta[li], tb = gtb[li];
                if (mode == CfcModel.Mode.PURE) {
                    for (int o = 0; o < h; o++) {
                        double f = ff1[li][ho + o], e = expo[li][ho + o], a = p[l.a + o], wt = p[l.wTau + o];
                        grad[l.a + o] += g[o] * (1 - e * f);
                        grad[l.wTau + o] += g[o] * a * f * ts * Math.signum(wt) * e;
                        q1[o] = -g[o] * a * e * (1 - ts * Math.signum(f) * f);
                    }
                } else {
                    for (int o = 0; o < h; o++) {
                        double gv = gate[li][ho + o], a = ff1[li][ho + o], b = ff2[li][ho + o], go = g[o];
                        double ga, gb, gg;
                        if (mode == CfcModel.Mode.DEFAULT) {
                            ga = go * (1 - gv);
                            gg = go * (b - a);
                        } else {
                            ga = go;
                            gg = go * b;
                        }
                        gb = go * gv;
                        double gp = gg * gv * (1 - gv);
                        ta[o] = gp * ts;
                        tb[o] = gp;
                        q1[o] = ga * (1 - a * a);
                        q2[o] = gb * (1 - b * b);
                    }
                }
                // Backbone output (or the raw input+state) feeds every head.
                double[] cat;
                int co;
                double[] gcat;
                if (l.bbLayers > 0) {
                    cat = bbPost[li][l.bbLayers - 1];
                    co = t * l.bbUnits;
                    gcat = gbb[li][l.bbLayers - 1];
                } else {
                    cat = z0[li];
                    co = zo;
                    gcat = gz0[li];
                }
                Arrays.fill(gcat, 0);
                double[] wff1 = w1[li] != null ? w1[li] : p;
                int wff1Off = w1[li] != null ? 0 : l.ff1W;
                // The first layer's raw input needs no gradient: skip those columns when the heads read it directly.
                int from = li == 0 && l.bbLayers == 0 ? l.in : 0;
                Dense.backward(wff1, wff1Off, cat, co, q1, 0, h, l.cat, grad, l.ff1W, l.ff1B, gcat, 0, from);
                if (mode != CfcModel.Mode.PURE) {
                    double[] wff2 = w2[li] != null ? w2[li] : p;
                    int wff2Off = w2[li] != null ? 0 : l.ff2W;
                    Dense.backward(wff2, wff2Off, cat, co, q2, 0, h, l.cat, grad, l.ff2W, l.ff2B, gcat, 0, from);
                    Dense.backward(p, l.taW, cat, co, ta, 0, h, l.cat, grad, l.taW, l.taB, gcat, 0, from);
                    Dense.backward(p, l.tbW, cat, co, tb, 0, h, l.cat, grad, l.tbW, l.tbB, gcat, 0, from);
                }
                for (int k = l.bbLayers - 1; k >= 0; k--) {
                    int u = l.bbUnits, bo = t * u;
                    double[] gpost = gbb[li][k], pre = bbPre[li][k], post = bbPost[li][k];
                    for (int i = 0; i < u; i++) gpost[i] *= act.derivative(pre[bo + i], post[bo + i]);
                    double[] in = k == 0 ? z0[li] : bbPost[li][k - 1];
                    int io = k == 0 ? zo : t * u;
                    double[] gin = k == 0 ? gz0[li] : gbb[li][k - 1];
                    Arrays.fill(gin, 0);
                    Dense.backward(p, l.bbW[k], in, io, gpost, 0, u, l.bbIn(k), grad, l.bbW[k], l.bbB[k], gin, 0, k == 0 && li == 0 ? l.in : 0);
                }
                double[] gz = gz0[li];
                for (int o = 0; o < h; o++) g[o] = gz[l.in + o];
                if (li > 0) {
                    double[] gPrev = gh[li - 1];
                    for (int i = 0; i < l.in; i++) gPrev[i] += gz[i];
                }
            }
            if (mmc != null) {
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden, li++) System.arraycopy(gh[li], 0, hFull, o, layers.get(li).hidden);
                mmc.backward(p, t, x, xOff + t * inputs, hFull, 0, grad);
                for (int li = 0, o = 0; li < nl; o += layers.get(li).hidden, li++) System.arraycopy(hFull, o, gh[li], 0, layers.get(li).hidden);
            }
        }
        // The mask multiplies ff1/ff2, so their masked entries get exactly zero gradient.
        for (CfcModel.Layer l : layers) {
            if (l.mask == null) continue;
            for (int i = 0; i < l.mask.length; i++) {
                if (l.mask[i] == 0) {
                    grad[l.ff1W + i] = 0;
                    if (l.ff2W >= 0) grad[l.ff2W + i] = 0;
                }
            }
        }
    }
}
