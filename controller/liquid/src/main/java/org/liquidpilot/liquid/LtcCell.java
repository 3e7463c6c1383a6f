package org.liquidpilot.liquid;

/**
 * ncps {@code LTCCell} for streaming inference: one step of elapsed time {@code dt} runs the {@code ode_unfolds}
 * fused semi-implicit Euler sub-steps of {@link LtcMath} (where the ODE and the update are written out),
 * <pre>
 *   cm·dv/dt = gleak·(vleak − v) + Σ w·σ(sigma·(v_src − mu))·(erev − v) + Σ sensory_w·σ(sensory_sigma·(u − sensory_mu))·(sensory_erev − v)
 *   v ← (cm/h·v + gleak·vleak + Σ a·erev) / (cm/h + gleak + Σ a + epsilon),   h = dt / ode_unfolds
 * </pre>
 * with the parameters loaded once (positivity map and masks applied) and scratch owned by the instance, so
 * {@link #step} allocates nothing. The state is in neuron-id order (motor first); the output is the first
 * {@code outputDim} neurons through the output map.
 */
public final class LtcCell extends Cell {
    private final LtcMath math;
    // scratch
    private final double[] u, numS, denS, num, den, cmT, v;

    /** Compiles the {@code rnn_cell.*} tensors of {@code p} (prefix included in the keys). */
    public LtcCell(LtcConfig config, int outputDim, Parameters p, String prefix) {
        int n = config.stateSize(), s = config.inputSize();
        double[] mask = p.values(prefix + "sparsity_mask", n, n);
        double[] sensoryMask = p.values(prefix + "sensory_sparsity_mask", s, n);
        Parameters.Flat flat = p.flat();
        math = new LtcMath(config, outputDim, mask, sensoryMask, key -> flat.offset(prefix + key));
        math.load(flat.values());
        u = new double[s];
        numS = new double[n];
        denS = new double[n];
        num = new double[n];
        den = new double[n];
        cmT = new double[n];
        v = new double[2 * n];
    }

    private LtcCell(LtcCell o) {
        math = o.math;
        u = new double[o.u.length];
        numS = new double[o.numS.length];
        denS = new double[o.denS.length];
        num = new double[o.num.length];
        den = new double[o.den.length];
        cmT = new double[o.cmT.length];
        v = new double[o.v.length];
    }

    @Override
    public int inputSize() {
        return math.inputs;
    }

    @Override
    public int stateSize() {
        return math.units;
    }

    @Override
    public int outputSize() {
        return math.outputs;
    }

    LtcMath math() {
        return math;
    }

    public int synapseCount() {
        return math.synapseCount();
    }

    public int sensorySynapseCount() {
        return math.sensorySynapseCount();
    }

    @Override
    public void step(double[] x, double dt, double[] state, double[] out) {
        math.mapInput(x, 0, u, 0);
        math.sensory(u, 0, null, 0, numS, denS);
        math.capacitance(dt, cmT, 0);
        // two state rows in v, ping-pong; no σ kept; den is one scratch row (stride 0)
        System.arraycopy(state, 0, v, 0, math.units);
        math.unfold(v, 0, 2, math.unfolds, cmT, 0, numS, denS, null, 0, num, den, 0, 0);
        System.arraycopy(v, (math.unfolds % 2) * math.units, state, 0, math.units);
        math.mapOutput(state, 0, out, 0);
    }

    @Override
    public LtcCell fork() {
        return new LtcCell(this);
    }
}
