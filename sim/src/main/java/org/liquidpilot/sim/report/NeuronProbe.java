package org.liquidpilot.sim.report;

import java.util.List;

/**
 * A driving policy that can show its inner state: a condition sweep records it per step into {@code neurons.csv}.
 * The values are those that produced the last command, so a step that ends in an intervention (and resets the
 * policy) still shows the state that steered it.
 */
public interface NeuronProbe {

    /** One name per state value, in state order: role names such as {@code motor0}, {@code cmd3}, {@code inter7} for an NCP, else {@code s0..}. */
    List<String> neuronNames();

    /** Copies the state values after the last step into {@code out[0..neuronNames().size())}. */
    void neurons(float[] out);

    /** The model's raw output on the last step, before the pilot's gain, limits and failsafe. */
    double rawOutput();
}
