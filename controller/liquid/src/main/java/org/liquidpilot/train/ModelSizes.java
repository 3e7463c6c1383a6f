package org.liquidpilot.train;

import org.liquidpilot.liquid.LinearFrontEnd;
import org.liquidpilot.liquid.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sizes the results table compares, read from a model file's tensors (not from its training record, so a file
 * edited or converted elsewhere is still counted right).
 *
 * <ul>
 * <li>parameters: every trained tensor element (an NCP's fixed sparsity masks and wiring matrices are not parameters);</li>
 * <li>recurrent parameters: for an LTC/CfC NCP every parameter of the cell (the whole model is the recurrent cell,
 *     less a learned front end's {@code front.weight} and {@code front.bias});
 *     for LSTM, GRU and CT-RNN the recurrent layer's (input and recurrent weights, biases, time constants), not the
 *     linear readout; 0 for the MLP, which has no memory;</li>
 * <li>effective recurrent parameters: the recurrent parameters that can change the output, i.e. without the
 *     entries an NCP's sparsity mask zeroes (an LTC's w, mu, sigma and erev of absent synapses and their sensory
 *     counterparts; a wired CfC's ff1/ff2 weights of absent synapses; its time_a/time_b heads are dense and count
 *     whole); a dense network's equal its recurrent parameters;</li>
 * <li>synapses: for an NCP the wiring's synapses (neuron to neuron, motor neuron included) plus its sensory synapses
 *     (input to neuron); for a dense network the same notion: distinct (source, target) pairs with a nonzero weight
 *     in the input, recurrent and readout matrices, a pair counted once however many gates it feeds.</li>
 * </ul>
 */
public record ModelSizes(String type, long parameters, long recurrentParameters, long effectiveRecurrent, long synapses) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelSizes of(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        String metaText = c.metadata() == null ? null : c.metadata().get(ModelFile.METADATA_KEY);
        if (metaText == null) throw new IllegalArgumentException("not a liquidpilot model file (no metadata)");
        JsonNode meta = JSON.readTree(metaText);
        if (meta == null || !meta.isObject()) throw new IllegalArgumentException("model metadata is not a JSON object");
        String format = meta.path("format").asText("");
        long params = 0;
        for (Map.Entry<String, Tensor> t : c.tensors().entrySet()) {
            if (t.getKey().endsWith("sparsity_mask") || t.getKey().startsWith("wiring.")) continue;
            params += Tensor.elementCount(t.getValue().shape());
        }
        String trainedAs = meta.path("training").path("model_type").asText("");
        if (format.equals(ModelFile.FORMAT)) {
            JsonNode w = meta.path("wiring");
            long synapses = w.isObject() ? w.path("synapses").asLong() + w.path("sensory_synapses").asLong() : -1;
            String type = trainedAs.isEmpty() ? meta.path("cell").asText("?") + (w.isObject() ? " " + w.path("kind").asText("") + " " + w.path("units").asInt() : "") : trainedAs;
            // A learned front end is a parameter but no part of the recurrent cell.
            long front = 0;
            for (String k : List.of(LinearFrontEnd.WEIGHT, LinearFrontEnd.BIAS)) {
                Tensor t = c.tensors().get(k);
                if (t != null) front += Tensor.elementCount(t.shape());
            }
            return new ModelSizes(type, params, params - front, params - front - maskedOut(c), synapses);
        }
        if (format.equals(ModelFile.BASELINE_FORMAT)) {
            String cell = meta.path("cell").asText("");
            int h = meta.path("constructor").path("hidden_size").asInt();
            long recurrent = 0;
            for (Map.Entry<String, Tensor> t : c.tensors().entrySet()) {
                if (!cell.equals("mlp") && t.getKey().startsWith(cell + ".")) recurrent += Tensor.elementCount(t.getValue().shape());
            }
            long synapses = 0;
            for (Map.Entry<String, Tensor> t : c.tensors().entrySet()) {
                String k = t.getKey();
                boolean weight = k.equals("fc.weight") || k.equals("mlp.0.weight") || k.matches("(lstm|gru)\\.weight_(ih|hh)_l0") || k.matches("ctrnn\\.w_(in|rec)");
                if (weight && t.getValue().rank() == 2) synapses += connections(t.getValue(), h);
            }
            return new ModelSizes(trainedAs.isEmpty() ? cell + "-" + h : trainedAs, params, recurrent, recurrent, synapses);
        }
        throw new IllegalArgumentException("unknown model format '" + format + "'");
    }

    /** Parameter entries an NCP's sparsity masks zero, so they never reach the output. */
    public static long maskedOut(SafeTensors.Contents c) {
        long n = 0;
        for (Map.Entry<String, Tensor> t : c.tensors().entrySet()) {
            String k = t.getKey();
            int dot = k.lastIndexOf('.');
            String prefix = dot < 0 ? "" : k.substring(0, dot + 1), name = k.substring(dot + 1);
            String mask = null;
            if (name.equals("w") || name.equals("mu") || name.equals("sigma") || name.equals("erev")) mask = prefix + "sparsity_mask";
            else if (name.startsWith("sensory_") && !name.endsWith("mask")) mask = prefix + "sensory_sparsity_mask";
            else if (name.equals("weight") && (prefix.endsWith(".ff1.") || prefix.endsWith(".ff2."))) {
                mask = prefix.substring(0, prefix.length() - 4) + "sparsity_mask";
            }
            Tensor m = mask == null ? null : c.tensors().get(mask);
            if (m == null || !java.util.Arrays.equals(m.shape(), t.getValue().shape())) continue;
            for (double v : m.data()) if (v == 0) n++;
        }
        return n;
    }

    /** Distinct (target, source) pairs with a nonzero weight; rows are stacked gates of {@code units} targets each when they divide evenly. */
    public static long connections(Tensor w, int units) {
        int rows = w.dim(0), cols = w.dim(1);
        int targets = units > 0 && rows % units == 0 && rows > units ? units : rows;
        long n = 0;
        double[] d = w.data();
        for (int j = 0; j < targets; j++) {
            for (int i = 0; i < cols; i++) {
                for (int g = j; g < rows; g += targets) {
                    if (d[g * cols + i] != 0) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }
}
