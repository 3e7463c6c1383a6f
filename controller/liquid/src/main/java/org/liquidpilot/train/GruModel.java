package org.liquidpilot.train;

import org.liquidpilot.liquid.Dense;

import static org.liquidpilot.liquid.Fn.sigmoid;
import static org.liquidpilot.liquid.Fn.softplus;
import static org.liquidpilot.liquid.Fn.softplusGrad;
import static org.liquidpilot.liquid.Fn.tanh;

import java.util.Arrays;

/** PyTorch {@code nn.GRU} (one layer, gates r, z, n; n uses r·(W_hn h + b_hn)) with a linear readout. */
public final class GruModel extends GatedRnnModel {

    GruModel(int inputs, int hidden, int outputs) {
        super("gru", 3, inputs, hidden, outputs, hidden);
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new Kernel(maxSteps);
    }

    private final class Kernel extends CachingKernel {
        // Per step: r, z, n, and W_hn h + b_hn (needed for r's gradient); hidden states at t+1.
        final double[] rzn, hn, hs, ai, ah, gh, ghr, gai, gah;

        Kernel(int maxSteps) {
            super(maxSteps);
            rzn = new double[maxSteps * 3 * h];
            hn = new double[maxSteps * h];
            hs = new double[(maxSteps + 1) * h];
            ai = new double[3 * h];
            ah = new double[3 * h];
            gh = new double[h];
            ghr = new double[h];
            gai = new double[3 * h];
            gah = new double[3 * h];
        }

        @Override
        public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
            keep(x, xOff, steps);
            double[] p = params.values();
            System.arraycopy(state, 0, hs, 0, h);
            for (int t = 0; t < steps; t++) {
                int ho = t * h, go = t * 3 * h;
                Dense.forward(p, wih, p, bih, x, xOff + t * f, 3 * h, f, ai, 0);
                Dense.forward(p, whh, p, bhh, hs, ho, 3 * h, h, ah, 0);
                for (int u = 0; u < h; u++) {
                    double r = sigmoid(ai[u] + ah[u]), z = sigmoid(ai[h + u] + ah[h + u]);
                    double n = tanh(ai[2 * h + u] + r * ah[2 * h + u]);
                    rzn[go + u] = r;
                    rzn[go + h + u] = z;
                    rzn[go + 2 * h + u] = n;
                    hn[ho + u] = ah[2 * h + u];
                    hs[ho + h + u] = (1 - z) * n + z * hs[ho + u];
                }
                readout(p, hs, ho + h, y, yOff + t * m);
            }
            System.arraycopy(hs, steps * h, state, 0, h);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad) {
            backward(gy, gyOff, grad, null, 0);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
            if (gx != null) java.util.Arrays.fill(gx, gxOff, gxOff + steps * f, 0.0);
            double[] p = params.values();
            Arrays.fill(gh, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int ho = t * h, go = t * 3 * h;
                readoutBackward(p, hs, ho + h, gy, gyOff + t * m, grad, ghr);
                for (int u = 0; u < h; u++) {
                    double r = rzn[go + u], z = rzn[go + h + u], n = rzn[go + 2 * h + u];
                    double g = gh[u] + ghr[u];
                    double gn = g * (1 - z) * (1 - n * n);
                    double gz = g * (hs[ho + u] - n) * z * (1 - z);
                    double gr = gn * hn[ho + u] * r * (1 - r);
                    gai[u] = gr;
                    gai[h + u] = gz;
                    gai[2 * h + u] = gn;
                    gah[u] = gr;
                    gah[h + u] = gz;
                    gah[2 * h + u] = gn * r;
                    gh[u] = g * z; // direct path; W_hh's path is added below
                }
                Dense.backward(p, wih, x, xOff + t * f, gai, 0, 3 * h, f, grad, wih, bih, gx, gxOff + t * f);
                Dense.backward(p, whh, hs, ho, gah, 0, 3 * h, h, grad, whh, bhh, gh, 0);
            }
        }
    }
}
