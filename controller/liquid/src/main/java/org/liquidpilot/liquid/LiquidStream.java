package org.liquidpilot.liquid;

import java.util.Arrays;

/**
 * A model running one step at a time for a control loop: the recurrent state lives inside, each
 * {@link #step(float[], float)} advances it by the real elapsed time and returns the output. Nothing is allocated
 * per step; the returned arrays are internal buffers, overwritten by the next step (copy them to keep them). Not
 * thread-safe: one stream per control loop ({@link LiquidModel#newStream()} is cheap).
 */
public final class LiquidStream {
    private final Recurrent net;
    private final LinearFrontEnd front;
    /** The cell's input: {@code x} itself, or the front end's output when there is one. */
    private final double[] x, u, h, c, y;
    private final float[] yFloat;
    private final int[] stateNeuronIds;

    LiquidStream(Recurrent net, LinearFrontEnd front, int[] stateNeuronIds) {
        this.net = net;
        this.front = front;
        this.x = new double[front != null ? front.inputs() : net.inputSize()];
        this.u = front != null ? new double[net.inputSize()] : x;
        this.h = new double[net.stateSize()];
        this.c = new double[net.stateSize()];
        this.y = new double[net.outputSize()];
        this.yFloat = new float[net.outputSize()];
        this.stateNeuronIds = stateNeuronIds;
    }

    public int inputSize() {
        return x.length;
    }

    public int outputSize() {
        return y.length;
    }

    public int stateSize() {
        return h.length;
    }

    /**
     * Advances by {@code dtSeconds} (finite, &gt; 0) with {@code input} (inputSize values, finite).
     *
     * @return the output, in a buffer owned by this stream and overwritten by the next step
     * @throws IllegalArgumentException on a wrong length, a non-finite input or a bad dt; the state is then unchanged
     */
    public float[] step(float[] input, float dtSeconds) {
        if (input.length != x.length) throw badLength(input.length);
        checkDt(dtSeconds);
        for (int i = 0; i < x.length; i++) {
            float v = input[i];
            if (!Float.isFinite(v)) throw badValue(i, v);
            x[i] = v;
        }
        if (front != null) front.apply(x, 0, u, 0);
        net.step(u, dtSeconds, h, c, y);
        for (int i = 0; i < y.length; i++) yFloat[i] = (float) y[i];
        return yFloat;
    }

    /** The double-precision twin of {@link #step(float[], float)}; same buffer rules. */
    public double[] step(double[] input, double dtSeconds) {
        if (input.length != x.length) throw badLength(input.length);
        checkDt(dtSeconds);
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(input[i])) throw badValue(i, input[i]);
            x[i] = input[i];
        }
        if (front != null) front.apply(x, 0, u, 0);
        net.step(u, dtSeconds, h, c, y);
        return y;
    }

    private static void checkDt(double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
    }

    private IllegalArgumentException badLength(int n) {
        return new IllegalArgumentException("input has " + n + " values, the model takes " + x.length);
    }

    private static IllegalArgumentException badValue(int i, double v) {
        return new IllegalArgumentException("input[" + i + "] is " + v);
    }

    /** Zeroes the state (and the mixed-memory cell state), as at the start of a sequence. */
    public void reset() {
        Arrays.fill(h, 0.0);
        Arrays.fill(c, 0.0);
    }

    /** A copy of the neuron states, in the cell's state order (see {@link #stateNeuronIds()}). */
    public float[] state() {
        float[] s = new float[h.length];
        state(s);
        return s;
    }

    /** Copies the neuron states into {@code dst} (length stateSize) without allocating. */
    public void state(float[] dst) {
        for (int i = 0; i < h.length; i++) dst[i] = (float) h[i];
    }

    /** Replaces the neuron states (e.g. to resume); the mixed-memory cell state is zeroed. */
    public void setState(double[] state) {
        if (state.length != h.length) throw new IllegalArgumentException("state has " + state.length + " values, the model has " + h.length);
        System.arraycopy(state, 0, h, 0, h.length);
        Arrays.fill(c, 0.0);
    }

    /**
     * The wiring's neuron id of each state slot: the identity for LTC (neuron-id order), the layer order for a
     * wired CfC (inter, command, motor).
     */
    public int[] stateNeuronIds() {
        return stateNeuronIds.clone();
    }
}
