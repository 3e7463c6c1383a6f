package org.liquidpilot.train;

import org.liquidpilot.liquid.Dense;

import static org.liquidpilot.liquid.Fn.sigmoid;
import static org.liquidpilot.liquid.Fn.softplus;
import static org.liquidpilot.liquid.Fn.softplusGrad;
import static org.liquidpilot.liquid.Fn.tanh;

import java.util.Arrays;

/**
 * Continuous-time RNN, dh/dt = (tanh(W_in x + W_rec h + b) − h)/τ with τ = softplus(tau) per unit, integrated over
 * each step's dt in {@value #UNFOLDS} sub-steps that hold the drive constant and decay exactly, so it stays
 * stable for any dt and τ.
 */
public final class CtRnnModel extends BaselineModel {
    static final int UNFOLDS = 6;
    final int win, wrec, bias, tau;

    CtRnnModel(int inputs, int hidden, int outputs) {
        super("ctrnn", inputs, hidden, outputs, hidden, register(ParamSet.builder(), inputs, hidden));
        win = params.offset("ctrnn.w_in");
        wrec = params.offset("ctrnn.w_rec");
        bias = params.offset("ctrnn.bias");
        tau = params.offset("ctrnn.tau");
    }

    private static ParamSet.Builder register(ParamSet.Builder b, int f, int h) {
        b.add("ctrnn.w_in", h, f);
        b.add("ctrnn.w_rec", h, h);
        b.add("ctrnn.bias", h);
        b.add("ctrnn.tau", h);
        return b;
    }

    @Override
    int fanIn(String tensor) {
        return tensor.equals("ctrnn.w_in") ? f : h;
    }

    @Override
    void afterInit() {
        Arrays.fill(params.values(), tau, tau + h, Math.log(Math.E - 1)); // τ = 1
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new Kernel(maxSteps);
    }

    private final class Kernel extends CachingKernel {
        // Per step: input drive W_in x + b; per unfold: state before it and tanh drive.
        final double[] drive, vs, fs, dts, taus, a, gv, ga, gdrive, ghr, gtau;

        Kernel(int maxSteps) {
            super(maxSteps);
            drive = new double[maxSteps * h];
            vs = new double[(maxSteps * UNFOLDS + 1) * h];
            fs = new double[maxSteps * UNFOLDS * h];
            dts = new double[maxSteps];
            taus = new double[h];
            a = new double[h];
            gv = new double[h];
            ga = new double[h];
            gdrive = new double[h];
            ghr = new double[h];
            gtau = new double[h];
        }

        @Override
        public void forward(double[] x, int xOff, double[] dt, int dtOff, int steps, double[] state, double[] y, int yOff) {
            keep(x, xOff, steps);
            double[] p = params.values();
            for (int u = 0; u < h; u++) taus[u] = softplus(p[tau + u]);
            System.arraycopy(state, 0, vs, 0, h);
            for (int t = 0; t < steps; t++) {
                double d = dt == null ? 1.0 : dt[dtOff + t];
                dts[t] = d;
                Dense.forward(p, win, p, bias, x, xOff + t * f, h, f, drive, t * h);
                for (int k = 0; k < UNFOLDS; k++) {
                    int vo = (t * UNFOLDS + k) * h;
                    Dense.forward(p, wrec, null, -1, vs, vo, h, h, a, 0);
                    for (int u = 0; u < h; u++) {
                        double fv = tanh(a[u] + drive[t * h + u]);
                        fs[vo + u] = fv;
                        double e = Math.exp(-d / UNFOLDS / taus[u]);
                        vs[vo + h + u] = fv + (vs[vo + u] - fv) * e;
                    }
                }
                readout(p, vs, ((t + 1) * UNFOLDS) * h, y, yOff + t * m);
            }
            System.arraycopy(vs, steps * UNFOLDS * h, state, 0, h);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad) {
            backward(gy, gyOff, grad, null, 0);
        }

        @Override
        public void backward(double[] gy, int gyOff, double[] grad, double[] gx, int gxOff) {
            if (gx != null) java.util.Arrays.fill(gx, gxOff, gxOff + steps * f, 0.0);
            double[] p = params.values();
            Arrays.fill(gv, 0);
            Arrays.fill(gtau, 0);
            for (int t = steps - 1; t >= 0; t--) {
                double hstep = dts[t] / UNFOLDS;
                readoutBackward(p, vs, ((t + 1) * UNFOLDS) * h, gy, gyOff + t * m, grad, ghr);
                for (int u = 0; u < h; u++) gv[u] += ghr[u];
                Arrays.fill(gdrive, 0);
                for (int k = UNFOLDS - 1; k >= 0; k--) {
                    int vo = (t * UNFOLDS + k) * h;
                    for (int u = 0; u < h; u++) {
                        double e = Math.exp(-hstep / taus[u]), fv = fs[vo + u], g = gv[u];
                        double gf = g * (1 - e);
                        gtau[u] += g * (vs[vo + u] - fv) * e * hstep / (taus[u] * taus[u]);
                        ga[u] = gf * (1 - fv * fv);
                        gdrive[u] += ga[u];
                        gv[u] = g * e;
                    }
                    Dense.backward(p, wrec, vs, vo, ga, 0, h, h, grad, wrec, -1, gv, 0);
                }
                Dense.backward(p, win, x, xOff + t * f, gdrive, 0, h, f, grad, win, bias, gx, gxOff + t * f);
            }
            for (int u = 0; u < h; u++) grad[tau + u] += gtau[u] * softplusGrad(p[tau + u]);
        }
    }
}
