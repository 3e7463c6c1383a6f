package org.liquidpilot.perception;

import java.util.List;

/**
 * The measurement behind the steering tests: features of a clip, z-scored online by an {@link OnlineNormalizer},
 * then a ridge fit from features to steering scored on held-out contiguous blocks.
 */
final class SteeringProbe {
    static final int FOLDS = 5;
    /** Fixed in advance for z-scored features (unit variance each); not tuned per clip. */
    static final double LAMBDA = 3.0;
    /** Passes through the clip before the measured one, so the normaliser has settled (3 horizons). */
    static final int SETTLING_PASSES = 3;

    private SteeringProbe() {}

    /**
     * z-scored features of the clip's last pass. The normaliser (horizon = clip length) keeps updating during
     * every pass, as it does on a vehicle; it starts from {@code start}'s statistics and ends in the returned state.
     */
    static double[][] onlineZ(FeatureConfig config, List<RgbFrame> clip, OnlineNormalizer norm) {
        double[][] z = new double[clip.size()][];
        try (FeatureExtractor fx = new FeatureExtractor(config)) {
            float[] f = new float[fx.featureCount()], zf = new float[fx.featureCount()];
            for (int pass = 0; pass <= SETTLING_PASSES; pass++) {
                fx.reset();
                for (int i = 0; i < clip.size(); i++) {
                    fx.extract(clip.get(i), f);
                    norm.normalize(f, zf);
                    if (pass == SETTLING_PASSES) {
                        z[i] = new double[zf.length];
                        for (int j = 0; j < zf.length; j++) z[i][j] = zf[j];
                    }
                }
            }
        }
        return z;
    }

    /** Held-out R^2: each block predicted by a ridge fitted on the other blocks of {@code train}, applied to {@code test}. */
    static double heldOutR2(double[][] train, double[][] test, double[] y) {
        int n = y.length;
        double[] pred = new double[n];
        for (int f = 0; f < FOLDS; f++) {
            int lo = f * n / FOLDS, hi = (f + 1) * n / FOLDS;
            double[][] tx = new double[n - (hi - lo)][];
            double[] ty = new double[n - (hi - lo)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (i >= lo && i < hi) continue;
                tx[k] = train[i];
                ty[k++] = y[i];
            }
            Ridge r = Ridge.fit(tx, ty, LAMBDA);
            for (int i = lo; i < hi; i++) pred[i] = r.predict(test[i]);
        }
        return Ridge.r2(y, pred);
    }
}
