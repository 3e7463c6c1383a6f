package org.liquidpilot.train;

/** Backbone activations of ncps's CfC, with derivatives taken at the pre-activation. */
public enum Activation {
    LECUN_TANH("lecun_tanh"), TANH("tanh"), RELU("relu"), SILU("silu");

    public final String ncpsName;

    Activation(String ncpsName) {
        this.ncpsName = ncpsName;
    }

    public static Activation of(String name) {
        for (Activation a : values()) if (a.ncpsName.equals(name)) return a;
        throw new IllegalArgumentException("unsupported backbone activation '" + name + "' (lecun_tanh, tanh, relu or silu)");
    }

    double apply(double x) {
        return switch (this) {
            case LECUN_TANH -> 1.7159 * SequenceKernel.tanh(0.666 * x);
            case TANH -> SequenceKernel.tanh(x);
            case RELU -> x > 0 ? x : 0;
            case SILU -> x / (1 + Math.exp(-x));
        };
    }

    /** d act / dx, given the pre-activation x and the output y = act(x). */
    double derivative(double x, double y) {
        return switch (this) {
            case LECUN_TANH -> {
                double th = y / 1.7159;
                yield 1.7159 * 0.666 * (1 - th * th);
            }
            case TANH -> 1 - y * y;
            case RELU -> x > 0 ? 1 : 0;
            case SILU -> {
                double sg = 1 / (1 + Math.exp(-x));
                yield sg * (1 + x * (1 - sg));
            }
        };
    }
}
