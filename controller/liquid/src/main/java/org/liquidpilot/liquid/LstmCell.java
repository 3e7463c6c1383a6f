package org.liquidpilot.liquid;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * ncps's mixed-memory {@code LSTMCell}, run before the liquid cell when {@code mixed_memory=True}, for streaming
 * inference and training alike:
 * <pre>
 *   z = input_map(x) + recurrent_map(h),   chunks (i, ig, fg, og) of z
 *   c' = c·σ(fg + 1) + tanh(i)·σ(ig)
 *   h' = tanh(c')·σ(og)
 * </pre>
 * The +1 on the forget gate is ncps's forget bias. An instance owns its scratch; {@link #fork()} shares the weights.
 */
public final class LstmCell {
    public final int inputs, units;
    private final Dense inputMap, recurrentMap;
    private final int[] oInputWeight, oInputBias, oRecurrentWeight;
    private static final int[] NO_BIAS = {-1};
    private final double[] zi, zr, gates, gz, gh;

    /** @param offsetOf where each tensor (e.g. {@code input_map.weight}) starts in the flat array given to {@link #load} */
    public LstmCell(int inputs, int units, ToIntFunction<String> offsetOf) {
        this.inputs = inputs;
        this.units = units;
        inputMap = new Dense(inputs, 4 * units);
        recurrentMap = new Dense(units, 4 * units);
        oInputWeight = new int[]{offsetOf.applyAsInt("input_map.weight")};
        oInputBias = new int[]{offsetOf.applyAsInt("input_map.bias")};
        oRecurrentWeight = new int[]{offsetOf.applyAsInt("recurrent_map.weight")};
        if (oInputWeight[0] < 0 || oInputBias[0] < 0 || oRecurrentWeight[0] < 0) {
            throw new IllegalArgumentException("mixed memory needs lstm.input_map.weight, lstm.input_map.bias and lstm.recurrent_map.weight");
        }
        zi = new double[4 * units];
        zr = new double[4 * units];
        gates = new double[4 * units];
        gz = new double[4 * units];
        gh = new double[units];
    }

    LstmCell(int inputs, int units, Parameters.Flat flat, String prefix) {
        this(inputs, units, key -> flat.offset(prefix + key));
        load(flat.values());
    }

    private LstmCell(LstmCell o) {
        inputs = o.inputs;
        units = o.units;
        inputMap = o.inputMap;
        recurrentMap = o.recurrentMap;
        oInputWeight = o.oInputWeight;
        oInputBias = o.oInputBias;
        oRecurrentWeight = o.oRecurrentWeight;
        zi = new double[4 * units];
        zr = new double[4 * units];
        gates = new double[4 * units];
        gz = new double[4 * units];
        gh = new double[units];
    }

    /** Another instance with its own scratch over the same weights. */
    public LstmCell fork() {
        return new LstmCell(this);
    }

    /** Takes ncps's tensors from the flat array {@code p}. */
    public void load(double[] p) {
        inputMap.load(0, p, oInputWeight[0], null, p, oInputBias[0]);
        recurrentMap.load(0, p, oRecurrentWeight[0], null, null, 0);
    }

    /** Streaming step: updates h and c in place. */
    void step(double[] x, double[] h, double[] c) {
        forward(x, 0, h, 0, c, 0, h, 0, gates, 0);
    }

    /**
     * One step from (h at hOff, c at cOff): c is updated in place, h' is written to {@code hOut} at hOutOff (may be
     * h itself) and the activations tanh(i), σ(ig), σ(fg+1), σ(og) to {@code gates} from gOff (4·units values; may
     * be scratch).
     */
    public void forward(double[] x, int xOff, double[] h, int hOff, double[] c, int cOff, double[] hOut, int hOutOff,
                        double[] gates, int gOff) {
        inputMap.apply(x, xOff, zi, 0);
        double[] z = zr;
        recurrentMap.apply(h, hOff, z, 0);
        int n = units;
        for (int j = 0; j < n; j++) {
            double a = Fn.tanh(zi[j] + z[j]), ig = Fn.sigmoid(zi[n + j] + z[n + j]);
            double fg = Fn.sigmoid(zi[2 * n + j] + z[2 * n + j] + 1.0), og = Fn.sigmoid(zi[3 * n + j] + z[3 * n + j]);
            double cNew = c[cOff + j] * fg + a * ig;
            c[cOff + j] = cNew;
            hOut[hOutOff + j] = Fn.tanh(cNew) * og;
            gates[gOff + j] = a;
            gates[gOff + n + j] = ig;
            gates[gOff + 2 * n + j] = fg;
            gates[gOff + 3 * n + j] = og;
        }
    }

    /**
     * Backpropagates one step of {@link #forward} given the h and c it started from and its gates: {@code gh} holds
     * dL/dh' at ghOff and is overwritten with dL/dh; {@code gc} holds dL/dc' and is overwritten with dL/dc. Weight
     * gradients are added into {@code grad} (torch layout, as the flat parameters).
     */
    public void backward(double[] x, int xOff, double[] h, int hOff, double[] c, int cOff, double[] gates, int gOff,
                         double[] gc, double[] ghOut, int ghOff, double[] grad) {
        int n = units;
        for (int u = 0; u < n; u++) {
            double a = gates[gOff + u], ig = gates[gOff + n + u], fg = gates[gOff + 2 * n + u], og = gates[gOff + 3 * n + u];
            double cPrev = c[cOff + u], tc = Fn.tanh(cPrev * fg + a * ig);
            double g = ghOut[ghOff + u];
            double gcu = gc[u] + g * og * (1 - tc * tc);
            gz[3 * n + u] = g * tc * og * (1 - og);
            gz[u] = gcu * ig * (1 - a * a);
            gz[n + u] = gcu * a * ig * (1 - ig);
            gz[2 * n + u] = gcu * cPrev * fg * (1 - fg);
            gc[u] = gcu * fg;
        }
        inputMap.backward(x, xOff, gz, 0, grad, oInputWeight, oInputBias, null, 0, 0);
        Arrays.fill(gh, 0.0);
        recurrentMap.backward(h, hOff, gz, 0, grad, oRecurrentWeight, NO_BIAS, gh, 0, 0);
        System.arraycopy(gh, 0, ghOut, ghOff, n);
    }
}
