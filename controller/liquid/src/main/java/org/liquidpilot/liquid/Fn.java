package org.liquidpilot.liquid;

/**
 * Scalar functions of the cells, shared by streaming inference and training so both round alike, tuned for the inner loops: {@link #exp} is a table-driven exponential (2^(j/64)
 * times a degree-5 polynomial) accurate to about 2 ulp and inlined by the JIT, where {@link Math#exp} is a stub call;
 * {@link Math#tanh} is not intrinsified on Java 17 at all, so tanh goes through {@link #exp} too.
 */
public final class Fn {
    private Fn() {}

    private static final double[] TWO_POW_J64 = new double[64];
    private static final double INV_LN2_64 = 64 / Math.log(2);
    // ln2/64 split so that k * hi is exact for |k| < 2^20
    private static final double LN2_64_HI = Double.longBitsToDouble(0x3FE62E42FEE00000L) / 64;
    private static final double LN2_64_LO = 1.90821492927058770002e-10 / 64; // ln2 - hi, beyond double's ln2

    static {
        for (int j = 0; j < 64; j++) TWO_POW_J64[j] = StrictMath.pow(2, j / 64.0);
    }

    /** e^x to about 2 ulp; defers to {@link Math#exp} near overflow, underflow and for NaN. */
    public static double exp(double x) {
        if (!(x > -700 && x < 700)) return Math.exp(x);
        double kd = Math.rint(x * INV_LN2_64);
        long k = (long) kd;
        double r = (x - kd * LN2_64_HI) - kd * LN2_64_LO;
        double p = 1 + r * (1 + r * (0.5 + r * (1 / 6.0 + r * (1 / 24.0 + r * (1 / 120.0)))));
        double scale = Double.longBitsToDouble(Double.doubleToRawLongBits(TWO_POW_J64[(int) (k & 63)]) + ((k >> 6) << 52));
        return scale * p;
    }

    public static double sigmoid(double x) {
        return 1.0 / (1.0 + exp(-x));
    }

    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-10) return x - x * x * x / 3.0;
        double t = 1.0 - 2.0 / (exp(2.0 * a) + 1.0);
        return x < 0 ? -t : t;
    }

    /** ncps's {@code Softplus(beta=1, threshold=20)}. */
    public static double softplus(double x) {
        return x > 20.0 ? x : Math.log1p(Math.exp(x));
    }

    /** d softplus / dx, with the same threshold as PyTorch (beyond it softplus is the identity). */
    public static double softplusGrad(double x) {
        return x > 20.0 ? 1.0 : sigmoid(x);
    }

    /** Error function to about 1e-15: a positive series near zero, a continued fraction for erfc in the tails. */
    public static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 2.5) {
            // erf(a) = 2/sqrt(pi) exp(-a²) Σ 2^n a^(2n+1) / (1·3·…·(2n+1)); every term is positive
            double term = a, sum = a, a2 = 2 * a * a;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= a2 / (2 * n + 1);
                sum += term;
            }
            r = 2.0 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum;
        } else if (a > 6.0) {
            r = 1.0;
        } else {
            // erfc(a) = exp(-a²)/sqrt(pi) · 1/(a + 1/2/(a + 1/(a + 3/2/(a + …)))), by Lentz's method
            double tiny = 1e-300, f = a, c = a, d = 0;
            for (int n = 1; n < 500; n++) {
                double an = n * 0.5;
                d = a + an * d;
                d = d == 0 ? tiny : d;
                c = a + an / c;
                c = c == 0 ? tiny : c;
                d = 1 / d;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) break;
            }
            r = 1.0 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }
}
