package org.liquidpilot.pilot;

import java.util.List;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.OutputScaling;

/** A {@link Policy} over a liquid model's streaming inference, with the model's output scaling applied. */
public final class StreamPolicy implements Policy {
    private final LiquidStream stream;
    private final double[] scale;
    private final double[] offset;
    private final double[] last;
    private final List<CommandAxis> outputs;
    private final String description;
    private final boolean trained;

    public StreamPolicy(LiquidModel model, String description, boolean trained) {
        this(model, CommandAxis.STEERING, description, trained);
    }

    /** @param outputs what each of the model's outputs commands; as many as the model has outputs */
    public StreamPolicy(LiquidModel model, List<CommandAxis> outputs, String description, boolean trained) {
        this.stream = model.newStream();
        int k = model.outputSize();
        if (outputs.size() != k) {
            throw new IllegalArgumentException("the model has " + k + " outputs but " + outputs.size() + " command outputs are named ("
                    + CommandAxis.keys(outputs) + ")");
        }
        OutputScaling s = model.outputScaling();
        this.scale = new double[k];
        this.offset = new double[k];
        for (int i = 0; i < k; i++) {
            scale[i] = s == null ? 1.0 : s.scale()[i];
            offset[i] = s == null ? 0.0 : s.offset()[i];
        }
        this.last = new double[k];
        this.outputs = List.copyOf(outputs);
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
        float[] y = stream.step(input, (float) dtSeconds);
        for (int i = 0; i < last.length; i++) last[i] = y[i] * scale[i] + offset[i];
        return last[0];
    }

    @Override
    public double output(int i) {
        return last[i];
    }

    @Override
    public List<CommandAxis> outputs() {
        return outputs;
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
