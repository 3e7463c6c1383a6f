package org.liquidpilot.liquid;

/**
 * One recurrent cell compiled for inference: parameters preprocessed into flat arrays at construction, scratch
 * buffers owned by the instance, so {@link #step} allocates nothing. An instance is not thread-safe;
 * {@link #fork()} gives another one over the same (immutable) parameters.
 */
public abstract class Cell {

    public abstract int inputSize();

    public abstract int stateSize();

    public abstract int outputSize();

    /**
     * Advances one step of {@code dt} seconds: reads {@code x} (inputSize) and {@code state} (stateSize), writes the
     * new state into {@code state} and the cell's output into {@code out} (outputSize).
     */
    public abstract void step(double[] x, double dt, double[] state, double[] out);

    /** An instance with its own scratch buffers over the same parameters. */
    public abstract Cell fork();
}
