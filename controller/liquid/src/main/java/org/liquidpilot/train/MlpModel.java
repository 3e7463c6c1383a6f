package org.liquidpilot.train;

import org.liquidpilot.liquid.Dense;

import static org.liquidpilot.liquid.Fn.sigmoid;
import static org.liquidpilot.liquid.Fn.softplus;
import static org.liquidpilot.liquid.Fn.softplusGrad;
import static org.liquidpilot.liquid.Fn.tanh;

/** A memoryless per-step baseline: y_t = fc(tanh(W x_t + b)). */
public final class MlpModel extends BaselineModel {
    final int w, b;

    MlpModel(int inputs, int hidden, int outputs) {
        super("mlp", inputs, hidden, outputs, 0, register(ParamSet.builder(), inputs, hidden));
        w = params.offset("mlp.0.weight");
        b = params.offset("mlp.0.bias");
    }

    private static ParamSet.Builder register(ParamSet.Builder b, int f, int h) {
        b.add("mlp.0.weight", h, f);
        b.add("mlp.0.bias", h);
        return b;
    }

    @Override
    int fanIn(String tensor) {
        return tensor.startsWith("mlp.") ? f : h;
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new Kernel(maxSteps);
    }

    private final class Kernel extends CachingKernel {
        final double[] hid, ghid;

        Kernel(int maxSteps) {
            super(maxSteps);
            hid = new double[maxSteps * h];
            ghid = new double[h];
        }

        @Override
        public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
            keep(x, xOff, steps);
            double[] p = params.values();
            for (int t = 0; t < steps; t++) {
                Dense.forward(p, w, p, b, x, xOff + t * f, h, f, hid, t * h);
                for (int u = 0; u < h; u++) hid[t * h + u] = tanh(hid[t * h + u]);
                readout(p, hid, t * h, y, yOff + t * m);
            }
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad) {
            backward(gy, gyOff, grad, null, 0);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
            if (gx != null) java.util.Arrays.fill(gx, gxOff, gxOff + steps * f, 0.0);
            double[] p = params.values();
            for (int t = 0; t < steps; t++) {
                readoutBackward(p, hid, t * h, gy, gyOff + t * m, grad, ghid);
                for (int u = 0; u < h; u++) ghid[u] *= 1 - hid[t * h + u] * hid[t * h + u];
                Dense.backward(p, w, x, xOff + t * f, ghid, 0, h, f, grad, w, b, gx, gxOff + t * f);
            }
        }
    }
}
