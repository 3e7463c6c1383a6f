package org.liquidpilot.liquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.NeuronRole;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.liquid.wiring.WiringSpec;
import org.liquidpilot.liquid.wiring.Wirings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The liquidpilot model file: a safetensors file whose tensors are the ncps state dict (so ncps's
 * {@code load_state_dict} takes it after dropping {@code wiring.*}) plus {@code wiring.adjacency_matrix} and
 * {@code wiring.sensory_adjacency_matrix}, and whose {@code __metadata__.liquidpilot} is a JSON string:
 * <pre>{@code
 * {"format": "liquidpilot-model", "format_version": 1, "cell": "LTC", "constructor": {ncps LTC/CfC arguments},
 *  "dtype": "F32", "wiring": {"kind", "constructor", "units", "input_dim", "output_dim",
 *  "neurons": {"inter": [...], "command": [...], "motor": [...]}, "layers": [[...]], "synapses", "sensory_synapses",
 *  "adjacency": "wiring.adjacency_matrix", "sensory_adjacency": "wiring.sensory_adjacency_matrix"},
 *  "front_end": {"kind": "linear", "inputs": N, "outputs": K} (optional), "feature_extractor": {...},
 *  "output_scaling": {"scale": [...], "offset": [...]}, "training": {...}}
 * }</pre>
 * A model with a learned front end ({@link LinearFrontEnd}) also holds {@code front.weight} and {@code front.bias};
 * ncps's {@code load_state_dict} then needs those dropped too, and the model's inputs are the front end's.
 */
public final class ModelFile {
    public static final String FORMAT = "liquidpilot-model";
    /** The comparison models' format: the same container, their PyTorch-style tensor names and sizes. */
    public static final String BASELINE_FORMAT = "liquidpilot-baseline";
    public static final int VERSION = 1;
    public static final String METADATA_KEY = "liquidpilot";
    public static final String ADJACENCY = "wiring.adjacency_matrix";
    public static final String SENSORY_ADJACENCY = "wiring.sensory_adjacency_matrix";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    public static void write(LiquidModel model, Path file) throws IOException {
        SafeTensors.write(file, tensors(model), Map.of(METADATA_KEY, metadata(model).toString()));
    }

    public static byte[] toBytes(LiquidModel model) {
        return SafeTensors.toBytes(tensors(model), Map.of(METADATA_KEY, metadata(model).toString()));
    }

    /** Writes any liquidpilot file: these tensors and this {@code liquidpilot} metadata object. */
    public static void write(Path file, Map<String, Tensor> tensors, JsonNode metadata) throws IOException {
        SafeTensors.write(file, tensors, Map.of(METADATA_KEY, metadata.toString()));
    }

    /** The whole {@code liquidpilot} metadata object of a file (format, constructor, front end, training). */
    public static JsonNode metadata(Path file) throws IOException {
        return metadata(SafeTensors.read(file));
    }

    /** The {@code training} object of a saved model's metadata, or null. */
    public static JsonNode training(Path file) throws IOException {
        return metadata(file).get("training");
    }

    /** The {@code liquidpilot} metadata object of safetensors contents, of any liquidpilot format. */
    public static JsonNode metadata(SafeTensors.Contents c) {
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

    /** The tensors of {@link #write(LiquidModel, Path)}: the ncps state dict and the wiring matrices. */
    public static Map<String, Tensor> tensors(LiquidModel model) {
        Map<String, Tensor> t = new LinkedHashMap<>(model.ncpsStateDict());
        Wiring w = model.wiring();
        if (w != null) {
            t.put(ADJACENCY, matrix(w.adjacency(), model.dtype()));
            t.put(SENSORY_ADJACENCY, matrix(w.sensoryAdjacency(), model.dtype()));
        }
        if (model.frontEnd() != null) t.putAll(model.frontEnd().tensors());
        return t;
    }

    public static ObjectNode metadata(LiquidModel model) {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", FORMAT);
        m.put("format_version", VERSION);
        m.put("cell", model.config().cellType());
        m.set("constructor", model.config().toJson());
        m.put("dtype", model.dtype().name());
        Wiring w = model.wiring();
        if (w != null) {
            ObjectNode wn = m.putObject("wiring");
            wn.put("kind", w.kind());
            if (w.spec() != null) wn.set("constructor", JSON.valueToTree(w.spec().constructorArgs()));
            wn.put("units", w.units());
            wn.put("input_dim", w.inputDim());
            wn.put("output_dim", w.outputDim());
            ObjectNode roles = wn.putObject("neurons");
            for (NeuronRole r : List.of(NeuronRole.INTER, NeuronRole.COMMAND, NeuronRole.MOTOR)) {
                ArrayNode a = roles.putArray(r.name().toLowerCase());
                for (int id : w.neurons(r)) a.add(id);
            }
            ArrayNode layers = wn.putArray("layers");
            for (int[] layer : w.layers()) {
                ArrayNode a = layers.addArray();
                for (int id : layer) a.add(id);
            }
            wn.put("synapses", w.synapseCount());
            wn.put("sensory_synapses", w.sensorySynapseCount());
            wn.put("adjacency", ADJACENCY);
            wn.put("sensory_adjacency", SENSORY_ADJACENCY);
        }
        if (model.frontEnd() != null) m.set(LinearFrontEnd.METADATA_KEY, model.frontEnd().metadata());
        if (model.featureExtractor() != null) m.set("feature_extractor", model.featureExtractor());
        ObjectNode os = m.putObject("output_scaling");
        ArrayNode scale = os.putArray("scale"), offset = os.putArray("offset");
        for (double d : model.outputScaling().scale()) scale.add(d);
        for (double d : model.outputScaling().offset()) offset.add(d);
        if (model.training() != null) m.set("training", model.training());
        return m;
    }

    public static LiquidModel read(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        try {
            return fromContents(c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public static LiquidModel parse(byte[] bytes) {
        return fromContents(SafeTensors.parse(bytes));
    }

    /** A model from safetensors contents that carry the liquidpilot metadata. */
    public static LiquidModel fromContents(SafeTensors.Contents c) {
        String meta = c.metadata().get(METADATA_KEY);
        if (meta == null) {
            throw new IllegalArgumentException("not a liquidpilot model file (no __metadata__." + METADATA_KEY
                    + "; a bare ncps state dict needs its constructor: model import-ncps)");
        }
        JsonNode m;
        try {
            m = JSON.readTree(meta);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("corrupt model metadata (not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (m == null || !m.isObject() || !FORMAT.equals(m.path("format").asText())) {
            throw new IllegalArgumentException("not a liquidpilot model file (metadata format is not '" + FORMAT + "')");
        }
        int version = m.path("format_version").asInt(-1);
        if (version < 1 || version > VERSION) throw new IllegalArgumentException("unsupported model format version " + m.path("format_version"));
        ModelConfig config = ModelConfig.fromNcps(m.get("constructor"));
        if (!config.cellType().equals(m.path("cell").asText(config.cellType()))) {
            throw new IllegalArgumentException("metadata cell '" + m.path("cell").asText() + "' disagrees with its constructor");
        }
        Wiring wiring = config.wiring() == null ? null : wiring(config, m.path("wiring"), c);
        Map<String, Tensor> state = new LinkedHashMap<>(c.tensors());
        state.remove(ADJACENCY);
        state.remove(SENSORY_ADJACENCY);
        LinearFrontEnd front = LinearFrontEnd.take(m, state, config.inputSize());
        // keep ncps's registration order, whatever order the file stores
        Parameters p = new Parameters();
        for (String key : ParameterLayout.shapes(config, wiring).keySet()) {
            Tensor t = state.remove(key);
            if (t == null) throw new IllegalArgumentException("missing tensor '" + key + "'");
            p.put(key, t);
        }
        if (!state.isEmpty()) throw new IllegalArgumentException("unexpected tensor '" + state.keySet().iterator().next() + "'");
        OutputScaling scaling = null;
        JsonNode os = m.get("output_scaling");
        if (os != null && !os.isNull()) scaling = new OutputScaling(doubles(os.path("scale"), "output_scaling.scale"), doubles(os.path("offset"), "output_scaling.offset"));
        return new LiquidModel(config, wiring, p, nullable(m.get("feature_extractor")), scaling, nullable(m.get("training")), front);
    }

    /** The wiring from the file's matrices and neuron lists; its constructor is kept when it rebuilds them exactly. */
    static Wiring wiring(ModelConfig config, JsonNode wn, SafeTensors.Contents c) {
        int n = config.stateSize(), s = config.inputSize();
        if (!c.tensors().containsKey(ADJACENCY) || !c.tensors().containsKey(SENSORY_ADJACENCY)) {
            throw new IllegalArgumentException("missing tensor '" + ADJACENCY + "' or '" + SENSORY_ADJACENCY + "'");
        }
        int[][] adj = intMatrix(c.require(ADJACENCY).requireShape(ADJACENCY, n, n));
        int[][] sens = intMatrix(c.require(SENSORY_ADJACENCY).requireShape(SENSORY_ADJACENCY, s, n));
        if (!wn.isObject()) throw new IllegalArgumentException("metadata lacks the wiring object");
        List<int[]> layers = new ArrayList<>();
        for (JsonNode l : wn.path("layers")) layers.add(ints(l, "wiring.layers", n));
        if (layers.isEmpty()) throw new IllegalArgumentException("metadata wiring has no layers");
        JsonNode roles = wn.path("neurons");
        int[] motor = ints(roles.path("motor"), "wiring.neurons.motor", n);
        int[] command = ints(roles.path("command"), "wiring.neurons.command", n);
        int[] inter = ints(roles.path("inter"), "wiring.neurons.inter", n);
        Wiring fromFile = new Wiring(null, s, config.outputSize() > n ? n : config.wiring().outputDim(), adj, sens, layers, motor, command, inter);
        WiringSpec spec = config.wiring();
        JsonNode ctor = wn.get("constructor");
        if (ctor != null && ctor.isObject()) spec = Wirings.fromJson(ctor);
        if (spec.units() == n) {
            Wiring rebuilt = spec.build(s);
            if (rebuilt.equals(fromFile)) return rebuilt;
        }
        return fromFile;
    }

    private static JsonNode nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    private static int[] ints(JsonNode a, String what, int bound) {
        if (!a.isArray() || a.size() > bound) throw new IllegalArgumentException("metadata " + what + " must be an array of neuron ids");
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= bound) throw new IllegalArgumentException("metadata " + what + " holds " + v);
            r[i] = v.asInt();
        }
        return r;
    }

    private static double[] doubles(JsonNode a, String what) {
        if (!a.isArray() || a.size() > 1_000_000) throw new IllegalArgumentException("metadata " + what + " must be an array of numbers");
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) {
            if (!a.get(i).isNumber()) throw new IllegalArgumentException("metadata " + what + " holds " + a.get(i));
            r[i] = a.get(i).asDouble();
        }
        return r;
    }

    static int[][] intMatrix(Tensor t) {
        int rows = t.dim(0), cols = t.dim(1);
        int[][] m = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = t.data()[i * cols + j];
                if (v != -1 && v != 0 && v != 1) throw new IllegalArgumentException("wiring matrix entries must be -1, 0 or 1, found " + v);
                m[i][j] = (int) v;
            }
        }
        return m;
    }

    static Tensor matrix(int[][] m, Tensor.DType dtype) {
        int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
        double[] d = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) d[i * cols + j] = m[i][j];
        return new Tensor(dtype, new int[]{rows, cols}, d);
    }
}
