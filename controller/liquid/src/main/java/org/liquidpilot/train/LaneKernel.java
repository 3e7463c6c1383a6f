package org.liquidpilot.train;

import org.liquidpilot.liquid.Lanes;

/**
 * One thread's forward and backward pass over several equal-length windows at once, one window per lane. The lanes
 * are the innermost dimension of every cache, so each weight is read once per step for all of them and applied to
 * them as SIMD vectors ({@link Lanes}: the Vector API, so these kernels exist only where {@link Lanes#AVAILABLE}).
 * Per lane, the forward pass gives what {@link SequenceKernel}'s does, but for the vectorised tanh and exponential
 * (a few ulp); the parameter gradient is the sum of the lanes' gradients, in another summation order.
 */
abstract class LaneKernel {
    final int maxSteps, maxLanes;
    /** Lanes and length of the last forward pass. */
    int lanes, steps;

    LaneKernel(int maxSteps, int maxLanes) {
        this.maxSteps = maxSteps;
        this.maxLanes = maxLanes;
    }

    /**
     * Runs {@code steps} steps of {@code lanes} windows: lane j reads {@code steps × inputSize} inputs from
     * {@code x[j]} at {@code xOff[j]} and its elapsed times from {@code dt[j]} at {@code dtOff[j]} (a null
     * {@code dt[j]} means 1.0 per step), starts from {@code state[j]} (updated in place to the final state), and
     * writes {@code steps × outputSize} outputs to {@code y[j]} from 0.
     */
    abstract void forward(int lanes, int steps, double[][] x, int[] xOff, double[][] dt, int[] dtOff,
                          double[][] state, double[][] y);

    /** Backpropagates through the last {@link #forward}: {@code gy[j]} holds lane j's dLoss/dy; adds dLoss/dparam into grad. */
    abstract void backward(double[][] gy, double[] grad);

    /**
     * The batched kernel of {@code model} for up to {@code maxLanes} windows at once (the LTC's takes one vector's
     * width whatever maxLanes is), or null when it has none: the per-sequence kernel then runs.
     */
    static LaneKernel of(TrainableModel model, int maxSteps, int maxLanes) {
        if (!Lanes.AVAILABLE) return null;
        if (model instanceof CfcModel c && c.mm == null && c.cfcConfig().backboneLayers() == 0) {
            return new CfcLaneKernel(c, maxSteps, maxLanes);
        }
        if (model instanceof LtcModel l && l.mm == null) return new LtcLaneKernel(l, maxSteps);
        return null;
    }

    /** Checks a forward pass's size against the caches and keeps it. */
    final void begin(int lanes, int steps) {
        if (lanes < 1 || lanes > maxLanes) throw new IllegalArgumentException(lanes + " lanes, kernel has " + maxLanes);
        if (steps > maxSteps) throw new IllegalArgumentException("sequence of " + steps + " steps exceeds the kernel's " + maxSteps);
        this.lanes = lanes;
        this.steps = steps;
    }
}
