package org.liquidpilot.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.NeuronRole;
import org.liquidpilot.liquid.wiring.Wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads trained models. LTC and CfC models are written as the liquidpilot model file (format
 * {@code liquidpilot-model}, ncps tensor names, ncps constructor, wiring matrices and roles, training
 * provenance), which the liquid core loads for inference. Baselines are written in the same container with
 * format {@code liquidpilot-baseline}, their PyTorch-style tensor names and their sizes.
 */
public final class TrainedModelFile {
    public static final String METADATA_KEY = "liquidpilot";
    public static final String MODEL_FORMAT = "liquidpilot-model";
    public static final String BASELINE_FORMAT = "liquidpilot-baseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainedModelFile() {}

    public static void save(Path file, TrainableModel model, JsonNode training) throws IOException {
        SafeTensors.write(file, model.fileTensors(), Map.of(METADATA_KEY, metadata(model, training).toString()));
    }

    public static ObjectNode metadata(TrainableModel model, JsonNode training) {
        ObjectNode m = JSON.createObjectNode();
        if (model instanceof BaselineModel) {
            m.put("format", BASELINE_FORMAT);
            m.put("format_version", 1);
            m.put("cell", model.type());
            m.set("constructor", JSON.valueToTree(model.config()));
        } else {
            m.put("format", MODEL_FORMAT);
            m.put("format_version", 1);
            NetWiring w = model instanceof LtcModel l ? l.wiring() : ((CfcModel) model).wiring();
            m.put("cell", model instanceof LtcModel ? "LTC" : "CfC");
            m.set("constructor", ncpsConstructor(model, w));
            m.put("dtype", "F32");
            if (w != null) m.set("wiring", wiringNode(w));
            ObjectNode os = m.putObject("output_scaling");
            ArrayNode scale = os.putArray("scale"), offset = os.putArray("offset");
            for (int i = 0; i < model.outputSize(); i++) {
                scale.add(1.0);
                offset.add(0.0);
            }
        }
        if (training != null) m.set("training", training);
        return m;
    }

    private static ObjectNode ncpsConstructor(TrainableModel model, NetWiring w) {
        ObjectNode c = JSON.createObjectNode();
        Map<String, Object> cfg = model.config();
        c.put("cls", (String) cfg.get("cls"));
        c.put("input_size", model.inputSize());
        if (w != null && w.source() != null && w.source().spec() != null) c.set("units", JSON.valueToTree(w.source().spec().constructorArgs()));
        else if (w != null && model instanceof CfcModel) {
            throw new IllegalArgumentException("a wired CfC needs the wiring's constructor to be saved in ncps form");
        } else c.put("units", model instanceof LtcModel ? w.units() : model.stateSize());
        if (model instanceof LtcModel l) {
            LtcModel.Config lc = l.ltcConfig();
            c.put("return_sequences", true);
            c.put("batch_first", true);
            c.put("mixed_memory", l.mixedMemory());
            c.put("input_mapping", lc.inputMapping());
            c.put("output_mapping", lc.outputMapping());
            c.put("ode_unfolds", lc.odeUnfolds());
            c.put("epsilon", lc.epsilon());
            c.put("implicit_param_constraints", lc.implicitConstraints());
        } else {
            CfcModel cm = (CfcModel) model;
            c.putNull("proj_size");
            c.put("return_sequences", true);
            c.put("batch_first", true);
            c.put("mixed_memory", cm.mixedMemory());
            c.put("mode", cm.mode().ncpsName());
            c.put("activation", cm.activation().ncpsName);
            if (w == null) {
                CfcModel.Layer l = cm.layers.get(0);
                c.put("backbone_units", l.bbUnits);
                c.put("backbone_layers", l.bbLayers);
                c.put("backbone_dropout", 0.0);
            } else {
                c.putNull("backbone_units");
                c.putNull("backbone_layers");
                c.putNull("backbone_dropout");
            }
        }
        return c;
    }

    private static ObjectNode wiringNode(NetWiring w) {
        ObjectNode wn = JSON.createObjectNode();
        Wiring src = w.source();
        wn.put("kind", src != null ? src.kind() : "FullyConnected");
        if (src != null && src.spec() != null) wn.set("constructor", JSON.valueToTree(src.spec().constructorArgs()));
        wn.put("units", w.units());
        wn.put("input_dim", w.inputs());
        wn.put("output_dim", w.outputs());
        ObjectNode roles = wn.putObject("neurons");
        for (NeuronRole r : List.of(NeuronRole.INTER, NeuronRole.COMMAND, NeuronRole.MOTOR)) {
            ArrayNode a = roles.putArray(r.name().toLowerCase(java.util.Locale.ROOT));
            int[] ids = src != null ? src.neurons(r) : (r == NeuronRole.MOTOR ? range(0, w.outputs()) : r == NeuronRole.INTER ? range(w.outputs(), w.units()) : new int[0]);
            for (int id : ids) a.add(id);
        }
        ArrayNode layers = wn.putArray("layers");
        for (int[] layer : w.layers()) {
            ArrayNode a = layers.addArray();
            for (int id : layer) a.add(id);
        }
        wn.put("synapses", w.synapseCount());
        wn.put("sensory_synapses", w.sensorySynapseCount());
        wn.put("adjacency", "wiring.adjacency_matrix");
        wn.put("sensory_adjacency", "wiring.sensory_adjacency_matrix");
        return wn;
    }

    private static int[] range(int a, int b) {
        int[] r = new int[Math.max(0, b - a)];
        for (int i = 0; i < r.length; i++) r[i] = a + i;
        return r;
    }

    /** A model saved by {@link #save} (or any liquidpilot LTC/CfC model file), ready to train further or evaluate. */
    public static TrainableModel load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        try {
            return fromContents(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The whole {@code liquidpilot} metadata object of a model file (format, constructor, front end, training). */
    public static JsonNode metadata(Path file) throws IOException {
        return metadataOf(SafeTensors.read(file));
    }

    /** The {@code training} object of a saved model's metadata, or null. */
    public static JsonNode training(Path file) throws IOException {
        return metadataOf(SafeTensors.read(file)).get("training");
    }

    private static JsonNode metadataOf(SafeTensors.Contents c) {
        String meta = c.metadata().get(METADATA_KEY);
        if (meta == null) throw new IllegalArgumentException("not a liquidpilot model file (no __metadata__." + METADATA_KEY + ")");
        try {
            JsonNode m = JSON.readTree(meta);
            if (m == null || !m.isObject()) throw new IllegalArgumentException("model metadata is not a JSON object");
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt model metadata (not JSON)");
        }
    }

    static TrainableModel fromContents(SafeTensors.Contents c) {
        JsonNode m = metadataOf(c);
        String format = m.path("format").asText("");
        JsonNode ctor = m.path("constructor");
        if (!ctor.isObject()) throw new IllegalArgumentException("model metadata lacks its constructor");
        TrainableModel model;
        if (format.equals(BASELINE_FORMAT)) {
            model = BaselineModel.create(m.path("cell").asText(""), intArg(ctor, "input_size"), intArg(ctor, "hidden_size"), intArg(ctor, "output_size"));
        } else if (format.equals(MODEL_FORMAT)) {
            String cell = m.path("cell").asText("");
            int inputs = intArg(ctor, "input_size");
            JsonNode units = ctor.path("units");
            NetWiring w = null;
            if (units.isObject() || cell.equals("LTC")) {
                JsonNode wn = m.path("wiring");
                List<int[]> layers = new ArrayList<>();
                for (JsonNode l : wn.path("layers")) {
                    int[] ids = new int[l.size()];
                    for (int i = 0; i < ids.length; i++) ids[i] = l.get(i).asInt();
                    layers.add(ids);
                }
                if (layers.isEmpty()) throw new IllegalArgumentException("model metadata lacks the wiring layers");
                w = NetWiring.fromTensors(c.tensors(), intArg(wn, "output_dim"), layers);
                if (w.inputs() != inputs) throw new IllegalArgumentException("wiring has " + w.inputs() + " inputs but the constructor says " + inputs);
            }
            if (cell.equals("LTC")) {
                model = new LtcModel(w, new LtcModel.Config(ctor.path("ode_unfolds").asInt(6), ctor.path("epsilon").asDouble(1e-8),
                        ctor.path("implicit_param_constraints").asBoolean(true), ctor.path("input_mapping").asText("affine"),
                        ctor.path("output_mapping").asText("affine")), ctor.path("mixed_memory").asBoolean(false));
            } else if (cell.equals("CfC")) {
                if (!ctor.path("proj_size").isNull() && !ctor.path("proj_size").isMissingNode()) {
                    throw new IllegalArgumentException("CfC with proj_size is not trainable here");
                }
                String mode = ctor.path("mode").asText("default");
                boolean mixed = ctor.path("mixed_memory").asBoolean(false);
                model = w != null ? CfcModel.wired(w, mode, mixed)
                        : CfcModel.unwired(inputs, intArg(ctor, "units"), mode, ctor.path("activation").asText("lecun_tanh"),
                        ctor.path("backbone_units").asInt(128), ctor.path("backbone_layers").asInt(1), mixed);
            } else {
                throw new IllegalArgumentException("unknown cell '" + cell + "'");
            }
        } else {
            throw new IllegalArgumentException("not a liquidpilot model file (format '" + format + "')");
        }
        model.params().load(c.tensors());
        return model;
    }

    private static int intArg(JsonNode n, String key) {
        JsonNode v = n.path(key);
        if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 1_000_000) throw new IllegalArgumentException("model metadata: '" + key + "' must be a positive integer, got " + v);
        return v.asInt();
    }

    /** For tests and tools: the tensors a model would be saved with. */
    static Map<String, Tensor> tensors(TrainableModel model) {
        return model.fileTensors();
    }
}
