package org.liquidpilot.train;

import java.util.Arrays;
import java.util.Random;

/**
 * ncps's mixed-memory LSTM cell, run before the LTC/CfC cell at every step: z = input_map(x) + recurrent_map(h),
 * chunks (i, ig, fg, og), c' = c·σ(fg+1) + tanh(i)·σ(ig), h' = tanh(c')·σ(og). Parameters are
 * {@code lstm.input_map.weight/bias} and {@code lstm.recurrent_map.weight}; each kernel owns a {@link Cache}.
 */
final class MixedMemory {
    final int s, n, inW, inB, recW;

    MixedMemory(ParamSet.Builder b, int inputs, int units) {
        s = inputs;
        n = units;
        inW = b.add("lstm.input_map.weight", 4 * units, inputs);
        inB = b.add("lstm.input_map.bias", 4 * units);
        recW = b.add("lstm.recurrent_map.weight", 4 * units, units);
    }

    /** Xavier-uniform input map, U(±0.1) bias, and a random orthogonal recurrent map, as ncps initialises them. */
    void initialise(double[] p, Random r) {
        double bound = Math.sqrt(6.0 / (s + 4 * n));
        for (int i = 0; i < 4 * n * s; i++) p[inW + i] = (2 * r.nextDouble() - 1) * bound;
        for (int i = 0; i < 4 * n; i++) p[inB + i] = (2 * r.nextDouble() - 1) * 0.1;
        // Gram-Schmidt on the (4N × N) matrix's columns gives orthonormal columns, as torch's orthogonal_ does.
        int rows = 4 * n;
        double[][] cols = new double[n][rows];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < rows; i++) cols[c][i] = r.nextGaussian();
            for (int k = 0; k < c; k++) {
                double d = 0;
                for (int i = 0; i < rows; i++) d += cols[c][i] * cols[k][i];
                for (int i = 0; i < rows; i++) cols[c][i] -= d * cols[k][i];
            }
            double norm = 0;
            for (int i = 0; i < rows; i++) norm += cols[c][i] * cols[c][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) cols[c][i] /= norm;
        }
        for (int i = 0; i < rows; i++) for (int c = 0; c < n; c++) p[recW + i * n + c] = cols[c][i];
    }

    Cache newCache(int maxSteps) {
        return new Cache(maxSteps);
    }

    /** Per-step gate activations and the (h, c) each step started from. */
    final class Cache {
        final double[] gates, hIn, cIn, c, z, gz, gh, gc;

        Cache(int maxSteps) {
            gates = new double[maxSteps * 4 * n];
            hIn = new double[maxSteps * n];
            cIn = new double[maxSteps * n];
            c = new double[n];
            z = new double[4 * n];
            gz = new double[4 * n];
            gh = new double[n];
            gc = new double[n];
        }

        /** Starts a sequence from cell state {@code c0} (at c0Off). */
        void begin(double[] c0, int c0Off) {
            System.arraycopy(c0, c0Off, c, 0, n);
        }

        /** Step t: reads h from hPrev at hOff, writes the new h to out at outOff; the cell state is kept here. */
        void forward(double[] p, int t, double[] x, int xOff, double[] hPrev, int hOff, double[] out, int outOff) {
            System.arraycopy(hPrev, hOff, hIn, t * n, n);
            System.arraycopy(c, 0, cIn, t * n, n);
            Dense.forward(p, inW, p, inB, x, xOff, 4 * n, s, z, 0);
            for (int o = 0; o < 4 * n; o++) {
                double acc = z[o];
                int r = recW + o * n;
                for (int i = 0; i < n; i++) acc += p[r + i] * hIn[t * n + i];
                z[o] = acc;
            }
            int g = t * 4 * n;
            for (int u = 0; u < n; u++) {
                double a = SequenceKernel.tanh(z[u]), ig = SequenceKernel.sigmoid(z[n + u]);
                double fg = SequenceKernel.sigmoid(z[2 * n + u] + 1), og = SequenceKernel.sigmoid(z[3 * n + u]);
                gates[g + u] = a;
                gates[g + n + u] = ig;
                gates[g + 2 * n + u] = fg;
                gates[g + 3 * n + u] = og;
                c[u] = c[u] * fg + a * ig;
                out[outOff + u] = SequenceKernel.tanh(c[u]) * og;
            }
        }

        /** The final cell state, after the last forward step. */
        void end(double[] state, int off) {
            System.arraycopy(c, 0, state, off, n);
        }

        void beginBackward() {
            Arrays.fill(gc, 0);
        }

        /**
         * Backward through step t: {@code ghOut} is dL/d(new h) (at ghOff, overwritten with dL/d(previous h));
         * the cell-state gradient is carried here from step to step.
         */
        void backward(double[] p, int t, double[] x, int xOff, double[] ghOut, int ghOff, double[] grad) {
            int g = t * 4 * n;
            for (int u = 0; u < n; u++) {
                double a = gates[g + u], ig = gates[g + n + u], fg = gates[g + 2 * n + u], og = gates[g + 3 * n + u];
                double cPrev = cIn[t * n + u], cNew = cPrev * fg + a * ig, tc = SequenceKernel.tanh(cNew);
                double gh1 = ghOut[ghOff + u];
                double gcu = gc[u] + gh1 * og * (1 - tc * tc);
                gz[3 * n + u] = gh1 * tc * og * (1 - og);
                gz[u] = gcu * ig * (1 - a * a);
                gz[n + u] = gcu * a * ig * (1 - ig);
                gz[2 * n + u] = gcu * cPrev * fg * (1 - fg);
                gc[u] = gcu * fg;
            }
            Dense.backward(p, inW, x, xOff, gz, 0, 4 * n, s, grad, inW, inB, null, 0);
            Arrays.fill(gh, 0);
            Dense.backward(p, recW, hIn, t * n, gz, 0, 4 * n, n, grad, recW, -1, gh, 0);
            System.arraycopy(gh, 0, ghOut, ghOff, n);
        }
    }
}
