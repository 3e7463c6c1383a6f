package org.liquidpilot.train;

import org.liquidpilot.liquid.io.Tensor;

import java.util.Map;

/** A recurrent (or per-step) model the trainer can fit: flat parameters plus a kernel factory. */
public interface TrainableModel {

    /** The {@code --model-type} family: ltc, cfc, lstm, gru, ctrnn or mlp. */
    String type();

    int inputSize();

    int outputSize();

    /** Length of the recurrent state vector (0 for a model without memory). */
    int stateSize();

    ParamSet params();

    /** A kernel for one thread, with caches for sequences of up to {@code maxSteps} steps. */
    SequenceKernel newKernel(int maxSteps);

    /** Called after every optimizer step (LTC's clamp mode projects its parameters back here). */
    default void afterUpdate() {}

    /** Every tensor the model file holds: parameters under their file names plus fixed masks and wirings. */
    Map<String, Tensor> fileTensors();

    /** Constructor arguments for the model file's metadata (ncps names where the model is an ncps one). */
    Map<String, Object> config();

    default int parameterCount() {
        return params().size();
    }
}
