package org.liquidpilot.liquid;

/**
 * Scalar functions of the cells. {@link Math#tanh} is not intrinsified on Java 17 and costs tens of nanoseconds, so
 * tanh goes through the intrinsic {@link Math#exp}; its absolute error stays at a few ulps of 1.
 */
public final class Fn {
    private Fn() {}

    public static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-10) return x - x * x * x / 3.0;
        double t = 1.0 - 2.0 / (Math.exp(2.0 * a) + 1.0);
        return x < 0 ? -t : t;
    }

    /** ncps's {@code Softplus(beta=1, threshold=20)}. */
    public static double softplus(double x) {
        return x > 20.0 ? x : Math.log1p(Math.exp(x));
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
