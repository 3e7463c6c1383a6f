package org.liquidpilot.train;

/**
 * Everything that decides a training run besides the model and the data.
 *
 * @param truncation  backpropagation-through-time length in steps (0: the whole window)
 * @param clipNorm    global gradient-norm clip (0: none)
 * @param valFraction share of windows held out for validation
 * @param patience    epochs without a better validation loss before stopping (0: never stop early)
 */
public record TrainConfig(int epochs, int batch, int seqLen, int truncation, long seed, LrSchedule schedule,
                          double clipNorm, double weightDecay, boolean decoupledWeightDecay, Loss loss,
                          double valFraction, int patience, int threads) {

    public TrainConfig {
        if (epochs < 1 || epochs > 1_000_000) throw new IllegalArgumentException("--epochs must be in 1..1000000, got " + epochs);
        if (batch < 1 || batch > 65_536) throw new IllegalArgumentException("--batch must be in 1..65536, got " + batch);
        if (seqLen < 1 || seqLen > 1_000_000) throw new IllegalArgumentException("--seq-len must be in 1..1000000, got " + seqLen);
        if (truncation < 0) throw new IllegalArgumentException("--bptt must be ≥ 0, got " + truncation);
        if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) throw new IllegalArgumentException("--clip must be ≥ 0, got " + clipNorm);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw new IllegalArgumentException("--weight-decay must be ≥ 0, got " + weightDecay);
        if (!(valFraction >= 0 && valFraction < 1)) throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        if (patience < 0) throw new IllegalArgumentException("--patience must be ≥ 0, got " + patience);
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("--threads must be in 1..256, got " + threads);
    }

    /** A plain configuration: Adam at {@code lr}, MSE, 20% validation, no clipping, early stopping or decay. */
    public static TrainConfig basic(int epochs, int batch, int seqLen, long seed, double lr) {
        return new TrainConfig(epochs, batch, seqLen, 0, seed, LrSchedule.constant(lr), 0, 0, false, Loss.mse(), 0.2, 0,
                Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    public TrainConfig withLoss(Loss l) {
        return new TrainConfig(epochs, batch, seqLen, truncation, seed, schedule, clipNorm, weightDecay, decoupledWeightDecay, l, valFraction, patience, threads);
    }

    public TrainConfig withClip(double c) {
        return new TrainConfig(epochs, batch, seqLen, truncation, seed, schedule, c, weightDecay, decoupledWeightDecay, loss, valFraction, patience, threads);
    }

    public TrainConfig withThreads(int n) {
        return new TrainConfig(epochs, batch, seqLen, truncation, seed, schedule, clipNorm, weightDecay, decoupledWeightDecay, loss, valFraction, patience, n);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(epochs, batch, seqLen, truncation, seed, schedule, clipNorm, weightDecay, decoupledWeightDecay, loss, valFraction, p, threads);
    }
}
