package org.liquidpilot.liquid;

/**
 * ncps {@code CfCCell} for streaming inference: the closed-form continuous-time cell of {@link CfcMath} (where the
 * three modes are written out),
 * <pre>
 *   default:  h' = tanh(ff1)·(1 − σ_t) + σ_t·tanh(ff2),   σ_t = σ(time_a·t + time_b)
 *   no_gate:  h' = tanh(ff1) + σ_t·tanh(ff2)
 *   pure:     h' = −A·exp(−t·(|w_tau| + |ff1|))·ff1 + A
 * </pre>
 * with ff1, ff2, time_a and time_b linear maps of the (optional) backbone's output over {@code [x, h]}, and an
 * optional sparsity mask on ff1/ff2 (as the wired CfC gives each layer). Weights are loaded once and scratch is owned
 * by the instance, so {@link #step} allocates nothing.
 */
public final class CfcCell extends Cell {
    private final CfcMath math;
    // scratch
    private final double[] z, cache;

    /**
     * @param prefix key prefix of the cell, e.g. {@code rnn_cell.} or {@code rnn_cell.layer_0.}
     * @param masked whether {@code prefix + "sparsity_mask"} exists and applies to ff1 and ff2
     */
    public CfcCell(int inputs, int hidden, CfcMode mode, Activation activation, int backboneUnits, int backboneLayers,
                   double backboneDropout, boolean masked, Parameters p, String prefix) {
        this(inputs, hidden, mode, activation, backboneUnits, backboneLayers, backboneDropout, masked, p, p.flat(), prefix);
    }

    CfcCell(int inputs, int hidden, CfcMode mode, Activation activation, int backboneUnits, int backboneLayers,
            double backboneDropout, boolean masked, Parameters p, Parameters.Flat flat, String prefix) {
        double[] mask = masked ? p.values(prefix + "sparsity_mask", hidden, inputs + hidden) : null;
        math = new CfcMath(inputs, hidden, mode, activation, backboneUnits, backboneLayers, backboneDropout, mask,
                key -> flat.offset(prefix + key));
        math.load(flat.values());
        z = new double[inputs + hidden];
        cache = new double[math.cacheSize()];
    }

    private CfcCell(CfcCell o) {
        math = o.math;
        z = new double[o.z.length];
        cache = new double[o.cache.length];
    }

    @Override
    public int inputSize() {
        return math.in;
    }

    @Override
    public int stateSize() {
        return math.hidden;
    }

    @Override
    public int outputSize() {
        return math.hidden;
    }

    @Override
    public void step(double[] x, double dt, double[] state, double[] out) {
        stepAt(x, 0, dt, state, 0);
        System.arraycopy(state, 0, out, 0, math.hidden);
    }

    /** Reads x[xOff..xOff+inputs) and state[sOff..sOff+hidden); writes the new hidden state over the latter. */
    void stepAt(double[] x, int xOff, double dt, double[] state, int sOff) {
        System.arraycopy(x, xOff, z, 0, math.in);
        System.arraycopy(state, sOff, z, math.in, math.hidden);
        math.heads(z, 0, cache, 0);
        math.gate(dt, cache, 0, state, sOff);
    }

    @Override
    public CfcCell fork() {
        return new CfcCell(this);
    }
}
