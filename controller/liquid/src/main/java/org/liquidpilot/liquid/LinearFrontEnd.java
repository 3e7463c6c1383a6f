package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The learned linear front end: {@code u = W·x + b}, from a long hand-crafted feature vector x ({@code inputs}
 * values) down to the {@code outputs} inputs of the recurrent core, trained jointly with it. It is no part of ncps:
 * the model file holds it as {@code front.weight} (outputs × inputs) and {@code front.bias} (outputs), and its
 * metadata as {@code front_end: {"kind": "linear", "inputs": N, "outputs": K}}. Immutable; {@link #apply} allocates
 * nothing.
 */
public final class LinearFrontEnd {
    public static final String WEIGHT = "front.weight";
    public static final String BIAS = "front.bias";
    public static final String METADATA_KEY = "front_end";
    public static final String KIND = "linear";
    /** Largest accepted width on either side; keeps a corrupt file from asking for absurd arrays. */
    public static final int MAX_WIDTH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int inputs, outputs;
    private final double[] weight, bias;
    private final Tensor.DType dtype;

    /** @param weight outputs × inputs, row-major */
    public LinearFrontEnd(int inputs, int outputs, double[] weight, double[] bias, Tensor.DType dtype) {
        checkSizes(inputs, outputs);
        if (weight.length != inputs * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("front end of " + inputs + " -> " + outputs + " needs " + inputs * outputs + " weights and "
                    + outputs + " biases, got " + weight.length + " and " + bias.length);
        }
        for (int i = 0; i < weight.length; i++) if (!Double.isFinite(weight[i])) throw new IllegalArgumentException("'" + WEIGHT + "' holds " + weight[i]);
        for (int i = 0; i < bias.length; i++) if (!Double.isFinite(bias[i])) throw new IllegalArgumentException("'" + BIAS + "' holds " + bias[i]);
        this.inputs = inputs;
        this.outputs = outputs;
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.dtype = dtype;
    }

    /** Checks a front end's widths: 1..{@link #MAX_WIDTH} each. */
    public static void checkSizes(int inputs, int outputs) {
        if (inputs < 1 || inputs > MAX_WIDTH || outputs < 1 || outputs > MAX_WIDTH) {
            throw new IllegalArgumentException("front end widths must be in 1.." + MAX_WIDTH + ", got " + inputs + " -> " + outputs);
        }
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public double[] weight() {
        return weight.clone();
    }

    public double[] bias() {
        return bias.clone();
    }

    public Tensor.DType dtype() {
        return dtype;
    }

    public long parameterCount() {
        return (long) inputs * outputs + outputs;
    }

    /** u[uOff..uOff+outputs) = W·x[xOff..xOff+inputs) + b. */
    public void apply(double[] x, int xOff, double[] u, int uOff) {
        Dense.forward(weight, 0, bias, 0, x, xOff, outputs, inputs, u, uOff);
    }

    /** The two tensors under {@link #WEIGHT} and {@link #BIAS}, in this front end's dtype. */
    public Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put(WEIGHT, new Tensor(Tensor.DType.F64, new int[]{outputs, inputs}, weight.clone()).as(dtype));
        t.put(BIAS, new Tensor(Tensor.DType.F64, new int[]{outputs}, bias.clone()).as(dtype));
        return t;
    }

    public ObjectNode metadata() {
        ObjectNode m = JSON.createObjectNode();
        m.put("kind", KIND);
        m.put("inputs", inputs);
        m.put("outputs", outputs);
        m.put("weight", WEIGHT);
        m.put("bias", BIAS);
        return m;
    }

    /** One line for {@code model info}. */
    public String describe() {
        return "learned linear " + inputs + " -> " + outputs + " (" + WEIGHT + ", " + BIAS + "; " + parameterCount() + " parameters)";
    }

    /**
     * The front end a file's metadata names, taking its two tensors out of {@code tensors}; null when the metadata
     * has no {@code front_end}. {@code coreInputs} is what the recurrent core takes.
     */
    public static LinearFrontEnd take(JsonNode meta, Map<String, Tensor> tensors, int coreInputs) {
        JsonNode f = meta.get(METADATA_KEY);
        if (f == null || f.isNull()) {
            if (tensors.containsKey(WEIGHT) || tensors.containsKey(BIAS)) throw new IllegalArgumentException("tensor '" + WEIGHT + "' without " + METADATA_KEY + " metadata");
            return null;
        }
        if (!f.isObject() || !KIND.equals(f.path("kind").asText(""))) throw new IllegalArgumentException(METADATA_KEY + ": kind must be '" + KIND + "', got " + f.path("kind"));
        JsonNode in = f.path("inputs"), out = f.path("outputs");
        if (!in.isIntegralNumber() || !out.isIntegralNumber()) throw new IllegalArgumentException(METADATA_KEY + ": inputs and outputs must be integers");
        checkSizes(in.asInt(), out.asInt());
        if (out.asInt() != coreInputs) throw new IllegalArgumentException(METADATA_KEY + " gives " + out.asInt() + " values, the core takes " + coreInputs);
        Tensor w = tensors.remove(WEIGHT), b = tensors.remove(BIAS);
        if (w == null || b == null) throw new IllegalArgumentException("missing tensor '" + (w == null ? WEIGHT : BIAS) + "'");
        w.requireShape(WEIGHT, out.asInt(), in.asInt());
        b.requireShape(BIAS, out.asInt());
        if (w.dtype() != Tensor.DType.F32 && w.dtype() != Tensor.DType.F64) throw new IllegalArgumentException("'" + WEIGHT + "' is " + w.dtype() + ", expected F32 or F64");
        return new LinearFrontEnd(in.asInt(), out.asInt(), w.data(), b.data(), w.dtype());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearFrontEnd f && f.inputs == inputs && f.outputs == outputs && Arrays.equals(f.weight, weight)
                && Arrays.equals(f.bias, bias) && f.dtype == dtype;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weight) * 31 + Arrays.hashCode(bias);
    }
}
