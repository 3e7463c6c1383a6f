package org.liquidpilot.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small sequence tasks that need memory, for learning tests. */
final class SyntheticTasks {
    private SyntheticTasks() {}

    /**
     * Input sin(ωt+φ) (plus a constant channel), target the same wave {@code delay} time units earlier. From the
     * current input alone the best guess is sin(ωt+φ)·cos(ωd), which leaves MSE ≈ 0.5·sin²(ωd): the model must
     * remember the past. Steps are irregular when {@code irregular}, and dt is given to the model.
     */
    static SequenceDataset delayedSine(int count, int steps, double delay, boolean irregular, long seed) {
        Random r = new Random(seed);
        List<Sequence> seqs = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double w = 0.3 + 0.3 * r.nextDouble(), phi = 2 * Math.PI * r.nextDouble();
            double[] x = new double[steps * 2], y = new double[steps], dt = new double[steps];
            double t = 0;
            for (int i = 0; i < steps; i++) {
                dt[i] = irregular ? 0.5 + r.nextDouble() : 1.0;
                t += dt[i];
                x[2 * i] = Math.sin(w * t + phi);
                x[2 * i + 1] = 1.0;
                y[i] = Math.sin(w * (t - delay) + phi);
            }
            seqs.add(new Sequence("sine" + n, steps, 2, 1, x, y, dt));
        }
        return SequenceDataset.of("delayed sine", seqs);
    }
}
