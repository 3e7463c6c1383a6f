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

    /**
     * {@link #backward(double[], int, double[])} that also writes dLoss/dx, the gradient into the inputs of the last
     * {@link #forward} ({@code steps × inputSize} from {@code gxOff}, overwritten), which a trainable layer in front
     * of the model needs. Kernels of models without {@link TrainableModel#inputGradient()} refuse.
     */
    public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
        if (gx == null) {
            backward(gy, gyOff, grad);
            return;
        }
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not give the gradient into its inputs");
    }
}
