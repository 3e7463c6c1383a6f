package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Parameters;

/**
 * What a model is made of, with its parameters folded for export (shared by the C and the ONNX export): the liquid
 * cell, the optional learned linear front end and mixed-memory LSTM in front of it and the optional {@code fc}
 * projection after it.
 *
 * @param front      the learned front end (features -> the cell's inputs), null without one
 * @param lstm       null without mixed memory
 * @param projection null without {@code proj_size}
 * @param describe   one line: cell, size, wiring, extras
 */
record ExportPlan(CLinear front, CCell cell, MixedMemoryC lstm, CLinear projection, String describe) {

    static ExportPlan of(LiquidModel model, String prefix) {
        Parameters params = model.parameters();
        int inputs = model.config().inputSize(), units = model.stateSize();
        CCell cell;
        String describe;
        if (model.config() instanceof LtcConfig c) {
            LtcC ltc = new LtcC(prefix, c, params);
            cell = ltc;
            describe = "LTC, " + units + " neurons, " + c.odeUnfolds() + " ODE unfolds, " + ltc.synapses() + " synapses and "
                    + ltc.sensorySynapses() + " sensory synapses";
        } else {
            CfcConfig c = (CfcConfig) model.config();
            cell = new CfcC(prefix, c, model.wiring(), params);
            describe = "CfC (" + c.mode().ncpsName + "), " + units + " units" + (model.wiring() == null ? ", dense" : ", wired " + model.wiring().kind());
        }
        MixedMemoryC lstm = null;
        if (model.config().mixedMemory()) {
            lstm = new MixedMemoryC(prefix, inputs, units, params);
            describe += ", mixed memory";
        }
        CLinear projection = null;
        if (model.config() instanceof CfcConfig c && c.projSize() > 0) {
            int in = c.cellOutputSize();
            projection = new CLinear(prefix + "_fc", c.projSize(), in, params.values("fc.weight", c.projSize(), in), params.values("fc.bias", c.projSize()), null);
            describe += ", projection to " + c.projSize();
        }
        CLinear front = null;
        LinearFrontEnd f = model.frontEnd();
        if (f != null) {
            front = new CLinear(prefix + "_front", f.outputs(), f.inputs(), f.weight(), f.bias(), null);
            describe += ", learned linear front end " + f.inputs() + " -> " + f.outputs();
        }
        return new ExportPlan(front, cell, lstm, projection, describe);
    }
}
