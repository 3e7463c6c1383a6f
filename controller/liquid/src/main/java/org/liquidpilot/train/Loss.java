package org.liquidpilot.train;

/**
 * Mean squared error, optionally weighted by exp(|y|·α) as in the NCP paper, where straight driving (y ≈ 0)
 * dominates steering data and would otherwise swamp the turns. The mean is over every output of every step.
 */
public record Loss(double alpha) {

    public Loss {
        if (!(alpha >= 0) || alpha > 50) throw new IllegalArgumentException("loss weight alpha must be in [0, 50], got " + alpha);
    }

    public static Loss mse() {
        return new Loss(0);
    }

    public static Loss weightedMse(double alpha) {
        return new Loss(alpha);
    }

    public String describe() {
        return alpha == 0 ? "mse" : "weighted-mse(alpha=" + alpha + ")";
    }

    /**
     * Sum over {@code count} values of w·(pred − target)², writing d/dpred of (that sum / {@code norm}) into
     * {@code grad}. The caller divides the returned sum by {@code norm} to get the mean.
     */
    public double sumAndGrad(double[] pred, int pOff, double[] target, int tOff, int count, double norm, double[] grad, int gOff) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double y = target[tOff + i];
            double w = alpha == 0 ? 1 : Math.exp(Math.abs(y) * alpha);
            double d = pred[pOff + i] - y;
            sum += w * d * d;
            if (grad != null) grad[gOff + i] = 2 * w * d / norm;
        }
        return sum;
    }
}
