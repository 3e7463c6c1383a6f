package org.liquidpilot.liquid;

/** The CfC backbone activations of ncps, by their ncps names, with derivatives for training. */
public enum Activation {
    LECUN_TANH("lecun_tanh"), SILU("silu"), RELU("relu"), TANH("tanh"), GELU("gelu");

    private static final double INV_SQRT2 = 0.7071067811865476;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    public final String ncpsName;

    Activation(String ncpsName) {
        this.ncpsName = ncpsName;
    }

    public static Activation byName(String name) {
        for (Activation a : values()) if (a.ncpsName.equals(name)) return a;
        throw new IllegalArgumentException("unknown activation '" + name + "' (known: lecun_tanh, silu, relu, tanh, gelu)");
    }

    public double apply(double x) {
        return switch (this) {
            case LECUN_TANH -> 1.7159 * Fn.tanh(0.666 * x);
            case SILU -> x * Fn.sigmoid(x);
            case RELU -> x > 0 ? x : 0.0;
            case TANH -> Fn.tanh(x);
            // torch's exact (erf) GELU, not the tanh approximation
            case GELU -> 0.5 * x * (1.0 + Fn.erf(x * INV_SQRT2));
        };
    }

    /** d act / dx, given the pre-activation x and the output y = act(x) (reusing y saves a transcendental). */
    public double derivative(double x, double y) {
        return switch (this) {
            case LECUN_TANH -> {
                double th = y / 1.7159;
                yield 1.7159 * 0.666 * (1 - th * th);
            }
            case SILU -> {
                double sg = Fn.sigmoid(x);
                yield sg * (1 + x * (1 - sg));
            }
            case RELU -> x > 0 ? 1.0 : 0.0;
            case TANH -> 1 - y * y;
            // Φ(x) + x·φ(x)
            case GELU -> 0.5 * (1.0 + Fn.erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Fn.exp(-0.5 * x * x);
        };
    }
}
