package org.liquidpilot.liquid;

/**
 * y = W·x + b with W stored input-major ({@code wt[k*out + o] = W[o][k]}), so the inner loop is an axpy over
 * contiguous outputs that the JIT vectorises. Several torch Linear layers over the same input can be fused into one
 * by stacking their rows ({@link #stack}).
 */
final class Dense {
    final int in, out;
    final double[] wt, b;

    Dense(int in, int out, double[] wt, double[] b) {
        this.in = in;
        this.out = out;
        this.wt = wt;
        this.b = b;
    }

    /**
     * Stacks torch weights (each (rows_i, in), row-major, optionally multiplied element-wise by a mask) and biases
     * (null means zero) into one layer with sum(rows_i) outputs.
     */
    static Dense stack(int in, double[][] weights, double[][] masks, double[][] biases) {
        int out = 0;
        for (double[] w : weights) out += w.length / in;
        double[] wt = new double[in * out];
        double[] b = new double[out];
        int o0 = 0;
        for (int l = 0; l < weights.length; l++) {
            double[] w = weights[l];
            int rows = w.length / in;
            for (int o = 0; o < rows; o++) {
                for (int k = 0; k < in; k++) {
                    double m = masks == null || masks[l] == null ? 1.0 : masks[l][o * in + k];
                    wt[k * out + o0 + o] = w[o * in + k] * m;
                }
                if (biases[l] != null) b[o0 + o] = biases[l][o];
            }
            o0 += rows;
        }
        return new Dense(in, out, wt, b);
    }

    /** y[yOff..yOff+out) = W·x[xOff..xOff+in) + b. */
    void apply(double[] x, int xOff, double[] y, int yOff) {
        System.arraycopy(b, 0, y, yOff, out);
        for (int k = 0; k < in; k++) {
            double xk = x[xOff + k];
            int base = k * out;
            for (int o = 0; o < out; o++) y[yOff + o] += xk * wt[base + o];
        }
    }
}
