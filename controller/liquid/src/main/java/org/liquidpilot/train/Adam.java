package org.liquidpilot.train;

/**
 * {@code torch.optim.Adam} over a flat parameter array, with PyTorch's semantics: bias-corrected moments,
 * {@code eps} added to the corrected second-moment root, and {@code weight_decay} as L2 added to the gradient
 * (or, with {@code decoupled}, AdamW's multiplicative decay).
 */
public final class Adam {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final double[] m, v;
    private long step;

    public Adam(int size, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        if (!(eps >= 0) || !(weightDecay >= 0)) throw new IllegalArgumentException("Adam eps and weight decay must be ≥ 0");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new double[size];
        this.v = new double[size];
    }

    public static Adam pytorchDefaults(int size, double weightDecay) {
        return new Adam(size, 0.9, 0.999, 1e-8, weightDecay, false);
    }

    /** One update of {@code params} with learning rate {@code lr} from {@code grad} (left unchanged). */
    public void step(double[] params, double[] grad, double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / bc1;
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                if (decoupled) params[i] *= 1 - lr * weightDecay;
                else g += weightDecay * params[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
            params[i] -= stepSize * m[i] / denom;
        }
    }

    public long stepCount() {
        return step;
    }

    /** Moments and step count, for checkpoints. */
    public double[] firstMoment() {
        return m;
    }

    public double[] secondMoment() {
        return v;
    }

    public void restore(double[] m, double[] v, long step) {
        if (m.length != this.m.length || v.length != this.v.length) throw new IllegalArgumentException("optimizer state does not fit the model");
        System.arraycopy(m, 0, this.m, 0, m.length);
        System.arraycopy(v, 0, this.v, 0, v.length);
        this.step = step;
    }

    /**
     * {@code torch.nn.utils.clip_grad_norm_}: scales {@code grad} by maxNorm/(norm+1e-6) when that is below 1.
     * Returns the norm before clipping.
     */
    public static double clipGradNorm(double[] grad, double maxNorm) {
        double sq = 0;
        for (double g : grad) sq += g * g;
        double norm = Math.sqrt(sq);
        if (maxNorm > 0) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) for (int i = 0; i < grad.length; i++) grad[i] *= coef;
        }
        return norm;
    }
}
