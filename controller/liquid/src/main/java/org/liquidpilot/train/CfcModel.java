package org.liquidpilot.train;

import org.liquidpilot.liquid.io.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ncps's {@code CfC}: either one {@code CfCCell} with a backbone ({@code CfC(in, units)}), or a {@code WiredCfCCell}
 * whose layers follow a wiring ({@code CfC(in, AutoNCP(...))}), in mode default, pure or no_gate. Both are a chain
 * of the same layer type, so one kernel trains both. Tensor names are ncps's {@code state_dict} names.
 */
public final class CfcModel implements TrainableModel {

    public enum Mode {
        DEFAULT, PURE, NO_GATE;

        public static Mode of(String s) {
            return switch (s) {
                case "default" -> DEFAULT;
                case "pure" -> PURE;
                case "no_gate" -> NO_GATE;
                default -> throw new IllegalArgumentException("CfC mode must be default, pure or no_gate, got '" + s + "'");
            };
        }

        public String ncpsName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One CfC layer: {@code in} inputs, {@code hidden} units, an optional backbone, and an optional mask
     * (hidden × (in+hidden), ncps's stored {@code sparsity_mask}) on ff1 and ff2. Offsets point into the flat
     * parameters; -1 where the mode has no such tensor.
     */
    static final class Layer {
        final String prefix;
        final int in, hidden, bbUnits, bbLayers, cat;
        final double[] mask;
        int[] bbW, bbB;
        int ff1W, ff1B, ff2W = -1, ff2B = -1, taW = -1, taB = -1, tbW = -1, tbB = -1, wTau = -1, a = -1;

        Layer(String prefix, int in, int hidden, int bbUnits, int bbLayers, double[] mask) {
            this.prefix = prefix;
            this.in = in;
            this.hidden = hidden;
            this.bbUnits = bbUnits;
            this.bbLayers = bbLayers;
            this.mask = mask;
            this.cat = bbLayers > 0 ? bbUnits : in + hidden;
        }

        int bbIn(int l) {
            return l == 0 ? in + hidden : bbUnits;
        }
    }

    private final int inputs, units, outputs;
    private final Mode mode;
    private final Activation activation;
    private final NetWiring wiring; // null for the unwired cell
    final List<Layer> layers;
    private final ParamSet params;
    /** The mixed-memory LSTM run before the cell each step, or null. */
    final MixedMemory mm;

    private CfcModel(int inputs, Mode mode, Activation activation, NetWiring wiring, List<Layer> layers, boolean mixedMemory) {
        this.inputs = inputs;
        this.mode = mode;
        this.activation = activation;
        this.wiring = wiring;
        this.layers = layers;
        int u = 0;
        for (Layer l : layers) u += l.hidden;
        this.units = u;
        this.outputs = layers.get(layers.size() - 1).hidden;
        ParamSet.Builder b = ParamSet.builder();
        for (Layer l : layers) {
            if (mode == Mode.PURE) {
                l.wTau = b.add(l.prefix + "w_tau", 1, l.hidden);
                l.a = b.add(l.prefix + "A", 1, l.hidden);
            }
            l.bbW = new int[l.bbLayers];
            l.bbB = new int[l.bbLayers];
            for (int k = 0; k < l.bbLayers; k++) {
                l.bbW[k] = b.add(l.prefix + "backbone." + (2 * k) + ".weight", l.bbUnits, l.bbIn(k));
                l.bbB[k] = b.add(l.prefix + "backbone." + (2 * k) + ".bias", l.bbUnits);
            }
            l.ff1W = b.add(l.prefix + "ff1.weight", l.hidden, l.cat);
            l.ff1B = b.add(l.prefix + "ff1.bias", l.hidden);
            if (mode != Mode.PURE) {
                l.ff2W = b.add(l.prefix + "ff2.weight", l.hidden, l.cat);
                l.ff2B = b.add(l.prefix + "ff2.bias", l.hidden);
                l.taW = b.add(l.prefix + "time_a.weight", l.hidden, l.cat);
                l.taB = b.add(l.prefix + "time_a.bias", l.hidden);
                l.tbW = b.add(l.prefix + "time_b.weight", l.hidden, l.cat);
                l.tbB = b.add(l.prefix + "time_b.bias", l.hidden);
            }
        }
        mm = mixedMemory ? new MixedMemory(b, inputs, units) : null;
        params = b.build();
    }

    /** {@code CfC(inputs, units, mode, activation, backbone_units, backbone_layers)} without a wiring. */
    public static CfcModel unwired(int inputs, int units, String mode, String activation, int backboneUnits, int backboneLayers) {
        return unwired(inputs, units, mode, activation, backboneUnits, backboneLayers, false);
    }

    /** @param mixedMemory ncps's {@code mixed_memory=True}: an LSTM cell feeds the state each step; the state is (h, c) */
    public static CfcModel unwired(int inputs, int units, String mode, String activation, int backboneUnits, int backboneLayers, boolean mixedMemory) {
        if (inputs < 1 || units < 1 || backboneLayers < 0 || (backboneLayers > 0 && backboneUnits < 1)) {
            throw new IllegalArgumentException("CfC needs inputs ≥ 1, units ≥ 1 and a non-empty backbone");
        }
        Layer l = new Layer("rnn_cell.", inputs, units, backboneUnits, backboneLayers, null);
        return new CfcModel(inputs, Mode.of(mode), Activation.of(activation), null, List.of(l), mixedMemory);
    }

    /** {@code CfC(inputs, wiring, mode)}: one layer per wiring layer, masked by the wiring's feed-forward synapses. */
    public static CfcModel wired(NetWiring wiring, String mode) {
        return wired(wiring, mode, false);
    }

    public static CfcModel wired(NetWiring wiring, String mode, boolean mixedMemory) {
        List<Layer> layers = new ArrayList<>();
        int[] prev = null;
        for (int li = 0; li < wiring.layers().size(); li++) {
            int[] ids = wiring.layers().get(li);
            int in = prev == null ? wiring.inputs() : prev.length, h = ids.length;
            double[] mask = new double[h * (in + h)];
            for (int o = 0; o < h; o++) {
                for (int i = 0; i < in; i++) {
                    int adj = prev == null ? wiring.sensoryAdjacency()[i * wiring.units() + ids[o]]
                            : wiring.adjacency()[prev[i] * wiring.units() + ids[o]];
                    mask[o * (in + h) + i] = Math.abs(adj);
                }
                for (int i = 0; i < h; i++) mask[o * (in + h) + in + i] = 1;
            }
            layers.add(new Layer("rnn_cell.layer_" + li + ".", in, h, 0, 0, mask));
            prev = ids;
        }
        int last = wiring.layers().get(wiring.layers().size() - 1).length;
        if (last != wiring.outputs()) throw new IllegalArgumentException("the last wiring layer must be the " + wiring.outputs() + " motor neurons");
        return new CfcModel(wiring.inputs(), Mode.of(mode), Activation.LECUN_TANH, wiring, layers, mixedMemory);
    }

    /** PyTorch's Linear default init followed by xavier_uniform on every 2-D tensor, as ncps does. */
    public CfcModel initialise(long seed) {
        Random r = new Random(seed);
        double[] p = params.values();
        for (ParamSet.Slot slot : params.slots().values()) {
            if (slot.name().startsWith("lstm.")) continue;
            int[] sh = slot.shape();
            double bound;
            if (sh.length == 2) bound = Math.sqrt(6.0 / (sh[0] + sh[1]));
            else {
                // A bias: U(±1/√fan_in) of its Linear, whose weight precedes it.
                String wName = slot.name().substring(0, slot.name().length() - "bias".length()) + "weight";
                bound = 1 / Math.sqrt(params.slot(wName).shape()[1]);
            }
            for (int i = 0; i < slot.size(); i++) p[slot.offset() + i] = (2 * r.nextDouble() - 1) * bound;
        }
        if (mm != null) mm.initialise(p, r);
        return this;
    }

    public CfcModel load(Map<String, Tensor> stateDict) {
        params.load(stateDict);
        return this;
    }

    public Mode mode() {
        return mode;
    }

    public Activation activation() {
        return activation;
    }

    public NetWiring wiring() {
        return wiring;
    }

    @Override
    public String type() {
        return "cfc";
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public int stateSize() {
        return mm != null ? 2 * units : units;
    }

    public boolean mixedMemory() {
        return mm != null;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new CfcKernel(this, maxSteps);
    }

    @Override
    public Map<String, Tensor> fileTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>(params.toTensors(Tensor.DType.F32));
        for (Layer l : layers) {
            if (l.mask != null) t.put(l.prefix + "sparsity_mask", Tensor.f32(new int[]{l.hidden, l.in + l.hidden}, l.mask.clone()));
        }
        if (wiring != null) t.putAll(wiring.toTensors());
        return t;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cls", "CfC");
        c.put("input_size", inputs);
        c.put("units", units);
        c.put("output_size", outputs);
        c.put("mode", mode.ncpsName());
        c.put("wired", wiring != null);
        c.put("return_sequences", true);
        c.put("batch_first", true);
        c.put("mixed_memory", mm != null);
        if (wiring == null) {
            Layer l = layers.get(0);
            c.put("activation", activation.ncpsName);
            c.put("backbone_units", l.bbUnits);
            c.put("backbone_layers", l.bbLayers);
            c.put("backbone_dropout", 0.0);
        }
        return c;
    }
}
