package org.liquidpilot.pilot;

/**
 * The learned part of the pilot: a recurrent cell stepped once per frame with the real time since the previous
 * frame. Implementations allocate nothing per step.
 */
public interface Policy {
    int inputSize();

    /** Neurons whose states {@link #neuronStates} reports (19 for the paper's NCP). */
    int neuronCount();

    /**
     * Advances by {@code dtSeconds} on {@code input}. Returns output 0 in its unit (for a steering-only model, the
     * yaw rate); every output of the step is then readable through {@link #output(int)}.
     */
    double step(float[] input, double dtSeconds);

    /** What each output commands, in output order: {@link CommandAxis#STEERING} for a steering-only model. */
    default java.util.List<CommandAxis> outputs() {
        return CommandAxis.STEERING;
    }

    /** Output {@code i} of the last step, scaled to its unit (m/s or rad/s). */
    double output(int i);

    /** Copies the neuron states after the last step into {@code out[0..neuronCount())}. */
    void neuronStates(float[] out);

    /** Back to the initial (zero) state. */
    void reset();

    /** One line for status and reports, e.g. "LTC NCP 19 neurons, trained on ...", or "untrained". */
    String describe();

    /** Whether the weights were learned; an untrained policy only shows what the circuit does. */
    boolean trained();
}
