package org.liquidpilot.liquid.export;

/**
 * One torch {@code Linear} in C, {@code out[o] = b[o] + Σ_k W[o][k]·z[k]}, with the sum in the Java core's order
 * (bias first, then k ascending). A sparsity mask with zeros makes it a compressed-row map that visits only the
 * wiring's synapses: row o's weights are {@code w[row[o]] .. w[row[o+1]-1]}, read at columns {@code col[q]}. Masked
 * weights are folded in at export time (W·mask), as the Java cells fold them at load.
 */
final class CLinear {
    final String name;
    final int rows, cols;
    private final double[] w, b;
    private final int[] rowStart, col;
    /** Whose {@code _col}/{@code _row} arrays this map reads: its own, or an earlier map's with the same mask. */
    private String indexName;

    /**
     * @param weight rows × cols, row-major (torch layout)
     * @param bias   rows values, or null for a Linear without bias
     * @param mask   rows × cols of 0/1, or null
     */
    CLinear(String name, int rows, int cols, double[] weight, double[] bias, double[] mask) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.b = bias;
        this.indexName = name;
        boolean sparse = false;
        if (mask != null) for (double m : mask) if (m == 0) sparse = true;
        if (!sparse) {
            w = new double[rows * cols];
            for (int i = 0; i < w.length; i++) w[i] = weight[i] * (mask == null ? 1.0 : mask[i]);
            rowStart = col = null;
            return;
        }
        int nnz = 0;
        for (double m : mask) if (m != 0) nnz++;
        w = new double[nnz];
        col = new int[nnz];
        rowStart = new int[rows + 1];
        int q = 0;
        for (int o = 0; o < rows; o++) {
            rowStart[o] = q;
            for (int k = 0; k < cols; k++) {
                double m = mask[o * cols + k];
                if (m == 0) continue;
                w[q] = weight[o * cols + k] * m;
                col[q++] = k;
            }
        }
        rowStart[rows] = q;
    }

    /** Reads {@code other}'s index arrays instead of emitting its own (ff1 and ff2 share the wiring's mask). */
    void shareIndicesOf(CLinear other) {
        if (!sparse() || !java.util.Arrays.equals(col, other.col) || !java.util.Arrays.equals(rowStart, other.rowStart)) {
            throw new IllegalArgumentException(name + " and " + other.name + " have different masks");
        }
        indexName = other.indexName;
    }

    boolean sparse() {
        return col != null;
    }

    /** Multiply-adds per application. */
    int weights() {
        return w.length;
    }

    /** The weights as a dense rows × cols matrix (masked entries 0), row-major. */
    double[] dense() {
        if (!sparse()) return w.clone();
        double[] d = new double[rows * cols];
        for (int o = 0; o < rows; o++) for (int q = rowStart[o]; q < rowStart[o + 1]; q++) d[o * cols + col[q]] = w[q];
        return d;
    }

    /** The bias, or zeros for a Linear without one. */
    double[] bias() {
        return b == null ? new double[rows] : b.clone();
    }

    void emitTables(CText c) {
        String what = sparse() ? rows + "x" + cols + ", " + w.length + " of " + rows * cols + " weights kept by the wiring"
                : rows + "x" + cols + ", row-major";
        if (w.length > 0) c.floats(name + "_w", w, name + ": " + what);
        if (b != null) c.floats(name + "_b", b, null);
        if (sparse() && indexName.equals(name)) {
            if (w.length > 0) c.indices(name + "_col", col, null);
            c.indices(name + "_row", rowStart, null);
        }
    }

    /** Statements computing {@code out[0..rows)} from {@code z[0..cols)}; uses the block's {@code int o, k}. */
    void emitApply(CText c, String z, String out) {
        c.open("for (o = 0; o < " + rows + "; o++) {");
        c.line("float acc = " + (b == null ? "0.0f" : name + "_b[o]") + ";");
        if (w.length > 0 && sparse()) {
            c.line("for (k = " + indexName + "_row[o]; k < " + indexName + "_row[o + 1]; k++) acc += " + name + "_w[k] * " + z + "[" + indexName + "_col[k]];");
        } else if (w.length > 0) {
            c.line("for (k = 0; k < " + cols + "; k++) acc += " + name + "_w[o * " + cols + " + k] * " + z + "[k];");
        }
        c.line(out + "[o] = acc;");
        c.close("}");
    }
}
