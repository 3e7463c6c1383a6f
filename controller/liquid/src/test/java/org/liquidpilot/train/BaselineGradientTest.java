package org.liquidpilot.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baselines have no ncps goldens, so their adjoints are checked against central finite differences. */
class BaselineGradientTest {

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "ctrnn", "mlp"})
    void adjointEqualsFiniteDifferences(String type) {
        int f = 3, h = 5, m = 2, steps = 7;
        BaselineModel model = BaselineModel.create(type, f, h, m).initialise(11);
        Random r = new Random(3);
        double[] p = model.params().values();
        for (int i = 0; i < p.length; i++) p[i] += 0.3 * r.nextGaussian(); // move away from the init's symmetric values
        double[] x = new double[steps * f], dt = new double[steps], w = new double[steps * m];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
        for (int i = 0; i < steps; i++) dt[i] = 0.2 + 2 * r.nextDouble();
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();

        SequenceKernel k = model.newKernel(steps);
        double[] grad = new double[p.length];
        k.forward(x, 0, dt, 0, steps, new double[model.stateSize()], new double[steps * m], 0);
        k.backward(w, 0, grad); // loss = Σ w·y, so dL/dy = w

        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i], eps = 1e-6;
            p[i] = keep + eps;
            double up = loss(k, model, x, dt, w, steps);
            p[i] = keep - eps;
            double down = loss(k, model, x, dt, w, steps);
            p[i] = keep;
            double fd = (up - down) / (2 * eps);
            double err = Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd));
            worst = Math.max(worst, err);
        }
        assertTrue(worst < 1e-5, type + ": worst relative error " + worst);
    }

    private static double loss(SequenceKernel k, TrainableModel model, double[] x, double[] dt, double[] w, int steps) {
        double[] y = new double[w.length];
        k.forward(x, 0, dt, 0, steps, new double[model.stateSize()], y, 0);
        double s = 0;
        for (int i = 0; i < y.length; i++) s += w[i] * y[i];
        return s;
    }
}
