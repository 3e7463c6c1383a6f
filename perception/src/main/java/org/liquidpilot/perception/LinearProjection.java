package org.liquidpilot.perception;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;

/**
 * A learned linear compression {@code y = W (x - mean)}: the optional last stage of the feature pipeline. It is
 * fitted by PCA on descriptors of training frames and travels inside {@link FeatureConfig}.
 *
 * @param mean    centre of the training descriptors (length = inputs)
 * @param weights one row per output, each of length inputs (principal axes, largest variance first)
 */
public record LinearProjection(float[] mean, float[][] weights) {

    public LinearProjection {
        if (mean == null || mean.length == 0) throw new IllegalArgumentException("projection mean is empty");
        if (weights == null || weights.length == 0) throw new IllegalArgumentException("projection has no outputs");
        if (weights.length > mean.length) {
            throw new IllegalArgumentException("projection has more outputs (" + weights.length + ") than inputs (" + mean.length + ")");
        }
        for (float[] row : weights) {
            if (row == null || row.length != mean.length) {
                throw new IllegalArgumentException("projection rows must have " + mean.length + " weights");
            }
            for (float v : row) if (!Float.isFinite(v)) throw new IllegalArgumentException("projection weight is not finite");
        }
        for (float v : mean) if (!Float.isFinite(v)) throw new IllegalArgumentException("projection mean is not finite");
        mean = mean.clone();
        weights = Arrays.stream(weights).map(float[]::clone).toArray(float[][]::new);
    }

    public int inputs() {
        return mean.length;
    }

    public int outputs() {
        return weights.length;
    }

    /** Allocation-free projection of {@code in} (length inputs) into {@code out} (length at least outputs). */
    public void project(float[] in, float[] out) {
        int d = mean.length;
        for (int o = 0; o < weights.length; o++) {
            float[] w = weights[o];
            float s = 0;
            for (int i = 0; i < d; i++) s += w[i] * (in[i] - mean[i]);
            out[o] = s;
        }
    }

    /**
     * PCA of {@code samples} (each of the same length): the {@code components} directions of largest variance.
     * Signs are fixed (largest-magnitude weight positive) so refits on the same data give the same projection.
     */
    public static LinearProjection fitPca(List<float[]> samples, int components) {
        if (samples == null || samples.size() < 2) throw new IllegalArgumentException("PCA needs at least 2 samples");
        int d = samples.get(0).length;
        if (components < 1 || components > d) throw new IllegalArgumentException("PCA components must be in 1.." + d + ", got " + components);
        double[] mu = new double[d];
        for (float[] s : samples) {
            if (s.length != d) throw new IllegalArgumentException("PCA samples differ in length: " + s.length + " vs " + d);
            for (int i = 0; i < d; i++) mu[i] += s[i];
        }
        for (int i = 0; i < d; i++) mu[i] /= samples.size();
        double[][] cov = new double[d][d];
        for (float[] s : samples) {
            for (int i = 0; i < d; i++) {
                double a = s[i] - mu[i];
                for (int j = i; j < d; j++) cov[i][j] += a * (s[j] - mu[j]);
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= samples.size() - 1;
                cov[j][i] = cov[i][j];
            }
        }
        double[][] vecs = new double[d][d];
        double[] vals = SymmetricEigen.decompose(cov, vecs);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(vals[b], vals[a]));
        float[][] w = new float[components][d];
        for (int c = 0; c < components; c++) {
            int k = order[c];
            int big = 0;
            for (int i = 1; i < d; i++) if (Math.abs(vecs[i][k]) > Math.abs(vecs[big][k])) big = i;
            double sign = vecs[big][k] < 0 ? -1 : 1;
            for (int i = 0; i < d; i++) w[c][i] = (float) (sign * vecs[i][k]);
        }
        float[] m = new float[d];
        for (int i = 0; i < d; i++) m[i] = (float) mu[i];
        return new LinearProjection(m, w);
    }

    // ---------------------------------------------------------------- JSON

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJsonNode() {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode m = o.putArray("mean");
        for (float v : mean) m.add(v);
        ArrayNode w = o.putArray("weights");
        for (float[] row : weights) {
            ArrayNode r = w.addArray();
            for (float v : row) r.add(v);
        }
        return o;
    }

    public static LinearProjection fromJsonNode(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("projection must be a JSON object");
        float[] mean = Json.floats(o.get("mean"), "projection.mean", FeatureConfig.MAX_DESCRIPTORS);
        JsonNode w = o.get("weights");
        if (w == null || !w.isArray() || w.isEmpty()) throw new IllegalArgumentException("projection.weights must be a non-empty array");
        if (w.size() > mean.length) throw new IllegalArgumentException("projection has more outputs than inputs");
        float[][] rows = new float[w.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = Json.floats(w.get(i), "projection.weights[" + i + "]", mean.length);
        return new LinearProjection(mean, rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearProjection p && Arrays.equals(mean, p.mean) && Arrays.deepEquals(weights, p.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "LinearProjection[" + inputs() + " -> " + outputs() + "]";
    }
}
