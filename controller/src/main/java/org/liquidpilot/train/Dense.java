package org.liquidpilot.train;

/** Row-major dense layer primitives over flat arrays, shared by the CfC and baseline kernels. */
final class Dense {
    private Dense() {}

    /** out[o] = b[o] + Σ_i W[o,i]·z[i] for o &lt; rows; W is rows×cols from wOff; bOff &lt; 0 means no bias. */
    static void forward(double[] w, int wOff, double[] b, int bOff, double[] z, int zOff, int rows, int cols,
                        double[] out, int outOff) {
        for (int o = 0; o < rows; o++) {
            double acc = bOff >= 0 ? b[bOff + o] : 0;
            int r = wOff + o * cols;
            for (int i = 0; i < cols; i++) acc += w[r + i] * z[zOff + i];
            out[outOff + o] = acc;
        }
    }

    /** Adds g·zᵀ into gW (and g into gb when gbOff ≥ 0), and Wᵀ·g into gz (when gz is not null). */
    static void backward(double[] w, int wOff, double[] z, int zOff, double[] g, int gOff, int rows, int cols,
                         double[] gw, int gwOff, int gbOff, double[] gz, int gzOff) {
        for (int o = 0; o < rows; o++) {
            double go = g[gOff + o];
            if (go == 0) continue;
            int r = o * cols;
            for (int i = 0; i < cols; i++) gw[gwOff + r + i] += go * z[zOff + i];
            if (gbOff >= 0) gw[gbOff + o] += go;
            if (gz != null) for (int i = 0; i < cols; i++) gz[gzOff + i] += w[wOff + r + i] * go;
        }
    }
}
