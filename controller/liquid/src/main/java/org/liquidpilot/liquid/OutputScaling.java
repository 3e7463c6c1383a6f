package org.liquidpilot.liquid;

import java.util.Arrays;

/**
 * How a model's raw outputs map to physical commands: {@code command[i] = raw[i]·scale[i] + offset[i]} (e.g. the
 * network is trained on yaw rate / max_yaw_rate). Kept in the model file; the stream returns raw outputs and the
 * caller applies this.
 */
public record OutputScaling(double[] scale, double[] offset) {

    public OutputScaling {
        if (scale.length != offset.length) throw new IllegalArgumentException("output scaling: scale and offset differ in length");
        for (int i = 0; i < scale.length; i++) {
            if (!Double.isFinite(scale[i]) || !Double.isFinite(offset[i])) throw new IllegalArgumentException("output scaling must be finite");
        }
        scale = scale.clone();
        offset = offset.clone();
    }

    public static OutputScaling identity(int outputs) {
        double[] one = new double[outputs];
        Arrays.fill(one, 1.0);
        return new OutputScaling(one, new double[outputs]);
    }

    public int size() {
        return scale.length;
    }

    /** Scales {@code raw} in place (no allocation) and returns it. */
    public float[] apply(float[] raw) {
        if (raw.length != scale.length) throw new IllegalArgumentException("output has " + raw.length + " values, scaling has " + scale.length);
        for (int i = 0; i < raw.length; i++) raw[i] = (float) (raw[i] * scale[i] + offset[i]);
        return raw;
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputScaling s && Arrays.equals(s.scale, scale) && Arrays.equals(s.offset, offset);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(scale) + Arrays.hashCode(offset);
    }
}
