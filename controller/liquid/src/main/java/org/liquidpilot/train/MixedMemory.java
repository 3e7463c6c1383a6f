package org.liquidpilot.train;

import org.liquidpilot.liquid.LstmCell;

import java.util.Arrays;
import java.util.Random;

/**
 * Training side of ncps's mixed-memory LSTM ({@link LstmCell} holds its equations, shared with streaming
 * inference): the initialisation and, per kernel, a {@link Cache} of each step's gates and starting (h, c).
 * Parameters are {@code lstm.input_map.weight/bias} and {@code lstm.recurrent_map.weight}.
 */
final class MixedMemory {
    final int s, n, inW, inB, recW;

    MixedMemory(ParamSet params, int inputs, int units) {
        s = inputs;
        n = units;
        inW = params.offset("lstm.input_map.weight");
        inB = params.offset("lstm.input_map.bias");
        recW = params.offset("lstm.recurrent_map.weight");
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
        private final LstmCell cell;
        final double[] gates, hIn, cIn, c, gc;

        Cache(int maxSteps) {
            cell = new LstmCell(s, n, key -> switch (key) {
                case "input_map.weight" -> inW;
                case "input_map.bias" -> inB;
                case "recurrent_map.weight" -> recW;
                default -> -1;
            });
            gates = new double[maxSteps * 4 * n];
            hIn = new double[maxSteps * n];
            cIn = new double[maxSteps * n];
            c = new double[n];
            gc = new double[n];
        }

        /** Starts a sequence from the parameters {@code p} and cell state {@code c0} (at c0Off). */
        void begin(double[] p, double[] c0, int c0Off) {
            cell.load(p);
            System.arraycopy(c0, c0Off, c, 0, n);
        }

        /** Step t: reads h from hPrev at hOff, writes the new h to out at outOff; the cell state is kept here. */
        void forward(int t, double[] x, int xOff, double[] hPrev, int hOff, double[] out, int outOff) {
            System.arraycopy(hPrev, hOff, hIn, t * n, n);
            System.arraycopy(c, 0, cIn, t * n, n);
            cell.forward(x, xOff, hIn, t * n, c, 0, out, outOff, gates, t * 4 * n);
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
        void backward(int t, double[] x, int xOff, double[] ghOut, int ghOff, double[] grad) {
            cell.backward(x, xOff, hIn, t * n, cIn, t * n, gates, t * 4 * n, gc, ghOut, ghOff, grad);
        }
    }
}
