package org.liquidpilot.pilot;

import java.util.List;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.OutputScaling;

/** A {@link Policy} over a liquid model's streaming inference, with the model's output scaling applied. */
public final class StreamPolicy implements Policy {
    private final LiquidStream stream;
    private final CommandOutputs outputs;
    private final String description;
    private final boolean trained;

    public StreamPolicy(LiquidModel model, String description, boolean trained) {
        this(model, CommandAxis.STEERING, description, trained);
    }

    /** @param outputs what each of the model's outputs commands; as many as the model has outputs */
    public StreamPolicy(LiquidModel model, List<CommandAxis> outputs, String description, boolean trained) {
        this.stream = model.newStream();
        int k = model.outputSize();
        OutputScaling s = model.outputScaling();
        this.outputs = new CommandOutputs(outputs, s == null ? OutputScaling.identity(k).scale() : s.scale(),
                s == null ? new double[k] : s.offset(), k);
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
        return outputs.set(stream.step(input, (float) dtSeconds));
    }

    @Override
    public double output(int i) {
        return outputs.get(i);
    }

    @Override
    public List<CommandAxis> outputs() {
        return outputs.axes();
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
