package org.liquidpilot.train;

import org.liquidpilot.liquid.Activation;
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMath;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.ParameterLayout;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.liquid.io.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ncps's {@code CfC} for training: either one {@code CfCCell} with a backbone ({@code CfC(in, units)}), or a
 * {@code WiredCfCCell} whose layers follow a wiring ({@code CfC(in, AutoNCP(...))}), in mode default, pure or no_gate.
 * Both are a chain of {@link CfcMath} layers, the equations streaming inference runs too, so one kernel trains both.
 * Tensors are {@link ParameterLayout}'s ncps {@code state_dict} names.
 */
public final class CfcModel extends NcpsModel<CfcConfig> {

    /** One CfC layer: its cell prefix, sizes and sparsity mask (hidden × (in+hidden); null when unwired). */
    record Layer(String prefix, int in, int hidden, double[] mask) {}

    final List<Layer> layers;

    /** A model of {@code config}; {@code wiring} is the built wiring of a wired CfC (e.g. read from a file), else null. */
    public CfcModel(CfcConfig config, Wiring wiring) {
        super(trainable(config, wiring), wiring);
        List<Layer> ls = new ArrayList<>();
        if (wiring == null) {
            ls.add(new Layer("rnn_cell.", config.inputSize(), config.units(), null));
        } else {
            List<ParameterLayout.Entry> entries = ParameterLayout.entries(config, wiring);
            int in = config.inputSize();
            for (int li = 0; li < wiring.layerCount(); li++) {
                String prefix = "rnn_cell.layer_" + li + ".";
                int h = wiring.layer(li).length;
                double[] mask = entries.stream().filter(e -> e.key().equals(prefix + "sparsity_mask")).findFirst()
                        .orElseThrow().init().apply(null);
                ls.add(new Layer(prefix, in, h, mask));
                in = h;
            }
        }
        layers = List.copyOf(ls);
    }

    private static CfcConfig trainable(CfcConfig config, Wiring wiring) {
        if (config.projSize() > 0) throw new IllegalArgumentException("CfC with proj_size is not trainable here");
        if ((config.wiring() == null) != (wiring == null)) throw new IllegalArgumentException("a wired CfC needs its built wiring, an unwired one none");
        return config;
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
        return new CfcModel(new CfcConfig(inputs, null, units, 0, true, mixedMemory, CfcMode.byName(mode),
                Activation.byName(activation), backboneUnits, backboneLayers, 0.0), null);
    }

    /** {@code CfC(inputs, wiring, mode)}: one layer per wiring layer, masked by the wiring's feed-forward synapses. */
    public static CfcModel wired(Wiring wiring, String mode) {
        return wired(wiring, mode, false);
    }

    public static CfcModel wired(Wiring wiring, String mode, boolean mixedMemory) {
        if (wiring.spec() == null) throw new IllegalArgumentException("a wired CfC needs the wiring's constructor to be saved in ncps form");
        int last = wiring.layer(wiring.layerCount() - 1).length;
        if (last != wiring.outputDim()) throw new IllegalArgumentException("the last wiring layer must be the " + wiring.outputDim() + " motor neurons");
        CfcConfig c = new CfcConfig(wiring.inputDim(), wiring.spec(), wiring.units(), 0, true, mixedMemory,
                CfcMode.byName(mode), Activation.LECUN_TANH, 0, 0, 0.0);
        return new CfcModel(c, wiring);
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

    /** The equations of layer {@code li} over this model's layout; each kernel owns one per layer. */
    CfcMath newMath(int li) {
        Layer l = layers.get(li);
        return new CfcMath(l.in(), l.hidden(), config.mode(), config.activation(), config.backboneUnits(),
                config.backboneLayers(), config.backboneDropout(), l.mask(), key -> params.offsetOrAbsent(l.prefix() + key));
    }

    public CfcConfig cfcConfig() {
        return config;
    }

    public CfcMode mode() {
        return config.mode();
    }

    public Activation activation() {
        return config.activation();
    }

    @Override
    public String type() {
        return "cfc";
    }

    @Override
    public SequenceKernel newKernel(int maxSteps) {
        return new CfcKernel(this, maxSteps);
    }
}
