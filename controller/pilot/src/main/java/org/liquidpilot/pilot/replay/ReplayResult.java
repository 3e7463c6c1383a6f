package org.liquidpilot.pilot.replay;

/**
 * An open-loop replay: per paired frame the time since the first frame, the recorded and the predicted yaw rate
 * (rad/s), and the policy's neuron states after the step.
 *
 * @param neurons row-major, {@code frames × neuronCount}
 */
public record ReplayResult(String bag, String model, int frames, int droppedFrames, double[] time, double[] recorded, double[] predicted,
                           int neuronCount, float[] neurons) {

    public double mse() {
        double s = 0;
        for (int i = 0; i < frames; i++) {
            double d = predicted[i] - recorded[i];
            s += d * d;
        }
        return s / frames;
    }

    /** Pearson correlation of predicted and recorded; NaN when either is constant. */
    public double correlation() {
        double mp = 0, mr = 0;
        for (int i = 0; i < frames; i++) {
            mp += predicted[i];
            mr += recorded[i];
        }
        mp /= frames;
        mr /= frames;
        double spr = 0, spp = 0, srr = 0;
        for (int i = 0; i < frames; i++) {
            double a = predicted[i] - mp, b = recorded[i] - mr;
            spr += a * b;
            spp += a * a;
            srr += b * b;
        }
        return spp > 0 && srr > 0 ? spr / Math.sqrt(spp * srr) : Double.NaN;
    }

    /** MSE of always answering the recorded mean: what a model must beat to have learned anything. */
    public double baselineMse() {
        double m = 0;
        for (double r : recorded) m += r;
        m /= frames;
        double s = 0;
        for (double r : recorded) s += (r - m) * (r - m);
        return s / frames;
    }
}
