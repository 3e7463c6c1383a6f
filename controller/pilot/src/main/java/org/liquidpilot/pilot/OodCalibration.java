package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Locale;

/**
 * Out-of-distribution thresholds calibrated on a model's own data: the distribution of rms|z| and max|z| (see
 * {@link Failsafe#rmsZ}, {@link Failsafe#maxAbsZ}) over nominal frames, z-scored with the model's feature
 * statistics, and the {@link OodThresholds} derived from it by {@link #RULE}. {@code train} computes it over the
 * training frames when it fits the statistics; {@code model calibrate-ood} adds it to an existing model file. It is
 * stored in the model file as {@code feature_extractor.ood}:
 * <pre>
 * {"format_version": 1, "data": "what the frames were", "frames": 63000, "rule": "...",
 *  "rms_z": {"p50": .., "p99": .., "p99_9": .., "max": ..}, "max_abs_z": {...},
 *  "thresholds": {"degrade_rms_z": .., "exit_rms_z": .., "degrade_max_abs_z": .., "sustained_rms_z": ..,
 *                 "sustained_frames": 60, "stop_rms_z": .., "stop_max_abs_z": ..}}
 * </pre>
 * The pilot flies with {@code thresholds} as stored, so they can be tuned by hand; the quantiles say what they came from.
 *
 * @param data       where the frames came from (folder or bag names)
 * @param frames     how many frames were scored
 * @param rmsZ       quantiles of rms|z| over those frames
 * @param maxAbsZ    quantiles of max|z|
 * @param thresholds what the failsafe uses
 */
public record OodCalibration(String data, int frames, Quantiles rmsZ, Quantiles maxAbsZ, OodThresholds thresholds) {
    /** Degrade a quarter above the 99.9th percentile of the calibration frames. */
    public static final double DEGRADE_MARGIN = 1.25;
    /** A long stretch at twice the degrade line stops. */
    public static final double SUSTAINED_FACTOR = 2.0;
    /** Net frames above the sustained line that stop (2 s at 30 Hz). */
    public static final int SUSTAINED_FRAMES = 60;
    /** Four times the degrade line stops at once. */
    public static final double STOP_FACTOR = 4.0;
    /** Floors, so near-constant calibration data cannot give a hair trigger. */
    public static final double MIN_DEGRADE_RMS_Z = 1.0, MIN_EXIT_RMS_Z = 0.5, MIN_DEGRADE_MAX_ABS_Z = 3.0;
    /** Fewer frames say nothing about a 99.9th percentile; even this many barely do. */
    public static final int MIN_FRAMES = 30;
    public static final String RULE = "degrade = max(1.25 x p99.9, 1) rms|z| and max(1.25 x p99.9, 3) max|z|; exit = p99 rms|z| "
            + "(at least 0.5, at most degrade); sustained = 2 x degrade rms|z| for 60 net frames; stop = 4 x degrade rms|z| or max|z|";
    private static final ObjectMapper JSON = new ObjectMapper();

    public OodCalibration {
        if (data == null || rmsZ == null || maxAbsZ == null || thresholds == null) throw new IllegalArgumentException("incomplete out-of-distribution calibration");
        if (frames < 1) throw new IllegalArgumentException("out-of-distribution calibration over " + frames + " frames");
    }

    /**
     * Nearest-rank quantiles (the smallest value with at least that share of the data at or below it).
     *
     * @param p999 the 99.9th percentile
     */
    public record Quantiles(double p50, double p99, double p999, double max) {
        public Quantiles {
            if (!(p50 >= 0 && p50 <= p99 && p99 <= p999 && p999 <= max && Double.isFinite(max))) {
                throw new IllegalArgumentException("quantiles must be finite, non-negative and ordered: p50 " + p50 + ", p99 " + p99
                        + ", p99.9 " + p999 + ", max " + max);
            }
        }

        static Quantiles of(double[] values) {
            double[] s = values.clone();
            Arrays.sort(s);
            return new Quantiles(rank(s, 0.5), rank(s, 0.99), rank(s, 0.999), s[s.length - 1]);
        }

        private static double rank(double[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }

        ObjectNode toJson() {
            return JSON.createObjectNode().put("p50", p50).put("p99", p99).put("p99_9", p999).put("max", max);
        }

        static Quantiles fromJson(JsonNode n, String what) {
            if (n == null || !n.isObject()) throw new IllegalArgumentException("no '" + what + "' quantiles");
            return new Quantiles(number(n, "p50"), number(n, "p99"), number(n, "p99_9"), number(n, "max"));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "p50 %.3f, p99 %.3f, p99.9 %.3f, max %.3f", p50, p99, p999, max);
        }
    }

    /** Applies {@link #RULE} to the scores of calibration frames (one rms|z| and one max|z| per frame). */
    public static OodCalibration fit(double[] rms, double[] maxAbs, String data) {
        if (rms.length != maxAbs.length) throw new IllegalArgumentException(rms.length + " rms|z| but " + maxAbs.length + " max|z| values");
        if (rms.length < MIN_FRAMES) {
            throw new IllegalArgumentException("out-of-distribution calibration needs at least " + MIN_FRAMES + " frames, got " + rms.length);
        }
        for (int i = 0; i < rms.length; i++) {
            if (!Double.isFinite(rms[i]) || !Double.isFinite(maxAbs[i])) throw new IllegalArgumentException("frame " + i + " has a non-finite score");
        }
        Quantiles r = Quantiles.of(rms);
        Quantiles m = Quantiles.of(maxAbs);
        double degrade = Math.max(DEGRADE_MARGIN * r.p999(), MIN_DEGRADE_RMS_Z);
        double exit = Math.min(Math.max(r.p99(), MIN_EXIT_RMS_Z), degrade);
        double degradeMax = Math.max(DEGRADE_MARGIN * m.p999(), MIN_DEGRADE_MAX_ABS_Z);
        OodThresholds t = new OodThresholds(degrade, exit, degradeMax, SUSTAINED_FACTOR * degrade, SUSTAINED_FRAMES,
                STOP_FACTOR * degrade, STOP_FACTOR * degradeMax);
        return new OodCalibration(data, rms.length, r, m, t);
    }

    /** Collects the scores of calibration frames one z-score vector at a time. */
    public static final class Scores {
        private double[] rms = new double[1024];
        private double[] maxAbs = new double[1024];
        private int n;

        /** Scores one frame's z-scores; frames with non-finite values are skipped (the pilot stops on those anyway). */
        public void add(float[] z) {
            if (!Failsafe.allFinite(z)) return;
            if (n == rms.length) {
                rms = Arrays.copyOf(rms, n * 2);
                maxAbs = Arrays.copyOf(maxAbs, n * 2);
            }
            rms[n] = Failsafe.rmsZ(z);
            maxAbs[n] = Failsafe.maxAbsZ(z);
            n++;
        }

        public int size() {
            return n;
        }

        public OodCalibration fit(String data) {
            return OodCalibration.fit(Arrays.copyOf(rms, n), Arrays.copyOf(maxAbs, n), data);
        }
    }

    /** The {@code feature_extractor.ood} object. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format_version", 1);
        o.put("data", data);
        o.put("frames", frames);
        o.put("rule", RULE);
        o.set("rms_z", rmsZ.toJson());
        o.set("max_abs_z", maxAbsZ.toJson());
        ObjectNode t = o.putObject("thresholds");
        t.put("degrade_rms_z", thresholds.degradeRmsZ());
        t.put("exit_rms_z", thresholds.exitRmsZ());
        t.put("degrade_max_abs_z", thresholds.degradeMaxAbsZ());
        t.put("sustained_rms_z", thresholds.sustainedRmsZ());
        t.put("sustained_frames", thresholds.sustainedFrames());
        t.put("stop_rms_z", thresholds.stopRmsZ());
        t.put("stop_max_abs_z", thresholds.stopMaxAbsZ());
        return o;
    }

    /** Reads {@code feature_extractor.ood}; anything missing, non-numeric or inconsistent is an IllegalArgumentException. */
    public static OodCalibration fromJson(JsonNode o) {
        if (o == null || !o.isObject()) throw new IllegalArgumentException("out-of-distribution calibration is not a JSON object");
        if (o.path("format_version").asInt(-1) != 1) throw new IllegalArgumentException("unknown out-of-distribution calibration format_version " + o.path("format_version"));
        JsonNode t = o.get("thresholds");
        if (t == null || !t.isObject()) throw new IllegalArgumentException("out-of-distribution calibration has no 'thresholds'");
        JsonNode frames = o.get("frames");
        if (frames == null || !frames.canConvertToInt()) throw new IllegalArgumentException("out-of-distribution calibration has no frame count");
        JsonNode sf = t.get("sustained_frames");
        if (sf == null || !sf.canConvertToInt()) throw new IllegalArgumentException("out-of-distribution thresholds lack 'sustained_frames'");
        OodThresholds th = new OodThresholds(number(t, "degrade_rms_z"), number(t, "exit_rms_z"), number(t, "degrade_max_abs_z"),
                number(t, "sustained_rms_z"), sf.asInt(), number(t, "stop_rms_z"), number(t, "stop_max_abs_z"));
        return new OodCalibration(o.path("data").asText(""), frames.asInt(), Quantiles.fromJson(o.get("rms_z"), "rms_z"),
                Quantiles.fromJson(o.get("max_abs_z"), "max_abs_z"), th);
    }

    private static double number(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("'" + key + "' is missing or not a number");
        return v.asDouble();
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format(Locale.ROOT, "%d frames of %s; rms|z| %s; max|z| %s; DEGRADED above rms|z| %.3f or max|z| %.3f "
                        + "(back below %.3f), STOPPED above rms|z| %.3f or max|z| %.3f, or after %d net frames above rms|z| %.3f",
                frames, data, rmsZ, maxAbsZ, thresholds.degradeRmsZ(), thresholds.degradeMaxAbsZ(), thresholds.exitRmsZ(),
                thresholds.stopRmsZ(), thresholds.stopMaxAbsZ(), thresholds.sustainedFrames(), thresholds.sustainedRmsZ());
    }
}
