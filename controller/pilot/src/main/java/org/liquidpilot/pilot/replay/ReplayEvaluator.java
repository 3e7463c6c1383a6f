package org.liquidpilot.pilot.replay;


import org.liquidpilot.pilot.dataset.BagRecording;
import org.liquidpilot.pilot.CommandAxis;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.pilot.FeatureStats;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.pilot.Policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Feeds a bag's camera frames through a model's own front end (its feature configuration and frozen statistics)
 * and policy, with the real time between image stamps as the timespan, and pairs each prediction with the command
 * recorded nearest in bag time. Open loop: the recorded vehicle never sees the predictions.
 */
public final class ReplayEvaluator {
    private ReplayEvaluator() {}

    public static ReplayResult run(Path bag, Path modelFile, String imageTopic, String commandTopic, double maxPairGapS) throws IOException {
        PilotModel pm = PilotModel.load(modelFile);
        Policy policy = pm.policy();
        FeatureStats stats = pm.stats();
        PilotConfig pilot = PilotConfig.defaults();
        long gap = Math.round(maxPairGapS * 1e9);
        try (BagRecording.Source src = new BagRecording.Source(bag, imageTopic, commandTopic);
             FeatureExtractor fx = new FeatureExtractor(pm.features())) {
            int n = policy.neuronCount();
            float[] raw = new float[fx.featureCount()], z = new float[fx.featureCount()], state = new float[n];
            double[][] cols = {new double[256], new double[256], new double[256]};
            float[][] neurons = {new float[256 * n]};
            int[] count = {0, 0};
            double[] last = {Double.NaN, Double.NaN};
            policy.reset();
            src.forEachFrame(fr -> {
                fx.extract(fr.image(), raw);
                double stamp = fr.image().stampSeconds() > 0 ? fr.image().stampSeconds() : fr.bagTimeNanos() * 1e-9;
                double dt = Double.isNaN(last[0]) ? pilot.nominalDt() : stamp - last[0];
                if (!(dt > 1e-4)) dt = pilot.nominalDt();
                dt = Math.min(dt, pilot.maxDt());
                if (Double.isNaN(last[1])) last[1] = stamp;
                last[0] = stamp;
                stats.zScores(raw, z);
                double out = policy.step(z, dt);
                policy.neuronStates(state);
                int c = src.nearestCommand(fr.bagTimeNanos(), gap);
                if (c < 0 || !Double.isFinite(out)) {
                    count[1]++;
                    return;
                }
                int i = count[0]++;
                if (i == cols[0].length) {
                    for (int k = 0; k < 3; k++) cols[k] = Arrays.copyOf(cols[k], i * 2);
                    neurons[0] = Arrays.copyOf(neurons[0], i * 2 * n);
                }
                cols[0][i] = stamp - last[1];
                cols[1][i] = src.commandValues[c * BagRecording.AXES + CommandAxis.YAW_RATE.ordinal()];
                cols[2][i] = out;
                System.arraycopy(state, 0, neurons[0], i * n, n);
            });
            int m = count[0];
            if (m == 0) {
                throw new IllegalArgumentException(bag.getFileName() + ": no camera frame on " + imageTopic + " has a command on " + commandTopic
                        + " within " + maxPairGapS + " s");
            }
            return new ReplayResult(bag.getFileName().toString(), pm.description(), m, count[1], Arrays.copyOf(cols[0], m), Arrays.copyOf(cols[1], m),
                    Arrays.copyOf(cols[2], m), n, Arrays.copyOf(neurons[0], m * n));
        }
    }
}
