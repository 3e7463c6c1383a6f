package org.liquidpilot.pilot;

/**
 * The learned part of the pilot: a recurrent cell stepped once per frame with the real time since the previous
 * frame. Implementations allocate nothing per step.
 */
public interface Policy {
    int inputSize();

    /** Neurons whose states {@link #neuronStates} reports (19 for the paper's NCP). */
    int neuronCount();

    /** Advances by {@code dtSeconds} on {@code input} and returns the steering output (the first motor neuron, mapped). */
    double step(float[] input, double dtSeconds);

    /** Copies the neuron states after the last step into {@code out[0..neuronCount())}. */
    void neuronStates(float[] out);

    /** Back to the initial (zero) state. */
    void reset();

    /** One line for status and reports, e.g. "LTC NCP 19 neurons, trained on ...", or "untrained". */
    String describe();

    /** Whether the weights were learned; an untrained policy only shows what the circuit does. */
    boolean trained();
}
