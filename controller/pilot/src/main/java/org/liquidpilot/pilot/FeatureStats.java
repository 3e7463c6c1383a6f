package org.liquidpilot.pilot;

import java.util.Arrays;
import java.util.List;

/**
 * Fixed per-feature mean and standard deviation (the training distribution): turns features into the z-scores the
 * policy was trained on and the failsafe judges. Frozen on purpose: statistics that followed the input would call
 * any steady fog "normal".
 */
public final class FeatureStats {
    /** Smallest standard deviation used when dividing, so a constant feature gives finite z-scores. */
    public static final double MIN_STD = 1e-3;
    private final float[] mean;
    private final float[] invStd;

    public FeatureStats(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("feature statistics need equal, non-empty mean and std, got " + mean.length + " and " + std.length);
        }
        this.mean = new float[mean.length];
        this.invStd = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            if (!Double.isFinite(mean[i]) || !Double.isFinite(std[i]) || std[i] < 0) {
                throw new IllegalArgumentException("feature " + i + " has mean " + mean[i] + " and std " + std[i]);
            }
            this.mean[i] = (float) mean[i];
            this.invStd[i] = (float) (1.0 / Math.max(std[i], MIN_STD));
        }
    }

    /** Mean 0, std 1: the features are used as they come. */
    public static FeatureStats identity(int n) {
        double[] std = new double[n];
        Arrays.fill(std, 1);
        return new FeatureStats(new double[n], std);
    }

    /** Statistics of sample feature vectors (e.g. a calibration run). */
    public static FeatureStats fit(List<float[]> samples) {
        if (samples.size() < 2) throw new IllegalArgumentException("need at least 2 samples to fit feature statistics, got " + samples.size());
        int n = samples.get(0).length;
        double[] mean = new double[n];
        double[] m2 = new double[n];
        int count = 0;
        for (float[] x : samples) {
            if (x.length != n) throw new IllegalArgumentException("samples have " + n + " and " + x.length + " features");
            count++;
            for (int i = 0; i < n; i++) {
                double d = x[i] - mean[i];
                mean[i] += d / count;
                m2[i] += d * (x[i] - mean[i]);
            }
        }
        double[] std = new double[n];
        for (int i = 0; i < n; i++) std[i] = Math.sqrt(m2[i] / (count - 1));
        return new FeatureStats(mean, std);
    }

    public int size() {
        return mean.length;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double std(int i) {
        return 1.0 / invStd[i];
    }

    /** {@code out[i] = (x[i] - mean[i]) / std[i]}; {@code out} may be {@code x}. */
    public void zScores(float[] x, float[] out) {
        for (int i = 0; i < mean.length; i++) out[i] = (x[i] - mean[i]) * invStd[i];
    }
}
