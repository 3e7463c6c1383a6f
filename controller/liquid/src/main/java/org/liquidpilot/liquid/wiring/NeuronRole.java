package org.liquidpilot.liquid.wiring;

/** What a neuron does in a wiring; drawn as columns sensory → inter → command → motor. */
public enum NeuronRole {
    /** Input features; they are not units of the cell but the sources of sensory synapses. */
    SENSORY,
    INTER,
    COMMAND,
    /** The output neurons, ids [0, outputDim) in every wiring. */
    MOTOR
}
