package org.liquidpilot.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.Dense;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.liquid.io.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The comparison models: LSTM, GRU and CT-RNN with {@code hidden} units and a linear readout {@code fc}, and a
 * per-step MLP with one tanh hidden layer. Tensor names follow PyTorch's modules ({@code lstm.weight_ih_l0}, …)
 * so the weights are easy to move; the model file marks them as baselines, not ncps models.
 */
public abstract sealed class BaselineModel implements TrainableModel permits GatedRnnModel, CtRnnModel, MlpModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String type;
    private final int stateSize;
    final int f, h, m;
    final ParamSet params;
    final int fcW, fcB;

    /** {@code b} holds the model's own tensors; the readout {@code fc} is added after them. */
    BaselineModel(String type, int inputs, int hidden, int outputs, int stateSize, ParamSet.Builder b) {
        if (inputs < 1 || hidden < 1 || outputs < 1 || hidden > 100_000) {
            throw new IllegalArgumentException("baseline needs inputs, hidden and outputs ≥ 1, got " + inputs + ", " + hidden + ", " + outputs);
        }
        this.type = type;
        this.stateSize = stateSize;
        this.f = inputs;
        this.h = hidden;
        this.m = outputs;
        fcW = b.add("fc.weight", outputs, hidden);
        fcB = b.add("fc.bias", outputs);
        params = b.build();
    }

    /** Builds {@code lstm}, {@code gru}, {@code ctrnn} or {@code mlp}. */
    public static BaselineModel create(String type, int inputs, int hidden, int outputs) {
        return switch (type) {
            case "lstm" -> new LstmModel(inputs, hidden, outputs);
            case "gru" -> new GruModel(inputs, hidden, outputs);
            case "ctrnn" -> new CtRnnModel(inputs, hidden, outputs);
            case "mlp" -> new MlpModel(inputs, hidden, outputs);
            default -> throw new IllegalArgumentException("unknown baseline '" + type + "' (lstm, gru, ctrnn, mlp)");
        };
    }

    /** PyTorch-style uniform init: every tensor U(±1/√fan_in) of the module it belongs to. */
    public BaselineModel initialise(long seed) {
        Random r = new Random(seed);
        double[] p = params.values();
        for (ParamSet.Slot s : params.slots().values()) {
            double bound = 1 / Math.sqrt(fanIn(s.name()));
            for (int i = 0; i < s.size(); i++) p[s.offset() + i] = (2 * r.nextDouble() - 1) * bound;
        }
        afterInit();
        return this;
    }

    abstract int fanIn(String tensor);

    void afterInit() {}

    public int hidden() {
        return h;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final int stateSize() {
        return stateSize;
    }

    @Override
    public int inputSize() {
        return f;
    }

    @Override
    public int outputSize() {
        return m;
    }

    @Override
    public boolean inputGradient() {
        return true;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public Map<String, Tensor> fileTensors() {
        return new LinkedHashMap<>(params.toTensors(Tensor.DType.F32));
    }

    /** Constructor arguments for the model file's metadata. */
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cls", type());
        c.put("input_size", f);
        c.put("hidden_size", h);
        c.put("output_size", m);
        return c;
    }

    /** Baselines are no ncps models: the liquid core does not run them. */
    @Override
    public LiquidModel toLiquidModel() {
        throw new UnsupportedOperationException(type() + " is a baseline, not an ncps model");
    }

    @Override
    public ObjectNode fileMetadata(JsonNode training) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", ModelFile.BASELINE_FORMAT);
        meta.put("format_version", 1);
        meta.put("cell", type());
        meta.set("constructor", JSON.valueToTree(config()));
        if (training != null) meta.set("training", training);
        return meta;
    }

    /** A baseline from its file's metadata and tensors. */
    static BaselineModel fromFile(JsonNode meta, Map<String, Tensor> tensors) {
        JsonNode ctor = meta.path("constructor");
        if (!ctor.isObject()) throw new IllegalArgumentException("model metadata lacks its constructor");
        BaselineModel model = create(meta.path("cell").asText(""), intArg(ctor, "input_size"), intArg(ctor, "hidden_size"),
                intArg(ctor, "output_size"));
        model.params.load(tensors);
        return model;
    }

    private static int intArg(JsonNode n, String key) {
        JsonNode v = n.path(key);
        if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 1_000_000) {
            throw new IllegalArgumentException("model metadata: '" + key + "' must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    /** y = fc(hidden) for one step, from hid[hOff..]. */
    void readout(double[] p, double[] hid, int hOff, double[] y, int yOff) {
        Dense.forward(p, fcW, p, fcB, hid, hOff, m, h, y, yOff);
    }

    /** Adds the readout's gradient and returns dL/dhidden into gh (overwritten). */
    void readoutBackward(double[] p, double[] hid, int hOff, double[] gy, int gyOff, double[] grad, double[] gh) {
        java.util.Arrays.fill(gh, 0);
        Dense.backward(p, fcW, hid, hOff, gy, gyOff, m, h, grad, fcW, fcB, gh, 0);
    }
}
