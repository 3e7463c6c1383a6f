package org.liquidpilot.perception;

/** Ridge regression with an unpenalised intercept, and contiguous-block cross-validation for honest R^2. */
final class Ridge {
    final double[] weights;
    final double intercept;

    private Ridge(double[] weights, double intercept) {
        this.weights = weights;
        this.intercept = intercept;
    }

    static Ridge fit(double[][] x, double[] y, double lambda) {
        int n = x.length, d = x[0].length;
        double[] mx = new double[d];
        double my = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) mx[j] += x[i][j] / n;
            my += y[i] / n;
        }
        double[][] a = new double[d][d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double xj = x[i][j] - mx[j];
                for (int k = 0; k < d; k++) a[j][k] += xj * (x[i][k] - mx[k]);
                a[j][d] += xj * (y[i] - my);
            }
        }
        for (int j = 0; j < d; j++) a[j][j] += lambda;
        double[] w = SteeringRidge.solve(a);
        double b = my;
        for (int j = 0; j < d; j++) b -= w[j] * mx[j];
        return new Ridge(w, b);
    }

    double predict(double[] x) {
        double s = intercept;
        for (int j = 0; j < weights.length; j++) s += weights[j] * x[j];
        return s;
    }

    static double r2(double[] truth, double[] pred) {
        return SteeringRidge.r2(truth, pred);
    }

    /**
     * k-fold cross-validation over contiguous blocks (neighbouring frames are nearly identical, so shuffled folds
     * would leak): each block is predicted by a model fitted on the others; returns the pooled held-out predictions.
     */
    static double[] crossValidatedPredictions(double[][] x, double[] y, int folds, double lambda) {
        int n = x.length;
        double[] pred = new double[n];
        for (int f = 0; f < folds; f++) {
            int lo = f * n / folds, hi = (f + 1) * n / folds;
            double[][] tx = new double[n - (hi - lo)][];
            double[] ty = new double[n - (hi - lo)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (i >= lo && i < hi) continue;
                tx[k] = x[i];
                ty[k++] = y[i];
            }
            Ridge r = fit(tx, ty, lambda);
            for (int i = lo; i < hi; i++) pred[i] = r.predict(x[i]);
        }
        return pred;
    }
}
