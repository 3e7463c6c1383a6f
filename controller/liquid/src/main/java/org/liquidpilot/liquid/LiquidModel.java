package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.liquid.wiring.NeuronRole;
import org.liquidpilot.liquid.wiring.Wiring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An LTC or CfC sequence model as ncps defines it, ready to run: its constructor ({@link ModelConfig}), its built
 * {@link Wiring}, its {@link Parameters} under ncps state_dict keys, and the liquidpilot extras of the model file
 * (feature extractor, output scaling, training provenance).
 *
 * <p>Entry points: {@link #load(Path)} / {@link #save(Path)} for model files, {@link #fromNcps} / {@link #ncpsStateDict()}
 * for ncps state dicts, {@link #random} to start training from scratch, {@link #run} for whole batches of sequences
 * and {@link #newStream()} for control loops.
 *
 * <p>Arithmetic is double precision throughout; float32 parameters are widened exactly. Against ncps this matches
 * float64 ncps to rounding and float32 ncps to float32's own error (see controller/README.md).
 */
public final class LiquidModel {
    private final ModelConfig config;
    private final Wiring wiring;
    private final Parameters parameters;
    private final JsonNode featureExtractor;
    private final OutputScaling outputScaling;
    private final JsonNode training;
    private final Recurrent net;
    /** The learned linear front end before the cell, or null: the features go to the cell as they are. */
    private final LinearFrontEnd front;

    LiquidModel(ModelConfig config, Wiring wiring, Parameters parameters, JsonNode featureExtractor,
                OutputScaling outputScaling, JsonNode training) {
        this(config, wiring, parameters, featureExtractor, outputScaling, training, null);
    }

    LiquidModel(ModelConfig config, Wiring wiring, Parameters parameters, JsonNode featureExtractor,
                OutputScaling outputScaling, JsonNode training, LinearFrontEnd front) {
        if (front != null && front.outputs() != config.inputSize()) {
            throw new IllegalArgumentException("front end gives " + front.outputs() + " values, the cell takes " + config.inputSize());
        }
        this.front = front;
        this.config = config;
        this.wiring = wiring;
        this.parameters = checked(config, wiring, parameters);
        this.featureExtractor = featureExtractor == null ? null : featureExtractor.deepCopy();
        this.outputScaling = outputScaling == null ? OutputScaling.identity(config.outputSize()) : outputScaling;
        if (this.outputScaling.size() != config.outputSize()) {
            throw new IllegalArgumentException("output scaling has " + this.outputScaling.size() + " values, the model has " + config.outputSize() + " outputs");
        }
        this.training = training == null ? null : training.deepCopy();
        this.net = compile(config, wiring, this.parameters);
    }

    /** A model from an ncps constructor and state dict; the wiring is rebuilt from its seed. Extra tensors are ignored. */
    public static LiquidModel fromNcps(ModelConfig config, Map<String, Tensor> stateDict) {
        return fromNcps(config, stateDict, null);
    }

    /**
     * A model from an ncps constructor and state dict. {@code wiring} overrides the one rebuilt from the constructor
     * (e.g. a wiring read from {@code wiring.*} tensors); the state dict's masks must agree with it.
     */
    public static LiquidModel fromNcps(ModelConfig config, Map<String, Tensor> stateDict, Wiring wiring) {
        Wiring w = wiring != null ? wiring : buildWiring(config);
        Parameters p = new Parameters();
        for (String key : ParameterLayout.shapes(config, w).keySet()) {
            Tensor t = stateDict.get(key);
            if (t == null) throw new IllegalArgumentException("state dict lacks '" + key + "' needed by " + config.cellType());
            p.put(key, t);
        }
        return new LiquidModel(config, w, p, null, null, null);
    }

    /** A freshly initialised model (ncps's initial ranges, drawn from {@code seed}). */
    public static LiquidModel random(ModelConfig config, long seed) {
        Wiring w = buildWiring(config);
        return new LiquidModel(config, w, ParameterLayout.randomInit(config, w, seed), null, null, null);
    }

    /** The wiring ncps would build for this constructor, or null for a CfC with integer units. */
    public static Wiring buildWiring(ModelConfig config) {
        return config.wiring() == null ? null : config.wiring().build(config.inputSize());
    }

    public static LiquidModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }

    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    /** The same model with these parameters (same keys and shapes), e.g. after a training step. */
    public LiquidModel withParameters(Parameters p) {
        return new LiquidModel(config, wiring, p, featureExtractor, outputScaling, training, front);
    }

    /** The same model with the model file's extras replaced (any may be null). */
    public LiquidModel withExtras(JsonNode featureExtractor, OutputScaling outputScaling, JsonNode training) {
        return new LiquidModel(config, wiring, parameters, featureExtractor, outputScaling, training, front);
    }

    /** The same model with the learned linear front end {@code f} before the cell (null: none). */
    public LiquidModel withFrontEnd(LinearFrontEnd f) {
        return new LiquidModel(config, wiring, parameters, featureExtractor, outputScaling, training, f);
    }

    /** The learned linear front end before the cell, or null when the features feed the cell directly. */
    public LinearFrontEnd frontEnd() {
        return front;
    }

    public ModelConfig config() {
        return config;
    }

    /** The built wiring, or null for a CfC with integer units. */
    public Wiring wiring() {
        return wiring;
    }

    public Parameters parameters() {
        return parameters.copy();
    }

    /** The ncps state dict: exactly the tensors (key, dtype, shape, values) ncps's {@code state_dict()} holds. */
    public Map<String, Tensor> ncpsStateDict() {
        return new LinkedHashMap<>(parameters.copy().asMap());
    }

    /** Opaque feature-extractor configuration and normalisation statistics, owned by perception; may be null. */
    public JsonNode featureExtractor() {
        return featureExtractor == null ? null : featureExtractor.deepCopy();
    }

    public OutputScaling outputScaling() {
        return outputScaling;
    }

    /** Training provenance (data, seed, epochs, validation loss); may be null. */
    public JsonNode training() {
        return training == null ? null : training.deepCopy();
    }

    public Tensor.DType dtype() {
        return parameters.dtype();
    }

    /** What a step takes: the front end's inputs when there is one, else the cell's ({@code config().inputSize()}). */
    public int inputSize() {
        return front != null ? front.inputs() : config.inputSize();
    }

    public int outputSize() {
        return net.outputSize();
    }

    public int stateSize() {
        return config.stateSize();
    }

    /** A new stream with a zero state. */
    public LiquidStream newStream() {
        return new LiquidStream(net.fork(), front, stateNeuronIds());
    }

    /** The neuron id of each state slot: identity for LTC and dense CfC, layer order for a wired CfC. */
    public int[] stateNeuronIds() {
        int n = config.stateSize();
        if (config instanceof CfcConfig && wiring != null) {
            int[] ids = new int[n];
            int k = 0;
            for (int[] layer : wiring.layers()) for (int id : layer) ids[k++] = id;
            return ids;
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        return ids;
    }

    /**
     * Whether {@link #run} may take the batch-in-lanes LTC path ({@link LtcVectorBatch}): only when the JVM was started
     * with {@code --add-modules jdk.incubator.vector}, since the Vector API is an incubator module in Java 17.
     */
    static final boolean VECTOR_BATCH = Lanes.AVAILABLE;

    /** Outputs and final states of {@link #run}: flat row-major arrays. */
    public record Result(int batch, int time, int outputs, int units, boolean sequences, double[] out, double[] hn, double[] cn) {}

    /**
     * Runs B sequences of T steps as ncps's forward would, with per-sample timespans (the intended semantics).
     *
     * @param x         (B, T, F) row-major
     * @param timespans (B, T) row-major, or null for dt = 1
     * @param h0        (B, N) initial states, or null for zeros
     * @return out (B, T, M) when return_sequences, else (B, M); hn (B, N); cn (B, N) with mixed memory, else null
     */
    public Result run(double[] x, int batch, int time, double[] timespans, double[] h0) {
        int f = inputSize(), n = config.stateSize(), m = outputSize();
        if (batch < 0 || time < 0) throw new IllegalArgumentException("negative batch or time");
        if ((long) batch * time * f != x.length) throw new IllegalArgumentException("x has " + x.length + " values, expected " + batch + "×" + time + "×" + f);
        if (timespans != null && (long) batch * time != timespans.length) throw new IllegalArgumentException("timespans must have shape (" + batch + ", " + time + ")");
        if (h0 != null && (long) batch * n != h0.length) throw new IllegalArgumentException("initial state must have shape (" + batch + ", " + n + ")");
        requireFinite("input", x);
        if (timespans != null) {
            for (double d : timespans) if (!(d > 0) || !Double.isFinite(d)) throw new IllegalArgumentException("timespans must be positive and finite, found " + d);
        }
        if (h0 != null) requireFinite("initial state", h0);
        boolean seq = config.returnSequences();
        double[] out = new double[seq ? batch * time * m : batch * m];
        double[] hn = new double[batch * n];
        if (VECTOR_BATCH && front == null && net.cellOnly() && net.cell instanceof LtcCell ltc && batch > 1) {
            if (time > 0) new LtcVectorBatch(ltc.math()).run(x, batch, time, timespans, h0, seq, out, hn);
            else if (h0 != null) System.arraycopy(h0, 0, hn, 0, hn.length);
            return new Result(batch, time, m, n, seq, out, hn, null);
        }
        double[] cn = net.mixedMemory() ? new double[batch * n] : null;
        Recurrent r = net.fork();
        double[] xt = new double[f], h = new double[n], c = new double[n], y = new double[m];
        double[] ut = front == null ? xt : new double[config.inputSize()];
        for (int b = 0; b < batch; b++) {
            if (h0 != null) System.arraycopy(h0, b * n, h, 0, n);
            else Arrays.fill(h, 0.0);
            Arrays.fill(c, 0.0);
            for (int t = 0; t < time; t++) {
                System.arraycopy(x, (b * time + t) * f, xt, 0, f);
                double dt = timespans == null ? 1.0 : timespans[b * time + t];
                if (front != null) front.apply(xt, 0, ut, 0);
                r.step(ut, dt, h, c, y);
                if (seq) System.arraycopy(y, 0, out, (b * time + t) * m, m);
            }
            if (!seq && time > 0) System.arraycopy(y, 0, out, b * m, m);
            System.arraycopy(h, 0, hn, b * n, n);
            if (cn != null) System.arraycopy(c, 0, cn, b * n, n);
        }
        return new Result(batch, time, m, n, seq, out, hn, cn);
    }

    /** {@link #run} on tensors: x (B,T,F) or (T,F); timespans (B,T) or (T) or null; h0 (B,N) or null. */
    public Map<String, Tensor> run(Tensor x, Tensor timespans, Tensor h0) {
        boolean unbatched = x.rank() == 2;
        if (x.rank() != 3 && !unbatched) throw new IllegalArgumentException("input must have shape (B, T, F) or (T, F), got " + Arrays.toString(x.shape()));
        int b = unbatched ? 1 : x.dim(0), t = x.dim(unbatched ? 0 : 1), f = x.dim(unbatched ? 1 : 2);
        if (f != inputSize()) throw new IllegalArgumentException("input has " + f + " features, the model takes " + inputSize());
        if (timespans != null) {
            int[] want = unbatched ? new int[]{t} : new int[]{b, t};
            if (!Arrays.equals(timespans.shape(), want)) {
                throw new IllegalArgumentException("timespans have shape " + Arrays.toString(timespans.shape()) + ", expected " + Arrays.toString(want));
            }
        }
        if (h0 != null) h0.requireShape("initial state", unbatched ? new int[]{stateSize()} : new int[]{b, stateSize()});
        Result r = run(x.data(), b, t, timespans == null ? null : timespans.data(), h0 == null ? null : h0.data());
        Tensor.DType dt = dtype();
        Map<String, Tensor> out = new LinkedHashMap<>();
        int[] outShape = r.sequences() ? new int[]{b, t, r.outputs()} : new int[]{b, r.outputs()};
        int[] stateShape = {b, r.units()};
        if (unbatched) {
            outShape = Arrays.copyOfRange(outShape, 1, outShape.length);
            stateShape = new int[]{r.units()};
        }
        out.put("out", new Tensor(Tensor.DType.F64, outShape, r.out()).as(dt));
        out.put("hn", new Tensor(Tensor.DType.F64, stateShape, r.hn()).as(dt));
        if (r.cn() != null) out.put("cn", new Tensor(Tensor.DType.F64, stateShape, r.cn()).as(dt));
        return out;
    }

    private static void requireFinite(String what, double[] d) {
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) throw new IllegalArgumentException(what + " holds " + d[i] + " at flat index " + i);
        }
    }

    /** Number of trainable scalars (masks excluded). */
    public long trainableParameterCount() {
        return parameters.trainableCount() + (front == null ? 0 : front.parameterCount());
    }

    /** Neurons by role, for display: sensory (count), inter, command, motor. */
    public Map<NeuronRole, int[]> neuronsByRole() {
        Map<NeuronRole, int[]> m = new LinkedHashMap<>();
        if (wiring == null) {
            m.put(NeuronRole.SENSORY, range(config.inputSize()));
            m.put(NeuronRole.INTER, range(config.stateSize()));
            return m;
        }
        for (NeuronRole r : List.of(NeuronRole.SENSORY, NeuronRole.INTER, NeuronRole.COMMAND, NeuronRole.MOTOR)) m.put(r, wiring.neurons(r));
        return m;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }

    /** Checks keys, order-independent shapes, finiteness and that the masks agree with the wiring. */
    private static Parameters checked(ModelConfig config, Wiring wiring, Parameters p) {
        if (config.wiring() != null && wiring == null) throw new IllegalArgumentException(config.cellType() + " with a wiring needs the built wiring");
        if (wiring != null && wiring.inputDim() != config.inputSize()) {
            throw new IllegalArgumentException("wiring has " + wiring.inputDim() + " sensory inputs, the model " + config.inputSize());
        }
        if (wiring != null && wiring.units() != config.stateSize()) throw new IllegalArgumentException("wiring has " + wiring.units() + " units, the model " + config.stateSize());
        Map<String, int[]> shapes = ParameterLayout.shapes(config, wiring);
        Parameters ordered = new Parameters();
        List<String> unexpected = new ArrayList<>(p.keys());
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            if (!p.contains(e.getKey())) throw new IllegalArgumentException("missing parameter '" + e.getKey() + "'");
            Tensor t = p.require(e.getKey(), e.getValue());
            if (t.dtype() != Tensor.DType.F32 && t.dtype() != Tensor.DType.F64) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is " + t.dtype() + ", expected F32 or F64");
            }
            ordered.put(e.getKey(), t);
            unexpected.remove(e.getKey());
        }
        if (!unexpected.isEmpty()) throw new IllegalArgumentException("unexpected parameter '" + unexpected.get(0) + "' for " + config.cellType());
        if (wiring != null) {
            // ncps computes with the stored masks; a mask from another seed would silently give another circuit
            for (ParameterLayout.Entry e : ParameterLayout.entries(config, wiring)) {
                if (!e.key().endsWith("sparsity_mask")) continue;
                double[] want = e.init().apply(null);
                double[] have = ordered.get(e.key()).data();
                for (int i = 0; i < want.length; i++) {
                    if (want[i] != have[i]) {
                        throw new IllegalArgumentException("'" + e.key() + "' does not match the " + wiring.kind()
                                + " wiring (built with another seed or size?)");
                    }
                }
            }
        }
        return ordered;
    }

    private static Recurrent compile(ModelConfig config, Wiring wiring, Parameters p) {
        Cell cell;
        Dense fc = null;
        if (config instanceof LtcConfig c) {
            cell = new LtcCell(c, c.outputSize(), p, "rnn_cell.");
        } else {
            CfcConfig c = (CfcConfig) config;
            cell = wiring != null
                    ? new WiredCfcCell(c.inputSize(), wiring, c.mode(), p, "rnn_cell.")
                    : new CfcCell(c.inputSize(), c.units(), c.mode(), c.activation(), c.backboneUnits(), c.backboneLayers(),
                    c.backboneDropout(), false, p, "rnn_cell.");
            if (c.projSize() > 0) {
                int in = cell.outputSize();
                fc = Dense.stack(in, new double[][]{p.values("fc.weight", c.projSize(), in)}, null,
                        new double[][]{p.values("fc.bias", c.projSize())});
            }
        }
        LstmCell lstm = config.mixedMemory() ? new LstmCell(config.inputSize(), config.stateSize(), p.flat(), "lstm.") : null;
        return new Recurrent(cell, lstm, fc);
    }
}
