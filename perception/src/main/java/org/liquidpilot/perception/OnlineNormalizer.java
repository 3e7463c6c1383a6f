package org.liquidpilot.perception;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/**
 * Running mean and variance of a feature stream, turning features into z-scores: the adaptive part of the front
 * end. When light or weather shifts the features slowly, the statistics follow within about {@code horizon}
 * samples, so a controller trained on z-scores keeps seeing inputs on its training scale.
 * <p>
 * Until {@code horizon} samples have been seen the statistics are the exact running mean and variance; after that
 * they are exponentially weighted with weight {@code 1/horizon}. {@link #freeze()} stops the updates (training
 * statistics, or a deliberate hold). Per-feature z-scores of raw inputs also serve out-of-distribution checks.
 * Not thread-safe; allocation-free after construction.
 */
public final class OnlineNormalizer {
    /** Smallest standard deviation used when dividing, so constant features give 0, not infinities. */
    public static final double DEFAULT_MIN_STD = 1e-3;

    private final int dimension;
    private final double horizon;
    private final double minStd;
    private final double[] mean, var;
    private long count;
    private boolean frozen;

    public OnlineNormalizer(int dimension, double horizon) {
        this(dimension, horizon, DEFAULT_MIN_STD);
    }

    public OnlineNormalizer(int dimension, double horizon, double minStd) {
        if (dimension < 1 || dimension > FeatureConfig.MAX_DESCRIPTORS) {
            throw new IllegalArgumentException("normaliser dimension must be in 1.." + FeatureConfig.MAX_DESCRIPTORS + ", got " + dimension);
        }
        if (!(horizon >= 1) || Double.isInfinite(horizon)) throw new IllegalArgumentException("normaliser horizon must be >= 1, got " + horizon);
        if (!(minStd > 0) || Double.isInfinite(minStd)) throw new IllegalArgumentException("normaliser minStd must be > 0, got " + minStd);
        this.dimension = dimension;
        this.horizon = horizon;
        this.minStd = minStd;
        this.mean = new double[dimension];
        this.var = new double[dimension];
        Arrays.fill(var, 1.0);
    }

    public int dimension() {
        return dimension;
    }

    public double horizon() {
        return horizon;
    }

    public long count() {
        return count;
    }

    public boolean frozen() {
        return frozen;
    }

    public void freeze() {
        frozen = true;
    }

    public void unfreeze() {
        frozen = false;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double variance(int i) {
        return var[i];
    }

    /** Folds {@code x} into the statistics unless frozen. Non-finite samples are ignored (a bad frame must not poison them). */
    public void update(float[] x) {
        checkLength(x);
        if (frozen) return;
        for (int i = 0; i < dimension; i++) if (!Float.isFinite(x[i])) return;
        count++;
        double alpha = Math.max(1.0 / count, 1.0 / horizon);
        for (int i = 0; i < dimension; i++) {
            double diff = x[i] - mean[i];
            double incr = alpha * diff;
            mean[i] += incr;
            // With alpha = 1 (first sample) this gives variance 0: the exact running variance from there on.
            var[i] = (1 - alpha) * (var[i] + diff * incr);
        }
    }

    /** z-scores of {@code x} under the current statistics, without updating them. */
    public void zScores(float[] x, float[] out) {
        checkLength(x);
        if (out.length < dimension) throw new IllegalArgumentException("output has " + out.length + " slots, need " + dimension);
        for (int i = 0; i < dimension; i++) out[i] = (float) ((x[i] - mean[i]) / Math.max(Math.sqrt(var[i]), minStd));
    }

    /** {@link #update} then {@link #zScores}: the usual per-frame call. {@code out} may be {@code x}. */
    public void normalize(float[] x, float[] out) {
        update(x);
        zScores(x, out);
    }

    /** Largest absolute z-score of {@code x} under the current statistics (an out-of-distribution score). */
    public double maxAbsZ(float[] x) {
        checkLength(x);
        double m = 0;
        for (int i = 0; i < dimension; i++) m = Math.max(m, Math.abs((x[i] - mean[i]) / Math.max(Math.sqrt(var[i]), minStd)));
        return m;
    }

    /** An independent copy (same statistics, same frozen flag). */
    public OnlineNormalizer copy() {
        OnlineNormalizer c = new OnlineNormalizer(dimension, horizon, minStd);
        System.arraycopy(mean, 0, c.mean, 0, dimension);
        System.arraycopy(var, 0, c.var, 0, dimension);
        c.count = count;
        c.frozen = frozen;
        return c;
    }

    private void checkLength(float[] x) {
        if (x.length < dimension) throw new IllegalArgumentException("sample has " + x.length + " features, need " + dimension);
    }

    // ---------------------------------------------------------------- JSON

    private static final ObjectMapper JSON = new ObjectMapper();

    public ObjectNode toJsonNode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("horizon", horizon).put("minStd", minStd).put("count", count).put("frozen", frozen);
        ArrayNode m = o.putArray("mean");
        for (double v : mean) m.add(v);
        ArrayNode v = o.putArray("variance");
        for (double x : var) v.add(x);
        return o;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    public static OnlineNormalizer fromJson(String json) {
        if (json == null) throw new IllegalArgumentException("normaliser JSON is missing");
        if (json.length() > FeatureConfig.MAX_JSON_CHARS) throw new IllegalArgumentException("normaliser JSON is too long");
        try {
            return fromJsonNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("normaliser statistics are not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static OnlineNormalizer fromJsonNode(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("normaliser statistics must be a JSON object");
        JsonNode h = o.get("horizon"), s = o.get("minStd"), c = o.get("count"), f = o.get("frozen");
        if (h == null || !h.isNumber()) throw new IllegalArgumentException("normaliser 'horizon' must be a number");
        if (s != null && !s.isNumber()) throw new IllegalArgumentException("normaliser 'minStd' must be a number");
        if (c == null || !c.isIntegralNumber() || !c.canConvertToLong() || c.longValue() < 0) {
            throw new IllegalArgumentException("normaliser 'count' must be a non-negative integer");
        }
        if (f != null && !f.isBoolean()) throw new IllegalArgumentException("normaliser 'frozen' must be true or false");
        float[] m = Json.floats(o.get("mean"), "normaliser mean", FeatureConfig.MAX_DESCRIPTORS);
        float[] v = Json.floats(o.get("variance"), "normaliser variance", FeatureConfig.MAX_DESCRIPTORS);
        if (m.length != v.length) throw new IllegalArgumentException("normaliser mean and variance differ in length");
        OnlineNormalizer n = new OnlineNormalizer(m.length, h.doubleValue(), s == null ? DEFAULT_MIN_STD : s.doubleValue());
        for (int i = 0; i < m.length; i++) {
            if (v[i] < 0) throw new IllegalArgumentException("normaliser variance[" + i + "] is negative");
            n.mean[i] = o.get("mean").get(i).doubleValue();
            n.var[i] = o.get("variance").get(i).doubleValue();
        }
        n.count = c.longValue();
        n.frozen = f != null && f.booleanValue();
        return n;
    }
}
