package org.liquidpilot.train;

/**
 * One training sequence: inputs {@code x} (steps × features), targets {@code y} (steps × outputs), row-major, and
 * the elapsed time before each step {@code dt} (null means 1.0 per step, as ncps without timespans).
 */
public record Sequence(String name, int steps, int features, int outputs, double[] x, double[] y, double[] dt) {

    public Sequence {
        if (steps < 1) throw new IllegalArgumentException(name + ": sequence is empty");
        if (features < 1 || outputs < 1) throw new IllegalArgumentException(name + ": needs at least one feature and one output");
        if (x.length != (long) steps * features) throw new IllegalArgumentException(name + ": x holds " + x.length + " values, expected " + steps + "×" + features);
        if (y.length != (long) steps * outputs) throw new IllegalArgumentException(name + ": y holds " + y.length + " values, expected " + steps + "×" + outputs);
        if (dt != null && dt.length != steps) throw new IllegalArgumentException(name + ": dt has " + dt.length + " steps but x has " + steps);
        requireFinite(name, "x", x);
        requireFinite(name, "y", y);
        if (dt != null) {
            for (int i = 0; i < dt.length; i++) {
                if (!(dt[i] > 0) || Double.isInfinite(dt[i])) {
                    throw new IllegalArgumentException(name + ": dt[" + i + "] = " + dt[i] + " (elapsed times must be finite and > 0)");
                }
            }
        }
    }

    private static void requireFinite(String name, String what, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException(name + ": " + what + " has a non-finite value (" + v[i] + ") at flat index " + i);
        }
    }
}
