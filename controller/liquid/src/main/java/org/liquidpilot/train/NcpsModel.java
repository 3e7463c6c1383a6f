package org.liquidpilot.train;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelConfig;
import org.liquidpilot.liquid.ParameterLayout;
import org.liquidpilot.liquid.wiring.Wiring;

/**
 * What the two trainable ncps models, {@link LtcModel} and {@link CfcModel}, have in common: a {@link ModelConfig},
 * its built wiring (null for an unwired CfC), the flat parameters in {@link ParameterLayout}'s order, and the
 * optional mixed-memory LSTM, whose cell state doubles the recurrent state.
 */
abstract sealed class NcpsModel<C extends ModelConfig> implements TrainableModel permits LtcModel, CfcModel {
    final C config;
    private final Wiring wiring;
    final ParamSet params;
    /** The mixed-memory LSTM run before the cell each step, or null. */
    final MixedMemory mm;

    NcpsModel(C config, Wiring wiring) {
        this.config = config;
        this.wiring = wiring;
        params = ParamSet.of(ParameterLayout.entries(config, wiring));
        mm = config.mixedMemory() ? new MixedMemory(params, config.inputSize(), config.stateSize()) : null;
    }

    public Wiring wiring() {
        return wiring;
    }

    @Override
    public int inputSize() {
        return config.inputSize();
    }

    @Override
    public int outputSize() {
        return config.outputSize();
    }

    @Override
    public int stateSize() {
        return mm != null ? 2 * config.stateSize() : config.stateSize();
    }

    /** The kernels give the gradient into the inputs, except through the mixed-memory LSTM. */
    @Override
    public boolean inputGradient() {
        return mm == null;
    }

    public boolean mixedMemory() {
        return mm != null;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public LiquidModel toLiquidModel() {
        return TrainableModel.liquidModel(config, wiring, params);
    }
}
