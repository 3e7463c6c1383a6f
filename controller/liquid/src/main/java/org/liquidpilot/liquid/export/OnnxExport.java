package org.liquidpilot.liquid.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelFile;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a loaded LTC or CfC model as an ONNX graph of one step, the same step the C export runs:
 * <pre>
 *   inputs   x [1, F] (normalised features), h [1, N] (state), dt [1, 1] (seconds); c [1, N] with mixed memory
 *   outputs  y [1, M] (raw outputs), command [1, M] (y·scale + offset), h_out [1, N]; c_out [1, N] with mixed memory
 * </pre>
 * With a learned linear front end, x holds its features and the graph starts with x·Wᵀ + b. A control loop feeds h_out (and c_out) back as the next step's h (and c), starting from zeros. Only standard
 * ai.onnx operators of opset 17 are used (MatMul, Add, Sub, Mul, Div, Sigmoid, Tanh, Exp, Abs, Relu, Erf, Concat,
 * Transpose, Identity). The parameters are those of the C export, folded the same way; an LTC's sparse synapses
 * become dense masked matrices (zero weight where the wiring has no synapse) and its ODE unfolds are unrolled, since
 * ONNX has no sparse arithmetic and a fixed unfold count needs no loop. The model file's metadata (ncps constructor,
 * output scaling, feature statistics, command outputs) travels in the model's {@code metadata_props} under
 * {@code liquidpilot}.
 */
public final class OnnxExport {
    public static final int OPSET = 17;
    public static final String X = "x", H = "h", C = "c", DT = "dt", Y = "y", COMMAND = "command", H_OUT = "h_out", C_OUT = "c_out";

    /** The serialised model, and its size in nodes and float constants. */
    public record OnnxModel(byte[] bytes, int nodes, long constants, String describe) {}

    private OnnxExport() {}

    public static OnnxModel export(LiquidModel model) {
        ExportPlan plan = ExportPlan.of(model, "m");
        int f = model.inputSize(), n = model.stateSize(), m = model.outputSize();
        OnnxGraph g = new OnnxGraph("liquidpilot_step");
        g.input(X, 1, f);
        g.input(H, 1, n);
        if (plan.lstm() != null) g.input(C, 1, n);
        g.input(DT, 1, 1);
        String h = H, cOut = null;
        // The learned front end, when there is one, turns the features into the cell's input.
        String x = plan.front() != null ? linear(g, plan.front(), X) : X;
        if (plan.lstm() != null) {
            String[] hc = lstm(g, plan.lstm(), x, n);
            h = hc[0];
            cOut = hc[1];
        }
        String[] cellResult = plan.cell() instanceof LtcC ltc ? ltc(g, ltc, x, h) : cfc(g, (CfcC) plan.cell(), x, h, n);
        String hOut = cellResult[0], y = cellResult[1];
        if (plan.projection() != null) y = linear(g, plan.projection(), y);
        String command = g.add(g.mul(y, g.constant("scale", model.outputScaling().scale(), 1, m)),
                g.constant("offset", model.outputScaling().offset(), 1, m));
        g.output(Y, y, 1, m);
        g.output(COMMAND, command, 1, m);
        g.output(H_OUT, hOut, 1, n);
        if (cOut != null) g.output(C_OUT, cOut, 1, n);
        ModelProto proto = ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("liquidpilot")
                .setDocString(plan.describe() + "; one step: feed h_out back as h")
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("liquidpilot").setValue(ModelFile.metadata(model).toString()))
                .setGraph(g.build())
                .build();
        return new OnnxModel(proto.toByteArray(), g.nodeCount(), g.constantCount(), plan.describe());
    }

    /** y = W·z + b as MatMul(z, Wᵀ) + b, masked weights as zeros. */
    private static String linear(OnnxGraph g, CLinear l, String z) {
        String w = g.constant(l.name + "_wT", OnnxGraph.transpose(l.dense(), l.rows, l.cols), l.cols, l.rows);
        return g.add(g.matMul(z, w), g.constant(l.name + "_b", l.bias(), 1, l.rows));
    }

    private static String sigmoid(OnnxGraph g, String x) {
        return g.op("Sigmoid", x);
    }

    private static String tanh(OnnxGraph g, String x) {
        return g.op("Tanh", x);
    }

    /** The LTC step: sensory activations once, then the unrolled fused semi-implicit Euler sub-steps (see {@link LtcC}). */
    private static String[] ltc(OnnxGraph g, LtcC c, String x, String h) {
        int n = c.n, s = c.s;
        double[][] sens = dense(c.sensory, s, n), syn = dense(c.internal, n, n);
        String onesS = g.constant("ones", filled(s, 1.0), 1, s), onesN = g.constant("ones", filled(n, 1.0), 1, n);
        // σ(a·x_k + b) for every (k, j): x as a column broadcast against (S, N) matrices
        String gs = sigmoid(g, g.add(g.mul(g.constant("sens_a", sens[0], s, n), g.op("Transpose", List.of(OnnxGraph.intsAttribute("perm", 1, 0)), x)),
                g.constant("sens_b", sens[1], s, n)));
        String numS = g.matMul(onesS, g.mul(gs, g.constant("sens_we", sens[3], s, n)));
        String denS = g.matMul(onesS, g.mul(gs, g.constant("sens_w", sens[2], s, n)));
        String cmH = g.op("Div", g.constant("cm_unfolds", scaled(c.cmPositive, c.unfolds), 1, n), DT);
        String numFixed = g.add(numS, g.constant("gleak_vleak", c.gleakVleak, 1, n));
        String denFixed = g.add(g.add(cmH, g.constant("gleak", c.gleak, 1, n)), g.add(denS, g.scalar("epsilon", c.epsilon)));
        String a = g.constant("syn_a", syn[0], n, n), b = g.constant("syn_b", syn[1], n, n);
        String w = g.constant("syn_w", syn[2], n, n), we = g.constant("syn_we", syn[3], n, n);
        String v = h;
        for (int u = 0; u < c.unfolds; u++) {
            String gv = sigmoid(g, g.add(g.mul(a, g.op("Transpose", List.of(OnnxGraph.intsAttribute("perm", 1, 0)), v)), b));
            String num = g.add(g.add(g.mul(cmH, v), numFixed), g.matMul(onesN, g.mul(gv, we)));
            String den = g.add(denFixed, g.matMul(onesN, g.mul(gv, w)));
            v = g.op("Div", num, den);
        }
        // the motor neurons 0..M-1 through the output map, as one (N, M) matrix
        double[] pick = new double[n * c.outputs];
        for (int i = 0; i < c.outputs; i++) pick[i * c.outputs + i] = c.outputW[i];
        String y = g.add(g.matMul(v, g.constant("out_w", pick, n, c.outputs)), g.constant("out_b", c.outputB, 1, c.outputs));
        return new String[]{v, y};
    }

    /** {a, b, w, we} of a synapse list as dense (rows, N) matrices, zero where there is no synapse. */
    private static double[][] dense(LtcC.Synapses syn, int rows, int n) {
        double[][] d = new double[4][rows * n];
        for (int q = 0; q < syn.size(); q++) {
            int e = syn.src()[q] * n + syn.dst()[q];
            d[0][e] = syn.a()[q];
            d[1][e] = syn.b()[q];
            d[2][e] = syn.w()[q];
            d[3][e] = syn.we()[q];
        }
        return d;
    }

    /** The CfC step, layer by layer (see {@link CfcC}); returns {new state, cell output}. */
    private static String[] cfc(OnnxGraph g, CfcC c, String x, String h, int n) {
        String in = x;
        List<String> states = new ArrayList<>();
        for (CfcC.Layer l : c.layers) {
            String hl = h;
            if (c.layers.size() > 1) {
                double[] pick = new double[n * l.hidden()];
                for (int i = 0; i < l.hidden(); i++) pick[(l.stateOffset() + i) * l.hidden() + i] = 1.0;
                hl = g.matMul(h, g.constant(l.name() + "_state", pick, n, l.hidden()));
            }
            String b = g.concat(OnnxGraph.list(in, hl));
            for (CLinear bb : l.backbone()) b = activation(g, c, linear(g, bb, b));
            String f1 = linear(g, l.ff1(), b), next;
            if (c.mode == CfcMode.PURE) {
                String wTau = g.constant(l.name() + "_wtau", l.wTauAbs(), 1, l.hidden()), a = g.constant(l.name() + "_A", l.a(), 1, l.hidden());
                String e = g.op("Exp", g.op("Neg", g.mul(DT, g.add(wTau, g.op("Abs", f1)))));
                next = g.op("Sub", a, g.mul(g.mul(a, e), f1));
            } else {
                String t = sigmoid(g, g.add(g.mul(linear(g, l.timeA(), b), DT), linear(g, l.timeB(), b)));
                String t1 = tanh(g, f1), t2 = tanh(g, linear(g, l.ff2(), b));
                next = c.mode == CfcMode.DEFAULT
                        ? g.add(g.mul(t1, g.op("Sub", g.scalar("one", 1.0), t)), g.mul(t, t2))
                        : g.add(t1, g.mul(t, t2));
            }
            states.add(next);
            in = next;
        }
        String hOut = states.size() == 1 ? states.get(0) : g.concat(states);
        return new String[]{hOut, states.get(states.size() - 1)};
    }

    private static String activation(OnnxGraph g, CfcC c, String x) {
        return switch (c.activation) {
            case LECUN_TANH -> g.mul(g.scalar("lecun_a", 1.7159), tanh(g, g.mul(g.scalar("lecun_b", 0.666), x)));
            case SILU -> g.mul(x, sigmoid(g, x));
            case RELU -> g.op("Relu", x);
            case TANH -> tanh(g, x);
            case GELU -> g.mul(g.mul(g.scalar("half", 0.5), x),
                    g.add(g.scalar("one", 1.0), g.op("Erf", g.mul(x, g.scalar("inv_sqrt2", 0.7071067811865476)))));
        };
    }

    /** ncps's mixed-memory LSTM on (x, h, c); returns {h', c'} (see {@link MixedMemoryC}). */
    private static String[] lstm(OnnxGraph g, MixedMemoryC l, String x, int n) {
        String[] gate = new String[4];
        double[] wi = l.inputMap.dense(), bi = l.inputMap.bias(), wr = l.recurrentMap.dense();
        int f = l.inputMap.cols;
        for (int k = 0; k < 4; k++) {
            double[] wik = java.util.Arrays.copyOfRange(wi, k * n * f, (k + 1) * n * f);
            double[] wrk = java.util.Arrays.copyOfRange(wr, k * n * n, (k + 1) * n * n);
            double[] bik = java.util.Arrays.copyOfRange(bi, k * n, (k + 1) * n);
            if (k == 2) for (int j = 0; j < n; j++) bik[j] += 1.0; // ncps's forget bias
            gate[k] = g.add(g.add(g.matMul(x, g.constant("lstm_in" + k, OnnxGraph.transpose(wik, n, f), f, n)), g.constant("lstm_b" + k, bik, 1, n)),
                    g.matMul(H, g.constant("lstm_rec" + k, OnnxGraph.transpose(wrk, n, n), n, n)));
        }
        String cNew = g.add(g.mul(C, sigmoid(g, gate[2])), g.mul(tanh(g, gate[0]), sigmoid(g, gate[1])));
        String hNew = g.mul(tanh(g, cNew), sigmoid(g, gate[3]));
        return new String[]{hNew, cNew};
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    private static double[] scaled(double[] v, double k) {
        double[] d = v.clone();
        for (int i = 0; i < d.length; i++) d[i] *= k;
        return d;
    }
}
