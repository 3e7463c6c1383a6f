package org.liquidpilot.train;

import org.liquidpilot.liquid.Dense;

import static org.liquidpilot.liquid.Fn.sigmoid;
import static org.liquidpilot.liquid.Fn.softplus;
import static org.liquidpilot.liquid.Fn.softplusGrad;
import static org.liquidpilot.liquid.Fn.tanh;

import java.util.Arrays;

/** PyTorch {@code nn.LSTM} (one layer, gates i, f, g, o, two bias vectors) with a linear readout. */
public final class LstmModel extends GatedRnnModel {

    LstmModel(int inputs, int hidden, int outputs) {
        super("lstm", 4, inputs, hidden, outputs, 2 * hidden);
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new Kernel(maxSteps);
    }

    private final class Kernel extends CachingKernel {
        // Per step: gate activations (i, f, g, o), cell state c and hidden h (index t+1; 0 holds the initial state).
        final double[] gates, cs, hs, pre, gh, gc, ga, ghr;

        Kernel(int maxSteps) {
            super(maxSteps);
            gates = new double[maxSteps * 4 * h];
            cs = new double[(maxSteps + 1) * h];
            hs = new double[(maxSteps + 1) * h];
            pre = new double[4 * h];
            gh = new double[h];
            gc = new double[h];
            ga = new double[4 * h];
            ghr = new double[h];
        }

        @Override
        public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
            keep(x, xOff, steps);
            double[] p = params.values();
            System.arraycopy(state, 0, hs, 0, h);
            System.arraycopy(state, h, cs, 0, h);
            for (int t = 0; t < steps; t++) {
                Dense.forward(p, wih, p, bih, x, xOff + t * f, 4 * h, f, pre, 0);
                int ho = t * h, go = t * 4 * h;
                for (int o = 0; o < 4 * h; o++) {
                    double acc = pre[o] + p[bhh + o];
                    int r = whh + o * h;
                    for (int i = 0; i < h; i++) acc += p[r + i] * hs[ho + i];
                    pre[o] = acc;
                }
                for (int u = 0; u < h; u++) {
                    double ig = sigmoid(pre[u]), fg = sigmoid(pre[h + u]), gg = tanh(pre[2 * h + u]), og = sigmoid(pre[3 * h + u]);
                    gates[go + u] = ig;
                    gates[go + h + u] = fg;
                    gates[go + 2 * h + u] = gg;
                    gates[go + 3 * h + u] = og;
                    double c = fg * cs[ho + u] + ig * gg;
                    cs[ho + h + u] = c;
                    hs[ho + h + u] = og * tanh(c);
                }
                readout(p, hs, ho + h, y, yOff + t * m);
            }
            System.arraycopy(hs, steps * h, state, 0, h);
            System.arraycopy(cs, steps * h, state, h, h);
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
            Arrays.fill(gc, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int ho = t * h, go = t * 4 * h;
                readoutBackward(p, hs, ho + h, gy, gyOff + t * m, grad, ghr);
                for (int u = 0; u < h; u++) {
                    double ig = gates[go + u], fg = gates[go + h + u], gg = gates[go + 2 * h + u], og = gates[go + 3 * h + u];
                    double c = cs[ho + h + u], tc = tanh(c);
                    double ghu = gh[u] + ghr[u];
                    double gcu = gc[u] + ghu * og * (1 - tc * tc);
                    ga[3 * h + u] = ghu * tc * og * (1 - og);
                    ga[u] = gcu * gg * ig * (1 - ig);
                    ga[h + u] = gcu * cs[ho + u] * fg * (1 - fg);
                    ga[2 * h + u] = gcu * ig * (1 - gg * gg);
                    gc[u] = gcu * fg;
                }
                Dense.backward(p, wih, x, xOff + t * f, ga, 0, 4 * h, f, grad, wih, bih, gx, gxOff + t * f);
                Arrays.fill(gh, 0);
                Dense.backward(p, whh, hs, ho, ga, 0, 4 * h, h, grad, whh, bhh, gh, 0);
            }
        }
    }
}
