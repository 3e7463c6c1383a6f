package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.wiring.WiringSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ncps {@code CfC(input_size, units, proj_size, return_sequences, batch_first, mixed_memory, mode, activation,
 * backbone_units, backbone_layers, backbone_dropout)}. With a wiring the cell is a wired CfC (one CfC per layer, no
 * backbone); with an integer {@code units} it is a plain CfC with a backbone (defaults 128 units, 1 layer).
 *
 * @param wiring   null for integer units
 * @param units    the state size (the wiring's units when wired)
 * @param projSize 0 for none (ncps None)
 */
public record CfcConfig(int inputSize, WiringSpec wiring, int units, int projSize, boolean returnSequences,
                        boolean mixedMemory, CfcMode mode, Activation activation, int backboneUnits,
                        int backboneLayers, double backboneDropout) implements ModelConfig {

    public CfcConfig {
        if (inputSize < 1 || inputSize > 100_000) throw new IllegalArgumentException("input_size must be in [1, 100000], got " + inputSize);
        if (wiring != null) units = wiring.units();
        if (units < 1 || units > 100_000) throw new IllegalArgumentException("units must be in [1, 100000], got " + units);
        if (projSize < 0 || projSize > 100_000) throw new IllegalArgumentException("proj_size must be in [1, 100000]");
        if (backboneUnits < 0 || backboneUnits > 100_000 || backboneLayers < 0 || backboneLayers > 100) {
            throw new IllegalArgumentException("backbone_units must be in [0, 100000] and backbone_layers in [0, 100]");
        }
        if (wiring == null && backboneLayers > 0 && backboneUnits < 1) throw new IllegalArgumentException("backbone_units must be at least 1");
        if (!(backboneDropout >= 0 && backboneDropout < 1)) throw new IllegalArgumentException("backbone_dropout must be in [0, 1)");
    }

    /** A wired CfC with ncps's defaults. */
    public static CfcConfig wired(int inputSize, WiringSpec wiring, CfcMode mode) {
        return new CfcConfig(inputSize, wiring, wiring.units(), 0, true, false, mode, Activation.LECUN_TANH, 0, 0, 0.0);
    }

    /** {@code CfC(inputSize, units, mode=mode)} with the default backbone (128 units, 1 layer, lecun_tanh). */
    public static CfcConfig dense(int inputSize, int units, CfcMode mode) {
        return new CfcConfig(inputSize, null, units, 0, true, false, mode, Activation.LECUN_TANH, 128, 1, 0.0);
    }

    @Override
    public String cellType() {
        return "CfC";
    }

    @Override
    public int stateSize() {
        return units;
    }

    /** The width of the cell's output before the projection: the last layer when wired (as ncps computes it). */
    public int cellOutputSize() {
        if (wiring == null) return units;
        var built = wiring.build(1);
        return built.layer(built.layerCount() - 1).length;
    }

    @Override
    public int outputSize() {
        return projSize > 0 ? projSize : cellOutputSize();
    }

    public static CfcConfig fromNcps(JsonNode n) {
        if (!ModelConfig.boolArg(n, "batch_first", true)) throw new IllegalArgumentException("batch_first=false is not supported");
        int input = ModelConfig.intArg(n, "input_size", -1, 1, 100_000);
        WiringSpec wiring = ModelConfig.unitsArg(n.get("units"), false);
        boolean anyBackbone = !isNull(n, "backbone_units") || !isNull(n, "backbone_layers") || !isNull(n, "backbone_dropout");
        if (wiring != null && anyBackbone) throw new IllegalArgumentException("a wired CfC takes no backbone_* arguments");
        int units = wiring != null ? wiring.units() : n.get("units").asInt();
        return new CfcConfig(input, wiring, units,
                ModelConfig.intArg(n, "proj_size", 0, 1, 100_000),
                ModelConfig.boolArg(n, "return_sequences", true),
                ModelConfig.boolArg(n, "mixed_memory", false),
                CfcMode.byName(ModelConfig.stringArg(n, "mode", "default")),
                Activation.byName(ModelConfig.stringArg(n, "activation", "lecun_tanh")),
                wiring != null ? 0 : ModelConfig.intArg(n, "backbone_units", 128, 0, 100_000),
                wiring != null ? 0 : ModelConfig.intArg(n, "backbone_layers", 1, 0, 100),
                wiring != null ? 0.0 : ModelConfig.doubleArg(n, "backbone_dropout", 0.0));
    }

    private static boolean isNull(JsonNode n, String key) {
        return n.get(key) == null || n.get(key).isNull();
    }

    @Override
    public Map<String, Object> toNcps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cls", "CfC");
        m.put("input_size", inputSize);
        m.put("units", wiring != null ? wiring.constructorArgs() : units);
        m.put("proj_size", projSize > 0 ? projSize : null);
        m.put("return_sequences", returnSequences);
        m.put("batch_first", true);
        m.put("mixed_memory", mixedMemory);
        m.put("mode", mode.ncpsName);
        m.put("activation", activation.ncpsName);
        m.put("backbone_units", wiring != null ? null : backboneUnits);
        m.put("backbone_layers", wiring != null ? null : backboneLayers);
        m.put("backbone_dropout", wiring != null ? null : backboneDropout);
        return m;
    }
}
