package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.Parameters;

/**
 * What a model is made of, with its parameters folded for export (shared by the C and the ONNX export): the liquid
 * cell, the optional mixed-memory LSTM in front of it and the optional {@code fc} projection after it.
 *
 * @param lstm       null without mixed memory
 * @param projection null without {@code proj_size}
 * @param describe   one line: cell, size, wiring, extras
 */
record ExportPlan(CCell cell, MixedMemoryC lstm, CLinear projection, String describe) {

    static ExportPlan of(LiquidModel model, String prefix) {
        if (model.frontEnd() != null) {
            throw new IllegalArgumentException("the model has a learned front end (" + model.frontEnd().inputs() + " -> " + model.frontEnd().outputs()
                    + " features), which the C and ONNX exports do not emit yet; export a model trained with the fixed front end");
        }
        Parameters params = model.parameters();
        int inputs = model.inputSize(), units = model.stateSize();
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
        return new ExportPlan(cell, lstm, projection, describe);
    }
}
