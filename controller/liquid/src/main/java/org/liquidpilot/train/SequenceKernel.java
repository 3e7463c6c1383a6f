package org.liquidpilot.train;

/**
 * One thread's forward and backward pass over a sequence for one model. A kernel reads the model's shared
 * parameter array, owns the caches the backward pass needs (sized once for the longest sequence), and adds its
 * gradient into an array the caller owns, so several kernels can work on one batch at the same time.
 */
public abstract class SequenceKernel {

    /**
     * Runs {@code steps} steps from {@code state} (updated in place to the final state) and writes the outputs.
     *
     * @param x     inputs, {@code steps × inputSize} from {@code xOff}
     * @param dt    elapsed time per step from {@code dtOff}, or null for 1.0 as in ncps without timespans
     * @param y     outputs, {@code steps × outputSize} written from {@code yOff}
     */
    public abstract void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state,
                                 double[] y, int yOff);

    /**
     * Backpropagates through the last {@link #forward} call: {@code gy} holds dLoss/dy for every step (same
     * layout as y), and dLoss/dparam is added into {@code grad}. The gradient into the initial state is dropped,
     * which is what truncated backpropagation through time wants at a window boundary.
     */
    public abstract void backward(double[] gy, int gyOff, double[] grad);

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * tanh through the intrinsic {@link Math#exp} (Math.tanh is not an intrinsic and costs several times more).
     * Absolute error is a few ulps of 1, which is all the training math needs.
     */
    static double tanh(double x) {
        double t = Math.exp(-2 * Math.abs(x));
        double r = (1 - t) / (1 + t);
        return x < 0 ? -r : r;
    }

    /** PyTorch Softplus(beta=1, threshold=20). */
    static double softplus(double p) {
        return p > 20 ? p : Math.log1p(Math.exp(p));
    }

    /** d softplus / dp, with the same threshold as PyTorch. */
    static double softplusGrad(double p) {
        return p > 20 ? 1.0 : sigmoid(p);
    }
}
