package org.liquidpilot.liquid;

/**
 * ncps {@code CfCCell}: the closed-form continuous-time cell in modes default, pure and no_gate, with an optional
 * backbone MLP and an optional sparsity mask on ff1/ff2 (as the wired CfC gives each layer). ff1, ff2, time_a and
 * time_b read the same vector, so they are fused into one input-major matrix and computed in one pass.
 */
public final class CfcCell extends Cell {
    private final int inputs, hidden;
    private final CfcMode mode;
    private final Activation activation;
    private final Dense[] backbone;
    private final Dense heads;
    private final double[] wTauAbs, a;
    // scratch
    private final double[] z, bbA, bbB, headOut;

    /**
     * @param prefix key prefix of the cell, e.g. {@code rnn_cell.} or {@code rnn_cell.layer_0.}
     * @param masked whether {@code prefix + "sparsity_mask"} exists and applies to ff1 and ff2
     */
    public CfcCell(int inputs, int hidden, CfcMode mode, Activation activation, int backboneUnits, int backboneLayers,
                   double backboneDropout, boolean masked, Parameters p, String prefix) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.mode = mode;
        this.activation = activation;
        int cat = inputs + hidden;
        backbone = new Dense[backboneLayers];
        int width = cat;
        for (int l = 0, index = 0; l < backboneLayers; l++) {
            String key = prefix + "backbone." + index + ".";
            backbone[l] = Dense.stack(width, new double[][]{p.values(key + "weight", backboneUnits, width)}, null,
                    new double[][]{p.values(key + "bias", backboneUnits)});
            width = backboneUnits;
            index += l == 0 ? 2 : (backboneDropout > 0 ? 3 : 2);
        }
        double[] mask = masked ? p.values(prefix + "sparsity_mask", hidden, cat) : null;
        if (masked && width != cat) throw new IllegalArgumentException("a masked CfC cell cannot have a backbone");
        double[] ff1W = p.values(prefix + "ff1.weight", hidden, width), ff1B = p.values(prefix + "ff1.bias", hidden);
        if (mode == CfcMode.PURE) {
            heads = Dense.stack(width, new double[][]{ff1W}, new double[][]{mask}, new double[][]{ff1B});
            wTauAbs = p.values(prefix + "w_tau", 1, hidden);
            for (int i = 0; i < hidden; i++) wTauAbs[i] = Math.abs(wTauAbs[i]);
            a = p.values(prefix + "A", 1, hidden);
        } else {
            heads = Dense.stack(width,
                    new double[][]{ff1W, p.values(prefix + "ff2.weight", hidden, width),
                            p.values(prefix + "time_a.weight", hidden, width), p.values(prefix + "time_b.weight", hidden, width)},
                    new double[][]{mask, mask, null, null},
                    new double[][]{ff1B, p.values(prefix + "ff2.bias", hidden), p.values(prefix + "time_a.bias", hidden),
                            p.values(prefix + "time_b.bias", hidden)});
            wTauAbs = null;
            a = null;
        }
        z = new double[cat];
        bbA = new double[Math.max(backboneUnits, 1)];
        bbB = new double[Math.max(backboneUnits, 1)];
        headOut = new double[heads.out];
    }

    private CfcCell(CfcCell o) {
        inputs = o.inputs; hidden = o.hidden; mode = o.mode; activation = o.activation; backbone = o.backbone;
        heads = o.heads; wTauAbs = o.wTauAbs; a = o.a;
        z = new double[o.z.length];
        bbA = new double[o.bbA.length];
        bbB = new double[o.bbB.length];
        headOut = new double[o.headOut.length];
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int stateSize() {
        return hidden;
    }

    @Override
    public int outputSize() {
        return hidden;
    }

    @Override
    public void step(double[] x, double dt, double[] state, double[] out) {
        stepAt(x, 0, dt, state, 0);
        System.arraycopy(state, 0, out, 0, hidden);
    }

    /** Reads x[xOff..xOff+inputs) and state[sOff..sOff+hidden); writes the new hidden state over the latter. */
    void stepAt(double[] x, int xOff, double dt, double[] state, int sOff) {
        System.arraycopy(x, xOff, z, 0, inputs);
        System.arraycopy(state, sOff, z, inputs, hidden);
        double[] in = z;
        for (int l = 0; l < backbone.length; l++) {
            double[] o = (l & 1) == 0 ? bbA : bbB;
            Dense d = backbone[l];
            d.apply(in, 0, o, 0);
            for (int i = 0; i < d.out; i++) o[i] = activation.apply(o[i]);
            in = o;
        }
        heads.apply(in, 0, headOut, 0);
        final int h = hidden;
        if (mode == CfcMode.PURE) {
            for (int i = 0; i < h; i++) {
                double ff1 = headOut[i];
                state[sOff + i] = -a[i] * Fn.exp(-dt * (wTauAbs[i] + Math.abs(ff1))) * ff1 + a[i];
            }
        } else if (mode == CfcMode.NO_GATE) {
            for (int i = 0; i < h; i++) {
                double ff1 = Fn.tanh(headOut[i]), ff2 = Fn.tanh(headOut[h + i]);
                double t = Fn.sigmoid(headOut[2 * h + i] * dt + headOut[3 * h + i]);
                state[sOff + i] = ff1 + t * ff2;
            }
        } else {
            for (int i = 0; i < h; i++) {
                double ff1 = Fn.tanh(headOut[i]), ff2 = Fn.tanh(headOut[h + i]);
                double t = Fn.sigmoid(headOut[2 * h + i] * dt + headOut[3 * h + i]);
                state[sOff + i] = ff1 * (1.0 - t) + t * ff2;
            }
        }
    }

    @Override
    public CfcCell fork() {
        return new CfcCell(this);
    }
}
