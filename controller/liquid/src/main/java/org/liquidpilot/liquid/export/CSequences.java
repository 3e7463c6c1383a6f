package org.liquidpilot.liquid.export;

import java.util.SplittableRandom;

/**
 * Input sequences for checking an export: B sequences of T steps of F features with a timespan per step, all values
 * floats (held as doubles) so the C program and the Java core read exactly the same numbers.
 *
 * @param x  (B, T, F) row-major
 * @param dt (B, T) row-major, each &gt; 0
 */
public record CSequences(int batch, int time, int features, double[] x, double[] dt) {

    public CSequences {
        if (batch < 1 || time < 1 || features < 1) throw new IllegalArgumentException("sequences need B, T and F of at least 1");
        if (x.length != (long) batch * time * features || dt.length != (long) batch * time) {
            throw new IllegalArgumentException("sequences: x must have B·T·F values and dt B·T");
        }
        x = x.clone();
        dt = dt.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) throw new IllegalArgumentException("input holds " + x[i] + " at flat index " + i);
            x[i] = (float) x[i];
        }
        for (int i = 0; i < dt.length; i++) {
            if (!(dt[i] > 0) || !Double.isFinite(dt[i])) throw new IllegalArgumentException("timespans must be positive and finite, found " + dt[i]);
            dt[i] = (float) dt[i];
        }
    }

    /**
     * Standard-normal features (what normalised features look like) and timespans drawn uniformly from
     * [dt/2, 3·dt/2] (a camera's jitter around its frame interval), all from {@code seed}.
     */
    public static CSequences seeded(long seed, int batch, int time, int features, double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) throw new IllegalArgumentException("dt must be a positive number of seconds, got " + dt);
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[batch * time * features], ts = new double[batch * time];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = dt * (0.5 + r.nextDouble());
            for (int k = 0; k < features; k++) x[i * features + k] = gaussian(r);
        }
        return new CSequences(batch, time, features, x, ts);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** The harness's stdin: "B T F", then one line per step: dt and the features. */
    String harnessInput() {
        StringBuilder sb = new StringBuilder(x.length * 14);
        sb.append(batch).append(' ').append(time).append(' ').append(features).append('\n');
        for (int i = 0; i < batch * time; i++) {
            sb.append(Float.toString((float) dt[i]));
            for (int k = 0; k < features; k++) sb.append(' ').append(Float.toString((float) x[i * features + k]));
            sb.append('\n');
        }
        return sb.toString();
    }
}
