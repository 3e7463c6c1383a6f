package org.liquidpilot.liquid;

/** The CfC backbone activations of ncps, by their ncps names. */
public enum Activation {
    LECUN_TANH("lecun_tanh"), SILU("silu"), RELU("relu"), TANH("tanh"), GELU("gelu");

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
            case GELU -> 0.5 * x * (1.0 + Fn.erf(x * 0.7071067811865476));
        };
    }
}
