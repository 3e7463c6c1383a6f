package org.liquidpilot.liquid;

/**
 * Dense layers for every model, in two forms.
 *
 * <p>An instance is y = W·x + b over one or more torch {@code Linear} layers that read the same input, stacked row
 * after row into one layer (CfC's ff1, ff2, time_a and time_b; the LSTM's gates), its mask applied. The torch
 * tensors stay the source of truth: {@link #load} copies them in (streaming inference does it once, training before
 * every sequence), and {@link #backward} adds gradients back in torch's layout, so the optimiser and the model file
 * never see the stacked copy.
 *
 * <p>The static {@link #forward}/{@link #backward(double[], int, double[], int, double[], int, int, int, double[],
 * int, int, double[], int, int) backward} work directly on row-major torch weights inside a flat array, for the
 * baseline models that train without a streaming twin.
 */
public final class Dense {
    public final int in, out;
    final double[] b;
    // The stacked weights, row-major (w[o*in + k] = W[o][k]): the forward pass sums along a row, and the backward pass
    // adds each row into the input gradient (Wᵀ·g) as a contiguous axpy.
    private final double[] w;
    private final int[] blockStart;
    private final double[][] masks;
    // Per masked block, per row: the input columns its mask keeps, so the weight gradient visits only those (a wired
    // CfC's ff1/ff2 rows keep a few of their columns). Rebuilt only when a block is given a different mask.
    private final int[][][] kept;
    // Per block, whether its mask holds only zeros and ones.
    private final boolean[] binary;
    // Per input column, the rows (all blocks, ascending) whose weight there a mask does not remove: Wᵀ·g over a batch
    // sums down a column. Built on first use after the masks change.
    private int[][] keptRows;

    /** A zero layer of {@code in} inputs made of torch layers with the given row counts, to be {@link #load}ed. */
    public Dense(int in, int... blockRows) {
        this.in = in;
        blockStart = new int[blockRows.length + 1];
        for (int l = 0; l < blockRows.length; l++) blockStart[l + 1] = blockStart[l] + blockRows[l];
        out = blockStart[blockRows.length];
        w = new double[in * out];
        b = new double[out];
        masks = new double[blockRows.length][];
        kept = new int[blockRows.length][][];
        binary = new boolean[blockRows.length];
    }

    /**
     * Stacks torch weights (each (rows_i, in), row-major, optionally multiplied element-wise by a mask) and biases
     * (null means zero) into one layer with sum(rows_i) outputs.
     */
    static Dense stack(int in, double[][] weights, double[][] masks, double[][] biases) {
        int[] rows = new int[weights.length];
        for (int l = 0; l < weights.length; l++) rows[l] = weights[l].length / in;
        Dense d = new Dense(in, rows);
        for (int l = 0; l < weights.length; l++) d.load(l, weights[l], 0, masks == null ? null : masks[l], biases[l], 0);
        return d;
    }

    /**
     * Copies torch block {@code block}: its (rows, in) weight from {@code w} at {@code wOff} times {@code mask}
     * (null for none; kept so gradients of masked entries stay zero), and its bias from {@code bias} at
     * {@code bOff} (null for a Linear without bias).
     */
    public void load(int block, double[] w, int wOff, double[] mask, double[] bias, int bOff) {
        int o0 = blockStart[block], rows = blockStart[block + 1] - o0;
        if (mask != masks[block] || (mask != null && kept[block] == null)) {
            kept[block] = mask == null ? null : keptColumns(mask, rows);
            keptRows = null;
            binary[block] = mask != null && java.util.Arrays.stream(mask, 0, rows * in).allMatch(v -> v == 0 || v == 1);
        }
        masks[block] = mask;
        for (int o = 0; o < rows; o++) {
            int r = wOff + o * in;
            for (int k = 0; k < in; k++) {
                double m = mask == null ? 1.0 : mask[o * in + k];
                double v = w[r + k] * m;
                this.w[(o0 + o) * in + k] = v;
            }
            b[o0 + o] = bias == null ? 0.0 : bias[bOff + o];
        }
    }

    private int[][] keptRows() {
        if (keptRows != null) return keptRows;
        int[][] rows = new int[in][];
        int[] buf = new int[out];
        for (int k = 0; k < in; k++) {
            int c = 0;
            for (int l = 0; l + 1 < blockStart.length; l++) {
                for (int o = blockStart[l]; o < blockStart[l + 1]; o++) {
                    if (masks[l] == null || masks[l][(o - blockStart[l]) * in + k] != 0) buf[c++] = o;
                }
            }
            rows[k] = java.util.Arrays.copyOf(buf, c);
        }
        return keptRows = rows;
    }

    private int[][] keptColumns(double[] mask, int rows) {
        int[][] cols = new int[rows][];
        for (int o = 0; o < rows; o++) {
            int c = 0;
            for (int k = 0; k < in; k++) if (mask[o * in + k] != 0) c++;
            cols[o] = new int[c];
            c = 0;
            for (int k = 0; k < in; k++) if (mask[o * in + k] != 0) cols[o][c++] = k;
        }
        return cols;
    }

    /**
     * y[yOff..yOff+out) = W·x[xOff..xOff+in) + b, each output summed over the inputs in order (b, then + x_0·W[o][0],
     * + x_1·W[o][1], …), four outputs per pass over x so that four independent sums hide each other's add latency.
     * Rows are row-major and contiguous. The short rows of a wired CfC's layers (4 to 44 outputs) ran faster this way
     * than as an input-major axpy, which the JIT vectorised into 512-bit loops whose set-up and scalar tails
     * outweighed the work, with run-to-run swings of a third.
     */
    public void apply(double[] x, int xOff, double[] y, int yOff) {
        final double[] w = this.w;
        final int n = in;
        int o = 0;
        for (; o + 3 < out; o += 4) {
            double a0 = b[o], a1 = b[o + 1], a2 = b[o + 2], a3 = b[o + 3];
            int r0 = o * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
            for (int k = 0; k < n; k++) {
                double xk = x[xOff + k];
                a0 += xk * w[r0 + k];
                a1 += xk * w[r1 + k];
                a2 += xk * w[r2 + k];
                a3 += xk * w[r3 + k];
            }
            y[yOff + o] = a0;
            y[yOff + o + 1] = a1;
            y[yOff + o + 2] = a2;
            y[yOff + o + 3] = a3;
        }
        for (; o < out; o++) {
            double a = b[o];
            int r = o * n;
            for (int k = 0; k < n; k++) a += x[xOff + k] * w[r + k];
            y[yOff + o] = a;
        }
    }

    /**
     * The adjoint of {@link #apply} for one input {@code z} and output gradient {@code g}: adds g·zᵀ (masked) into
     * each block's torch weight in {@code grad} at {@code wOff[block]}, g into its bias at {@code bOff[block]} (when
     * ≥ 0), and Wᵀ·g into {@code gz} from input column {@code gzFrom} on (gz may be null).
     */
    public void backward(double[] z, int zOff, double[] g, int gOff, double[] grad, int[] wOff, int[] bOff,
                         double[] gz, int gzOff, int gzFrom) {
        for (int l = 0; l + 1 < blockStart.length; l++) {
            double[] mask = masks[l];
            for (int o = blockStart[l]; o < blockStart[l + 1]; o++) {
                double go = g[gOff + o];
                if (go == 0) continue;
                int local = o - blockStart[l], r = wOff[l] + local * in;
                if (mask == null) {
                    for (int k = 0; k < in; k++) grad[r + k] += go * z[zOff + k];
                } else {
                    // only the columns the mask keeps: a masked-out entry's gradient is zero, and adding it changes
                    // nothing; a 0/1 mask (every ncps wiring's) needs no multiply by its ones
                    int[] cols = kept[l][local];
                    if (binary[l]) {
                        for (int c = 0; c < cols.length; c++) {
                            int k = cols[c];
                            grad[r + k] += go * z[zOff + k];
                        }
                    } else {
                        int m = local * in;
                        for (int c = 0; c < cols.length; c++) {
                            int k = cols[c];
                            grad[r + k] += go * z[zOff + k] * mask[m + k];
                        }
                    }
                }
                if (bOff[l] >= 0) grad[bOff[l] + local] += go;
            }
        }
        if (gz == null) return;
        // Wᵀ·g: each row of W times its g, added into gz four rows per pass (in row order, so the rounding is that of
        // one row at a time).
        int o = 0;
        for (; o + 3 < out; o += 4) {
            double g0 = g[gOff + o], g1 = g[gOff + o + 1], g2 = g[gOff + o + 2], g3 = g[gOff + o + 3];
            int r0 = o * in, r1 = r0 + in, r2 = r1 + in, r3 = r2 + in;
            for (int k = gzFrom; k < in; k++) {
                gz[gzOff + k] = gz[gzOff + k] + w[r0 + k] * g0 + w[r1 + k] * g1 + w[r2 + k] * g2 + w[r3 + k] * g3;
            }
        }
        for (; o < out; o++) {
            double go = g[gOff + o];
            int row = o * in;
            for (int k = gzFrom; k < in; k++) gz[gzOff + k] += w[row + k] * go;
        }
    }

    /**
     * {@link #apply} for {@code lanes} inputs at once, stored lane-minor: input k of lane j at
     * {@code x[xOff + k·lanes + j]}, output o at {@code y[yOff + o·lanes + j]}. Each output adds its kept inputs in
     * the order {@link #apply} does, so every lane's result is that of {@code apply} on its own (masked-out weights,
     * which are zero, are skipped). {@code lanes} is a multiple of {@link Lanes#WIDTH}, and {@link Lanes#AVAILABLE}.
     */
    public void applyLanes(double[] x, int xOff, int lanes, double[] y, int yOff) {
        // one vector of lanes at a time, so each output's sum stays in a register and that vector's inputs in cache
        for (int c = 0; c < lanes; c += Lanes.WIDTH) {
            for (int l = 0; l + 1 < blockStart.length; l++) {
                for (int o = blockStart[l]; o < blockStart[l + 1]; o++) {
                    int[] cols = kept[l] == null ? null : kept[l][o - blockStart[l]];
                    LaneVectors.affine(b[o], w, o * in, cols, cols == null ? in : cols.length, x, xOff + c, lanes, y, yOff + o * lanes + c);
                }
            }
        }
    }

    /**
     * The adjoint of {@link #applyLanes}: as {@link #backward} for each lane, with the gradients of all lanes summed
     * (per weight, in another order than lane after lane) before they are added into {@code grad}. {@code g} and {@code gz} are
     * lane-minor like the inputs and outputs of {@link #applyLanes}.
     */
    public void backwardLanes(double[] z, int zOff, int lanes, double[] g, int gOff, double[] grad, int[] wOff, int[] bOff,
                              double[] gz, int gzOff, int gzFrom) {
        final double[] w = this.w;
        for (int l = 0; l + 1 < blockStart.length; l++) {
            double[] mask = masks[l];
            for (int o = blockStart[l]; o < blockStart[l + 1]; o++) {
                int local = o - blockStart[l], r = wOff[l] + local * in, go = gOff + o * lanes;
                int[] cols = kept[l] == null ? null : kept[l][local];
                int n = cols == null ? in : cols.length;
                double scale = 1;
                for (int c = 0; c < n; c++) {
                    int k = cols == null ? c : cols[c];
                    if (mask != null && !binary[l]) scale = mask[local * in + k];
                    grad[r + k] += LaneVectors.dot(g, go, z, zOff + k * lanes, lanes) * scale;
                }
                if (bOff[l] >= 0) grad[bOff[l] + local] += LaneVectors.sum(g, go, lanes);
            }
        }
        if (gz == null) return;
        // Wᵀ·g, one column and one vector of lanes at a time, adding the rows in order as backward does
        int[][] rows = keptRows();
        for (int c = 0; c < lanes; c += Lanes.WIDTH) {
            for (int k = gzFrom; k < in; k++) {
                LaneVectors.columnSum(w, k, in, rows[k], g, gOff + c, lanes, gz, gzOff + k * lanes + c);
            }
        }
    }

    /** out[o] = b[o] + Σ_i W[o,i]·z[i] for o &lt; rows; W is rows×cols row-major from wOff; bOff &lt; 0 means no bias. */
    public static void forward(double[] w, int wOff, double[] b, int bOff, double[] z, int zOff, int rows, int cols,
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
    public static void backward(double[] w, int wOff, double[] z, int zOff, double[] g, int gOff, int rows, int cols,
                                double[] gw, int gwOff, int gbOff, double[] gz, int gzOff) {
        backward(w, wOff, z, zOff, g, gOff, rows, cols, gw, gwOff, gbOff, gz, gzOff, 0);
    }

    /** As above, but computes gz only from column {@code gzFrom} on (the gradient into raw inputs is not needed). */
    public static void backward(double[] w, int wOff, double[] z, int zOff, double[] g, int gOff, int rows, int cols,
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
