package org.liquidpilot.perception;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear read-out of steering from features, the yardstick for how much of the steering a feature configuration
 * carries and whether it still carries it under other light: features z-scored with the fitting data's mean and
 * standard deviation (as a trained model's input is), then ridge regression with an unpenalised intercept and a fixed
 * penalty. Fitted on day frames and scored on night frames it measures transfer: a model trained by day sees the night
 * through the same normalisation.
 * <p>
 * Data come as episodes (one array of frames each, plus its steering): held-out scores leave out whole episodes,
 * because neighbouring frames are nearly the same.
 */
public final class SteeringRidge {
    /** The penalty on z-scored features, fixed in advance (unit variance each), not tuned per data set. */
    public static final double LAMBDA = 3.0;

    private final double[] mean, std, weights;
    private final double intercept;

    private SteeringRidge(double[] mean, double[] std, double[] weights, double intercept) {
        this.mean = mean;
        this.std = std;
        this.weights = weights;
        this.intercept = intercept;
    }

    /** Fits on every frame of {@code episodes} (frames x features) against {@code steering}, penalty {@code lambda}. */
    public static SteeringRidge fit(List<double[][]> episodes, List<double[]> steering, double lambda) {
        if (episodes.isEmpty() || episodes.size() != steering.size()) throw new IllegalArgumentException("need episodes with steering, as many of each");
        int d = episodes.get(0)[0].length;
        long n = 0;
        double[] mean = new double[d], m2 = new double[d];
        for (double[][] ep : episodes) {
            for (double[] row : ep) {
                if (row.length != d) throw new IllegalArgumentException("frames have " + row.length + " features, expected " + d);
                n++;
                for (int j = 0; j < d; j++) {
                    double delta = row[j] - mean[j];
                    mean[j] += delta / n;
                    m2[j] += delta * (row[j] - mean[j]);
                }
            }
        }
        if (n < 2) throw new IllegalArgumentException("need at least 2 frames");
        double[] std = new double[d];
        for (int j = 0; j < d; j++) std[j] = Math.max(1e-9, Math.sqrt(m2[j] / (n - 1)));
        double my = 0;
        for (double[] y : steering) for (double v : y) my += v / n;
        double[][] a = new double[d][d + 1];
        double[] z = new double[d];
        for (int e = 0; e < episodes.size(); e++) {
            double[][] ep = episodes.get(e);
            double[] y = steering.get(e);
            if (y.length != ep.length) throw new IllegalArgumentException("episode " + e + ": " + ep.length + " frames, " + y.length + " labels");
            for (int t = 0; t < ep.length; t++) {
                for (int j = 0; j < d; j++) z[j] = (ep[t][j] - mean[j]) / std[j];
                for (int j = 0; j < d; j++) {
                    for (int k = 0; k < d; k++) a[j][k] += z[j] * z[k];
                    a[j][d] += z[j] * (y[t] - my);
                }
            }
        }
        for (int j = 0; j < d; j++) a[j][j] += lambda;
        return new SteeringRidge(mean, std, solve(a), my);
    }

    public double predict(double[] x) {
        double s = intercept;
        for (int j = 0; j < weights.length; j++) s += weights[j] * (x[j] - mean[j]) / std[j];
        return s;
    }

    /** R^2 of this fit's predictions on {@code episodes} against {@code steering}, pooled over all their frames. */
    public double r2(List<double[][]> episodes, List<double[]> steering) {
        List<Double> truth = new ArrayList<>(), pred = new ArrayList<>();
        for (int e = 0; e < episodes.size(); e++) {
            for (int t = 0; t < episodes.get(e).length; t++) {
                truth.add(steering.get(e)[t]);
                pred.add(predict(episodes.get(e)[t]));
            }
        }
        return r2(truth.stream().mapToDouble(Double::doubleValue).toArray(), pred.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Held-out R^2 with each episode predicted by a fit on the others, pooled (needs at least two episodes). */
    public static double leaveOneEpisodeOutR2(List<double[][]> episodes, List<double[]> steering, double lambda) {
        if (episodes.size() < 2) throw new IllegalArgumentException("leaving one episode out needs at least two");
        List<Double> truth = new ArrayList<>(), pred = new ArrayList<>();
        for (int e = 0; e < episodes.size(); e++) {
            List<double[][]> xs = new ArrayList<>(episodes);
            List<double[]> ys = new ArrayList<>(steering);
            xs.remove(e);
            ys.remove(e);
            SteeringRidge r = fit(xs, ys, lambda);
            for (int t = 0; t < episodes.get(e).length; t++) {
                truth.add(steering.get(e)[t]);
                pred.add(r.predict(episodes.get(e)[t]));
            }
        }
        return r2(truth.stream().mapToDouble(Double::doubleValue).toArray(), pred.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Coefficient of determination, 1 - SS_res / SS_tot (negative when worse than predicting the mean). */
    public static double r2(double[] truth, double[] pred) {
        double m = 0;
        for (double t : truth) m += t / truth.length;
        double ssr = 0, sst = 0;
        for (int i = 0; i < truth.length; i++) {
            ssr += (truth[i] - pred[i]) * (truth[i] - pred[i]);
            sst += (truth[i] - m) * (truth[i] - m);
        }
        return 1 - ssr / sst;
    }

    /** Solves the augmented system {@code a} (d rows of d + 1) by Gaussian elimination with partial pivoting, in place. */
    static double[] solve(double[][] a) {
        int d = a.length;
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] t = a[c]; a[c] = a[p]; a[p] = t;
            for (int r = c + 1; r < d; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= d; k++) a[r][k] -= f * a[c][k];
            }
        }
        double[] w = new double[d];
        for (int r = d - 1; r >= 0; r--) {
            double s = a[r][d];
            for (int k = r + 1; k < d; k++) s -= a[r][k] * w[k];
            w[r] = s / a[r][r];
        }
        return w;
    }
}
