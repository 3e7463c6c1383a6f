package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.Parameters;

/**
 * ncps's mixed-memory LSTM in C, run before the liquid cell on the same state h and its own cell state c:
 * <pre>
 *   z = input_map(x) + recurrent_map(h),   chunks (i, ig, fg, og) of z
 *   c' = c·σ(fg + 1) + tanh(i)·σ(ig),   h' = tanh(c')·σ(og)
 * </pre>
 */
final class MixedMemoryC {
    private final String p;
    private final int n;
    final CLinear inputMap, recurrentMap;

    MixedMemoryC(String prefix, int inputs, int units, Parameters params) {
        p = prefix;
        n = units;
        inputMap = new CLinear(prefix + "_lstm_in", 4 * n, inputs, params.values("lstm.input_map.weight", 4 * n, inputs),
                params.values("lstm.input_map.bias", 4 * n), null);
        recurrentMap = new CLinear(prefix + "_lstm_rec", 4 * n, n, params.values("lstm.recurrent_map.weight", 4 * n, n), null, null);
    }

    void tables(CText c) {
        c.line("/* mixed memory: the LSTM in front of the liquid cell */");
        inputMap.emitTables(c);
        recurrentMap.emitTables(c);
        c.blank();
    }

    void function(CText c) {
        c.open("static void %s_lstm(%s_state *s, const float *x) {", p, p);
        c.line("float zi[%d], zr[%d];", 4 * n, 4 * n);
        c.line("int o, k;");
        inputMap.emitApply(c, "x", "zi");
        recurrentMap.emitApply(c, "s->h", "zr");
        c.open("for (k = 0; k < %d; k++) {", n);
        c.line("const float a = tanhf(zi[k] + zr[k]);");
        c.line("const float ig = %s_sigmoid(zi[%d + k] + zr[%d + k]);", p, n, n);
        c.line("const float fg = %s_sigmoid(zi[%d + k] + zr[%d + k] + 1.0f);", p, 2 * n, 2 * n);
        c.line("const float og = %s_sigmoid(zi[%d + k] + zr[%d + k]);", p, 3 * n, 3 * n);
        c.line("s->c[k] = s->c[k] * fg + a * ig;");
        c.line("s->h[k] = tanhf(s->c[k]) * og;");
        c.close("}");
        c.close("}");
        c.blank();
    }

    long multiplyAdds() {
        return (long) inputMap.weights() + recurrentMap.weights();
    }

    int scratchBytes() {
        return 4 * 8 * n;
    }
}
