package org.liquidpilot.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands after some epochs: what a checkpoint saves and {@code --resume} restores. With the same
 * configuration and data, resuming gives the same parameters as an uninterrupted run.
 */
public final class TrainState {
    /** One finished epoch. */
    public record Epoch(int epoch, double trainLoss, double valLoss, double lr) {}

    public int epochsDone;
    public double[] params;
    public double[] adamM, adamV;
    public long adamStep;
    public double[] bestParams;
    public double bestValLoss = Double.POSITIVE_INFINITY;
    public int bestEpoch = -1;
    public final List<Epoch> history = new ArrayList<>();

    public int epochsSinceBest() {
        return bestEpoch < 0 ? epochsDone : epochsDone - 1 - bestEpoch;
    }
}
