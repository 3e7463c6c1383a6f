package org.liquidpilot.liquid;

/**
 * ncps's mixed-memory {@code LSTMCell}, run before the liquid cell when {@code mixed_memory=True}:
 * {@code z = input_map(x) + recurrent_map(h)}, chunks i, ig, fg, og; {@code c' = c·σ(fg+1) + tanh(i)·σ(ig)},
 * {@code h' = tanh(c')·σ(og)}.
 */
final class LstmCell {
    private final int inputs, units;
    private final Dense inputMap, recurrentMap;
    private final double[] zi, zr;

    LstmCell(int inputs, int units, Parameters p, String prefix) {
        this.inputs = inputs;
        this.units = units;
        inputMap = Dense.stack(inputs, new double[][]{p.values(prefix + "input_map.weight", 4 * units, inputs)}, null,
                new double[][]{p.values(prefix + "input_map.bias", 4 * units)});
        recurrentMap = Dense.stack(units, new double[][]{p.values(prefix + "recurrent_map.weight", 4 * units, units)}, null,
                new double[][]{null});
        zi = new double[4 * units];
        zr = new double[4 * units];
    }

    private LstmCell(LstmCell o) {
        inputs = o.inputs;
        units = o.units;
        inputMap = o.inputMap;
        recurrentMap = o.recurrentMap;
        zi = new double[4 * units];
        zr = new double[4 * units];
    }

    LstmCell fork() {
        return new LstmCell(this);
    }

    /** Updates h and c in place. */
    void step(double[] x, double[] h, double[] c) {
        inputMap.apply(x, 0, zi, 0);
        recurrentMap.apply(h, 0, zr, 0);
        int n = units;
        for (int j = 0; j < n; j++) {
            double i = zi[j] + zr[j], ig = zi[n + j] + zr[n + j], fg = zi[2 * n + j] + zr[2 * n + j], og = zi[3 * n + j] + zr[3 * n + j];
            double cNew = c[j] * Fn.sigmoid(fg + 1.0) + Fn.tanh(i) * Fn.sigmoid(ig);
            c[j] = cNew;
            h[j] = Fn.tanh(cNew) * Fn.sigmoid(og);
        }
    }
}
