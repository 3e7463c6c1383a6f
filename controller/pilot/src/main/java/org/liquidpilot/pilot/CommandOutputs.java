package org.liquidpilot.pilot;

import java.util.List;

/**
 * A policy's outputs as commands: what each output commands ({@link CommandAxis}) and the model file's scaling of it
 * into its unit, {@code command[i] = raw[i]·scale[i] + offset[i]}, with the last step's values kept for
 * {@link Policy#output(int)}. Shared by the policies over the liquid core and over the trainer's kernels, so both read
 * a model file's outputs the same way; nothing is allocated per step.
 */
final class CommandOutputs {
    private final List<CommandAxis> axes;
    private final double[] scale, offset, last;

    CommandOutputs(List<CommandAxis> axes, double[] scale, double[] offset, int modelOutputs) {
        if (axes.size() != modelOutputs || scale.length != modelOutputs || offset.length != modelOutputs) {
            throw new IllegalArgumentException("the model has " + modelOutputs + " outputs but " + axes.size()
                    + " command outputs are named (" + CommandAxis.keys(axes) + ") and " + scale.length + " scales given");
        }
        this.axes = List.copyOf(axes);
        this.scale = scale.clone();
        this.offset = offset.clone();
        this.last = new double[modelOutputs];
    }

    /** Scales one step's raw outputs; returns output 0. */
    double set(float[] raw) {
        for (int i = 0; i < last.length; i++) last[i] = raw[i] * scale[i] + offset[i];
        return last[0];
    }

    /** Scales one step's raw outputs; returns output 0. */
    double set(double[] raw) {
        for (int i = 0; i < last.length; i++) last[i] = raw[i] * scale[i] + offset[i];
        return last[0];
    }

    double get(int i) {
        return last[i];
    }

    List<CommandAxis> axes() {
        return axes;
    }
}
