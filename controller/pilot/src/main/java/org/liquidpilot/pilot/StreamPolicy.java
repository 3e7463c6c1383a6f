package org.liquidpilot.pilot;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.OutputScaling;

/** A {@link Policy} over a liquid model's streaming inference, with the model's output scaling applied. */
public final class StreamPolicy implements Policy {
    private final LiquidStream stream;
    private final double scale;
    private final double offset;
    private final String description;
    private final boolean trained;

    public StreamPolicy(LiquidModel model, String description, boolean trained) {
        this.stream = model.newStream();
        OutputScaling s = model.outputScaling();
        this.scale = s == null ? 1.0 : s.scale()[0];
        this.offset = s == null ? 0.0 : s.offset()[0];
        this.description = description;
        this.trained = trained;
    }

    @Override
    public int inputSize() {
        return stream.inputSize();
    }

    @Override
    public int neuronCount() {
        return stream.stateSize();
    }

    @Override
    public double step(float[] input, double dtSeconds) {
        return stream.step(input, (float) dtSeconds)[0] * scale + offset;
    }

    @Override
    public void neuronStates(float[] out) {
        stream.state(out);
    }

    @Override
    public void reset() {
        stream.reset();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean trained() {
        return trained;
    }
}
