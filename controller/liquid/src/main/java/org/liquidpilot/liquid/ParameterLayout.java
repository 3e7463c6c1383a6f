package org.liquidpilot.liquid;

import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.Wiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Every tensor of an ncps model in state_dict order, with its shape and ncps's initialisation rule: the contract
 * between model files, ncps state dicts, random initialisation and training (the trainer's flat parameter array is
 * these entries, masks left out, in this order). Random values follow ncps's ranges (uniform, xavier_uniform,
 * orthogonal) from a seed; they are not torch's bit stream (the trainer draws its own over the same ranges).
 */
public final class ParameterLayout {

    /** One tensor: key, shape, and how to draw its initial values. */
    public record Entry(String key, int[] shape, Function<SplittableRandom, double[]> init) {
        public boolean trainable() {
            return Parameters.isTrainable(key);
        }
    }

    private ParameterLayout() {}

    public static Map<String, int[]> shapes(ModelConfig config, Wiring wiring) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Entry e : entries(config, wiring)) m.put(e.key(), e.shape());
        return m;
    }

    /** Fresh parameters drawn from {@code seed}, as float32 values. */
    public static Parameters randomInit(ModelConfig config, Wiring wiring, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Parameters p = new Parameters();
        for (Entry e : entries(config, wiring)) {
            double[] d = e.init().apply(rng);
            for (int i = 0; i < d.length; i++) d[i] = (float) d[i];
            p.put(e.key(), Tensor.f32(e.shape(), d));
        }
        return p;
    }

    public static List<Entry> entries(ModelConfig config, Wiring wiring) {
        List<Entry> l = new ArrayList<>();
        if (config instanceof LtcConfig c) ltc(l, c, wiring);
        else if (config instanceof CfcConfig c) cfc(l, c, wiring);
        if (config.mixedMemory()) {
            int s = config.inputSize(), n = config.stateSize();
            l.add(new Entry("lstm.input_map.weight", new int[]{4 * n, s}, r -> xavier(r, 4 * n, s)));
            l.add(new Entry("lstm.input_map.bias", new int[]{4 * n}, r -> uniform(r, 4 * n, -0.1, 0.1)));
            l.add(new Entry("lstm.recurrent_map.weight", new int[]{4 * n, n}, r -> orthogonal(r, 4 * n, n)));
        }
        if (config instanceof CfcConfig c && c.projSize() > 0) {
            int in = c.cellOutputSize(), out = c.projSize();
            double bound = 1 / Math.sqrt(in);
            l.add(new Entry("fc.weight", new int[]{out, in}, r -> uniform(r, out * in, -bound, bound)));
            l.add(new Entry("fc.bias", new int[]{out}, r -> uniform(r, out, -bound, bound)));
        }
        return l;
    }

    private static void ltc(List<Entry> l, LtcConfig c, Wiring w) {
        int n = c.stateSize(), s = c.inputSize(), m = c.outputSize();
        String p = "rnn_cell.";
        l.add(new Entry(p + "gleak", new int[]{n}, r -> uniform(r, n, 0.001, 1.0)));
        l.add(new Entry(p + "vleak", new int[]{n}, r -> uniform(r, n, -0.2, 0.2)));
        l.add(new Entry(p + "cm", new int[]{n}, r -> uniform(r, n, 0.4, 0.6)));
        l.add(new Entry(p + "sigma", new int[]{n, n}, r -> uniform(r, n * n, 3, 8)));
        l.add(new Entry(p + "mu", new int[]{n, n}, r -> uniform(r, n * n, 0.3, 0.8)));
        l.add(new Entry(p + "w", new int[]{n, n}, r -> uniform(r, n * n, 0.001, 1.0)));
        l.add(new Entry(p + "erev", new int[]{n, n}, r -> flat(w.adjacency(), false)));
        l.add(new Entry(p + "sensory_sigma", new int[]{s, n}, r -> uniform(r, s * n, 3, 8)));
        l.add(new Entry(p + "sensory_mu", new int[]{s, n}, r -> uniform(r, s * n, 0.3, 0.8)));
        l.add(new Entry(p + "sensory_w", new int[]{s, n}, r -> uniform(r, s * n, 0.001, 1.0)));
        l.add(new Entry(p + "sensory_erev", new int[]{s, n}, r -> flat(w.sensoryAdjacency(), false)));
        l.add(new Entry(p + "sparsity_mask", new int[]{n, n}, r -> flat(w.adjacency(), true)));
        l.add(new Entry(p + "sensory_sparsity_mask", new int[]{s, n}, r -> flat(w.sensoryAdjacency(), true)));
        if (c.inputMapping().hasWeight()) l.add(new Entry(p + "input_w", new int[]{s}, r -> constant(s, 1)));
        if (c.inputMapping().hasBias()) l.add(new Entry(p + "input_b", new int[]{s}, r -> constant(s, 0)));
        if (c.outputMapping().hasWeight()) l.add(new Entry(p + "output_w", new int[]{m}, r -> constant(m, 1)));
        if (c.outputMapping().hasBias()) l.add(new Entry(p + "output_b", new int[]{m}, r -> constant(m, 0)));
    }

    private static void cfc(List<Entry> l, CfcConfig c, Wiring w) {
        if (c.wiring() == null) {
            cfcCell(l, "rnn_cell.", c.inputSize(), c.units(), c.mode(), c.backboneUnits(), c.backboneLayers(), c.backboneDropout(), null);
            return;
        }
        int in = c.inputSize();
        int[] prev = null;
        for (int layer = 0; layer < w.layerCount(); layer++) {
            int[] ids = w.layer(layer);
            int[][] source = layer == 0 ? w.sensoryAdjacency() : w.adjacency();
            int[] rows = layer == 0 ? NCPIds.range(in) : prev;
            int cat = rows.length + ids.length;
            double[] mask = new double[ids.length * cat];
            for (int o = 0; o < ids.length; o++) {
                for (int k = 0; k < cat; k++) {
                    mask[o * cat + k] = k < rows.length ? Math.abs(source[rows[k]][ids[o]]) : 1.0;
                }
            }
            cfcCell(l, "rnn_cell.layer_" + layer + ".", rows.length, ids.length, c.mode(), 0, 0, 0.0, mask);
            prev = ids;
        }
    }

    private static void cfcCell(List<Entry> l, String p, int in, int h, CfcMode mode, int bbUnits, int bbLayers,
                                double dropout, double[] mask) {
        int cat = in + h;
        if (mask != null) l.add(new Entry(p + "sparsity_mask", new int[]{h, cat}, r -> mask.clone()));
        if (mode == CfcMode.PURE) {
            l.add(new Entry(p + "w_tau", new int[]{1, h}, r -> xavier(r, 1, h)));
            l.add(new Entry(p + "A", new int[]{1, h}, r -> xavier(r, 1, h)));
        }
        int width = cat;
        for (int layer = 0, index = 0; layer < bbLayers; layer++) {
            linear(l, p + "backbone." + index + ".", width, bbUnits);
            width = bbUnits;
            index += layer == 0 ? 2 : (dropout > 0 ? 3 : 2);
        }
        linear(l, p + "ff1.", width, h);
        if (mode != CfcMode.PURE) {
            linear(l, p + "ff2.", width, h);
            linear(l, p + "time_a.", width, h);
            linear(l, p + "time_b.", width, h);
        }
    }

    /** torch Linear: xavier_uniform weight (CfCCell re-initialises every 2-D parameter so), default bias. */
    private static void linear(List<Entry> l, String p, int in, int out) {
        double bound = 1 / Math.sqrt(in);
        l.add(new Entry(p + "weight", new int[]{out, in}, r -> xavier(r, out, in)));
        l.add(new Entry(p + "bias", new int[]{out}, r -> uniform(r, out, -bound, bound)));
    }

    static double[] uniform(SplittableRandom r, int n, double lo, double hi) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = lo + (hi - lo) * r.nextDouble();
        return d;
    }

    static double[] constant(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    static double[] xavier(SplittableRandom r, int fanOut, int fanIn) {
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(r, fanOut * fanIn, -bound, bound);
    }

    /** A (rows, cols) matrix with orthonormal columns (rows ≥ cols), by Gram-Schmidt on Gaussian draws. */
    static double[] orthogonal(SplittableRandom r, int rows, int cols) {
        double[][] q = new double[cols][rows];
        for (int j = 0; j < cols; j++) {
            while (true) {
                for (int i = 0; i < rows; i++) q[j][i] = gaussian(r);
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < rows; i++) dot += q[j][i] * q[k][i];
                    for (int i = 0; i < rows; i++) q[j][i] -= dot * q[k][i];
                }
                double norm = 0;
                for (int i = 0; i < rows; i++) norm += q[j][i] * q[j][i];
                norm = Math.sqrt(norm);
                if (norm > 1e-6) {
                    for (int i = 0; i < rows; i++) q[j][i] /= norm;
                    break;
                }
            }
        }
        double[] d = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) d[i * cols + j] = q[j][i];
        return d;
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** ncps's sparsity mask of a polarity matrix: |entry|, flattened row-major. */
    public static double[] mask(int[][] polarity) {
        return flat(polarity, true);
    }

    static double[] flat(int[][] m, boolean abs) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] d = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < cols; j++) d[i * cols + j] = abs ? Math.abs(m[i][j]) : m[i][j];
        return d;
    }

    private static final class NCPIds {
        static int[] range(int n) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) r[i] = i;
            return r;
        }
    }
}
