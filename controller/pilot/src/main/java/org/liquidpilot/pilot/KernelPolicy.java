package org.liquidpilot.pilot;

import java.util.List;

import org.liquidpilot.train.TrainableModel;
import org.liquidpilot.train.SequenceKernel;

/**
 * A {@link Policy} over a trained baseline (LSTM, GRU, CT-RNN or MLP) stepped one frame at a time through the
 * trainer's own forward kernel, so the pilot runs exactly the function that was trained. The baselines exist to be
 * compared with the NCP in the same closed loop; the kernel computes in double and allocates nothing per step.
 */
public final class KernelPolicy implements Policy {
    private final TrainableModel model;
    private final SequenceKernel kernel;
    private final double[] x, dt = new double[1], y, state;
    private final CommandOutputs outputs;
    private final String description;

    /**
     * @param outputs what each output commands; {@code scale} and {@code offset} map output i to its unit
     */
    public KernelPolicy(TrainableModel model, List<CommandAxis> outputs, double[] scale, double[] offset, String description) {
        this.outputs = new CommandOutputs(outputs, scale, offset, model.outputSize());
        this.model = model;
        this.kernel = model.newKernel(1);
        this.x = new double[model.inputSize()];
        this.y = new double[model.outputSize()];
        this.state = new double[model.stateSize()];
        this.description = description;
    }

    @Override
    public int inputSize() {
        return model.inputSize();
    }

    /** The recurrent state's length: hidden units (LSTM: hidden and cell), 0 for the MLP. */
    @Override
    public int neuronCount() {
        return state.length;
    }

    @Override
    public double step(float[] input, double dtSeconds) {
        for (int i = 0; i < x.length; i++) x[i] = input[i];
        dt[0] = dtSeconds;
        kernel.forward(x, 0, dt, 0, 1, state, y, 0);
        return outputs.set(y);
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
        for (int i = 0; i < state.length; i++) out[i] = (float) state[i];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(state, 0);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public boolean trained() {
        return true;
    }
}
