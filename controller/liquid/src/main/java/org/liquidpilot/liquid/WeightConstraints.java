package org.liquidpilot.liquid;

import org.liquidpilot.liquid.io.Tensor;

/**
 * ncps's {@code LTCCell.apply_weight_constraints()}: with {@code implicit_param_constraints=False} the cell uses
 * w, sensory_w, cm and gleak as they are, and training keeps them non-negative by clamping them (ReLU) after each
 * optimiser step. With implicit constraints (softplus, the LTC wrapper's default) there is nothing to clamp.
 */
public final class WeightConstraints {
    private static final String[] CLAMPED = {"w", "sensory_w", "cm", "gleak"};

    private WeightConstraints() {}

    /** The parameters with the clamp applied (a copy; CfC configs and softplus LTCs come back unchanged). */
    public static Parameters apply(ModelConfig config, Parameters p) {
        Parameters out = p.copy();
        if (!(config instanceof LtcConfig c) || c.implicitParamConstraints()) return out;
        for (String name : CLAMPED) {
            String key = "rnn_cell." + name;
            Tensor t = out.get(key);
            double[] d = t.data();
            for (int i = 0; i < d.length; i++) if (d[i] < 0) d[i] = 0.0;
        }
        return out;
    }
}
