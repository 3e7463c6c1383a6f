package org.liquidpilot.train;

/** Row-major dense layer primitives over flat arrays, shared by the CfC and baseline kernels. */
final class Dense {
    private Dense() {}

    /** out[o] = b[o] + Σ_i W[o,i]·z[i] for o &lt; rows; W is rows×cols from wOff; bOff &lt; 0 means no bias. */
    static void forward(double[] w, int wOff, double[] b, int bOff, double[] z, int zOff, int rows, int cols,
                        double[] out, int outOff) {
        // Four partial sums break the add-latency chain of a single accumulator (C2 does not reorder FP sums).
        int body = cols & ~3;
        for (int o = 0; o < rows; o++) {
            int r = wOff + o * cols;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int i = 0;
            for (; i < body; i += 4) {
                a0 += w[r + i] * z[zOff + i];
                a1 += w[r + i + 1] * z[zOff + i + 1];
                a2 += w[r + i + 2] * z[zOff + i + 2];
                a3 += w[r + i + 3] * z[zOff + i + 3];
            }
            for (; i < cols; i++) a0 += w[r + i] * z[zOff + i];
            out[outOff + o] = (bOff >= 0 ? b[bOff + o] : 0) + ((a0 + a1) + (a2 + a3));
        }
    }

    /** Adds g·zᵀ into gW (and g into gb when gbOff ≥ 0), and Wᵀ·g into gz (when gz is not null). */
    static void backward(double[] w, int wOff, double[] z, int zOff, double[] g, int gOff, int rows, int cols,
                         double[] gw, int gwOff, int gbOff, double[] gz, int gzOff) {
        backward(w, wOff, z, zOff, g, gOff, rows, cols, gw, gwOff, gbOff, gz, gzOff, 0);
    }

    /** As above, but computes gz only from column {@code gzFrom} on (the gradient into raw inputs is not needed). */
    static void backward(double[] w, int wOff, double[] z, int zOff, double[] g, int gOff, int rows, int cols,
                         double[] gw, int gwOff, int gbOff, double[] gz, int gzOff, int gzFrom) {
        for (int o = 0; o < rows; o++) {
            double go = g[gOff + o];
            if (go == 0) continue;
            int r = o * cols;
            for (int i = 0; i < cols; i++) gw[gwOff + r + i] += go * z[zOff + i];
            if (gbOff >= 0) gw[gbOff + o] += go;
            if (gz != null) for (int i = gzFrom; i < cols; i++) gz[gzOff + i] += w[wOff + r + i] * go;
        }
    }
}
