package org.liquidpilot.liquid.export;

import org.liquidpilot.liquid.Activation;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.Parameters;
import org.liquidpilot.liquid.wiring.Wiring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CfC cell in C: a dense CfC (one layer with its backbone) or a wired CfC (one masked layer per wiring layer, each
 * fed by the previous layer's new state). With {@code z = [layer input, layer state]} and the backbone
 * {@code b = act(W_L·…act(W_1·z + b_1)… + b_L)} (b = z without one), the heads ff1, ff2, time_a, time_b are linear
 * maps of b (ff1 and ff2 masked by the wiring), and
 * <pre>
 *   default:  σ_t = σ(time_a·dt + time_b);   h' = tanh(ff1)·(1 − σ_t) + σ_t·tanh(ff2)
 *   no_gate:  h' = tanh(ff1) + σ_t·tanh(ff2)
 *   pure:     h' = −A·exp(−dt·(|w_tau| + |ff1|))·ff1 + A          (|w_tau| folded at export)
 * </pre>
 */
final class CfcC implements CCell {
    private final String p;
    // package-private: the ONNX export reads the same layers
    final CfcMode mode;
    final Activation activation;
    final List<Layer> layers = new ArrayList<>();
    final int units, outputOffset;

    record Layer(String name, int in, int hidden, int stateOffset, List<CLinear> backbone, CLinear ff1,
                         CLinear ff2, CLinear timeA, CLinear timeB, double[] wTauAbs, double[] a) {
        int backboneUnits() {
            return backbone.isEmpty() ? 0 : backbone.get(0).rows;
        }
    }

    CfcC(String prefix, CfcConfig config, Wiring wiring, Parameters params) {
        p = prefix;
        mode = config.mode();
        activation = config.activation();
        units = config.stateSize();
        if (wiring == null) {
            layers.add(layer(prefix + "_cell", "rnn_cell.", config.inputSize(), units, 0, params, false));
            outputOffset = 0;
        } else {
            int in = config.inputSize(), offset = 0;
            for (int l = 0; l < wiring.layerCount(); l++) {
                int h = wiring.layer(l).length;
                layers.add(layer(prefix + "_l" + l, "rnn_cell.layer_" + l + ".", in, h, offset, params, true));
                in = h;
                offset += h;
            }
            outputOffset = units - wiring.layer(wiring.layerCount() - 1).length;
        }
    }

    private Layer layer(String name, String key, int in, int h, int stateOffset, Parameters params, boolean masked) {
        int cat = in + h;
        double[] mask = masked ? params.values(key + "sparsity_mask", h, cat) : null;
        List<CLinear> backbone = new ArrayList<>();
        int width = cat, index = 0;
        // ncps's backbone is a Sequential; its Linear layers are the "backbone.<i>.weight" tensors, in order
        for (String k : params.keys()) {
            if (!k.startsWith(key + "backbone.") || !k.endsWith(".weight")) continue;
            String base = k.substring(0, k.length() - ".weight".length());
            int rows = params.get(k).dim(0);
            backbone.add(new CLinear(name + "_bb" + index++, rows, width, params.values(k, rows, width), params.values(base + ".bias", rows), null));
            width = rows;
        }
        CLinear ff1 = head(name + "_ff1", key + "ff1.", h, width, params, mask);
        if (mode == CfcMode.PURE) {
            double[] wTau = params.values(key + "w_tau", 1, h), a = params.values(key + "A", 1, h);
            for (int i = 0; i < h; i++) wTau[i] = Math.abs(wTau[i]);
            return new Layer(name, in, h, stateOffset, backbone, ff1, null, null, null, wTau, a);
        }
        CLinear ff2 = head(name + "_ff2", key + "ff2.", h, width, params, mask);
        if (ff1.sparse()) ff2.shareIndicesOf(ff1);
        return new Layer(name, in, h, stateOffset, backbone, ff1, ff2,
                head(name + "_ta", key + "time_a.", h, width, params, null), head(name + "_tb", key + "time_b.", h, width, params, null), null, null);
    }

    private static CLinear head(String name, String key, int h, int width, Parameters params, double[] mask) {
        return new CLinear(name, h, width, params.values(key + "weight", h, width), params.values(key + "bias", h), mask);
    }

    /** Weights visited per step: the backbone, the heads (masked ones only where the wiring has synapses). */
    long multiplyAdds() {
        long sum = 0;
        for (Layer l : layers) {
            for (CLinear b : l.backbone) sum += b.weights();
            sum += l.ff1.weights();
            if (l.ff2 != null) sum += l.ff2.weights() + l.timeA.weights() + l.timeB.weights();
        }
        return sum;
    }

    @Override
    public Set<String> helpers() {
        Set<String> h = new HashSet<>();
        if (mode != CfcMode.PURE) h.add("sigmoid");
        boolean backbone = layers.stream().anyMatch(l -> !l.backbone.isEmpty());
        if (backbone && activation == Activation.SILU) h.add("sigmoid");
        if (backbone && activation == Activation.GELU) h.add("erf");
        if (backbone) h.add("act");
        return h;
    }

    /** The backbone activation as a C expression of {@code x}. */
    String activationExpression() {
        return switch (activation) {
            case LECUN_TANH -> "1.7159f * tanhf(0.666f * x)";
            case SILU -> "x * " + p + "_sigmoid(x)";
            case RELU -> "x > 0.0f ? x : 0.0f";
            case TANH -> "tanhf(x)";
            case GELU -> "0.5f * x * (1.0f + " + p + "_erf(x * 0.70710678f))";
        };
    }

    @Override
    public void tables(CText c) {
        for (Layer l : layers) {
            c.line("/* %s: %d inputs, %d neuron%s (state %d..%d)%s */", l.name, l.in, l.hidden, l.hidden == 1 ? "" : "s", l.stateOffset, l.stateOffset + l.hidden - 1,
                    l.backbone.isEmpty() ? "" : ", backbone " + l.backbone.size() + "x" + l.backboneUnits() + " " + activation.ncpsName);
            for (CLinear b : l.backbone) b.emitTables(c);
            l.ff1.emitTables(c);
            if (mode == CfcMode.PURE) {
                c.floats(l.name + "_wtau", l.wTauAbs, "|w_tau|");
                c.floats(l.name + "_A", l.a, null);
            } else {
                l.ff2.emitTables(c);
                l.timeA.emitTables(c);
                l.timeB.emitTables(c);
            }
            c.blank();
        }
    }

    @Override
    public void functions(CText c) {
        for (Layer l : layers) {
            int cat = l.in + l.hidden;
            c.line("/* one CfC layer: reads its input and its state, writes its new state over the old */");
            c.open("static void %s(const float *in, float *h, float dt) {", l.name);
            c.line("float z[%d], f1[%d]%s;", cat, l.hidden, mode == CfcMode.PURE ? "" : ", f2[" + l.hidden + "], ta[" + l.hidden + "], tb[" + l.hidden + "]");
            String src = "z";
            if (!l.backbone.isEmpty()) c.line("float bb0[%d]%s;", l.backboneUnits(), l.backbone.size() > 1 ? ", bb1[" + l.backboneUnits() + "]" : "");
            c.line("int o, k;");
            c.line("for (k = 0; k < %d; k++) z[k] = in[k];", l.in);
            c.line("for (k = 0; k < %d; k++) z[%d + k] = h[k];", l.hidden, l.in);
            for (int i = 0; i < l.backbone.size(); i++) {
                String dst = "bb" + (i % 2);
                l.backbone.get(i).emitApply(c, src, dst);
                c.line("for (k = 0; k < %d; k++) %s[k] = %s_act(%s[k]);", l.backboneUnits(), dst, p, dst);
                src = dst;
            }
            l.ff1.emitApply(c, src, "f1");
            if (mode == CfcMode.PURE) {
                c.open("for (o = 0; o < %d; o++) {", l.hidden);
                c.line("const float f = f1[o], af = f < 0.0f ? -f : f;");
                c.line("h[o] = -%s_A[o] * expf(-dt * (%s_wtau[o] + af)) * f + %s_A[o];", l.name, l.name, l.name);
                c.close("}");
            } else {
                l.ff2.emitApply(c, src, "f2");
                l.timeA.emitApply(c, src, "ta");
                l.timeB.emitApply(c, src, "tb");
                c.open("for (o = 0; o < %d; o++) {", l.hidden);
                c.line("const float t = %s_sigmoid(ta[o] * dt + tb[o]);", p);
                c.line(mode == CfcMode.DEFAULT ? "h[o] = tanhf(f1[o]) * (1.0f - t) + t * tanhf(f2[o]);" : "h[o] = tanhf(f1[o]) + t * tanhf(f2[o]);");
                c.close("}");
            }
            c.close("}");
            c.blank();
        }
    }

    @Override
    public void step(CText c, String out) {
        String in = "x";
        for (Layer l : layers) {
            c.line("%s(%s, s->h + %d, dt);", l.name, in, l.stateOffset);
            in = "s->h + " + l.stateOffset;
        }
        if (out != null) c.line("for (o = 0; o < %d; o++) %s[o] = s->h[%d + o];", units - outputOffset, out, outputOffset);
    }

    @Override
    public String outputInState() {
        return "(s->h + " + outputOffset + ")";
    }

    @Override
    public int scratchBytes() {
        int worst = 0;
        for (Layer l : layers) {
            int floats = l.in + l.hidden + (mode == CfcMode.PURE ? 1 : 4) * l.hidden + Math.min(l.backbone.size(), 2) * l.backboneUnits();
            worst = Math.max(worst, 4 * floats);
        }
        return worst;
    }

    @Override
    public String stateOrder() {
        if (layers.size() == 1) return "h: the " + units + " hidden units";
        StringBuilder sb = new StringBuilder("h: layer by layer (");
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            sb.append(i == 0 ? "" : " | ").append(l.stateOffset).append("..").append(l.stateOffset + l.hidden - 1);
        }
        return sb.append("), the output layer last").toString();
    }
}
