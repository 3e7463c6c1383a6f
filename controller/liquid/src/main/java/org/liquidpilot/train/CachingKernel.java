package org.liquidpilot.train;

/**
 * A {@link SequenceKernel} whose caches are sized for sequences of up to {@link #maxSteps} steps and which keeps the
 * input sequence of its last forward pass for the backward pass.
 */
abstract class CachingKernel extends SequenceKernel {
    final int maxSteps;
    /** The last forward pass's inputs (from {@link #xOff}) and its length. */
    double[] x;
    int xOff, steps;

    CachingKernel(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    /** Called first by every forward pass: checks the length against the caches and keeps the inputs. */
    final void keep(double[] x, int xOff, int steps) {
        if (steps > maxSteps) throw new IllegalArgumentException("sequence of " + steps + " steps exceeds the kernel's " + maxSteps);
        this.x = x;
        this.xOff = xOff;
        this.steps = steps;
    }
}
