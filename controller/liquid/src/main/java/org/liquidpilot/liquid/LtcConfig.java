package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.wiring.FullyConnected;
import org.liquidpilot.liquid.wiring.WiringSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ncps {@code LTC(input_size, units, return_sequences, batch_first, mixed_memory, input_mapping, output_mapping,
 * ode_unfolds, epsilon, implicit_param_constraints)}. Note the sequence wrapper's default for
 * {@code implicit_param_constraints} is true (softplus), unlike the bare cell's.
 */
public record LtcConfig(int inputSize, WiringSpec wiring, boolean returnSequences, boolean mixedMemory,
                        Mapping inputMapping, Mapping outputMapping, int odeUnfolds, double epsilon,
                        boolean implicitParamConstraints) implements ModelConfig {

    public LtcConfig {
        if (inputSize < 1 || inputSize > 100_000) throw new IllegalArgumentException("input_size must be in [1, 100000], got " + inputSize);
        if (wiring == null) throw new IllegalArgumentException("LTC needs units or a wiring");
        if (odeUnfolds < 1 || odeUnfolds > 10_000) throw new IllegalArgumentException("ode_unfolds must be in [1, 10000], got " + odeUnfolds);
        if (!Double.isFinite(epsilon) || epsilon < 0) throw new IllegalArgumentException("epsilon must be a finite non-negative number");
    }

    /** {@code LTC(inputSize, wiring)} with ncps's defaults. */
    public LtcConfig(int inputSize, WiringSpec wiring) {
        this(inputSize, wiring, true, false, Mapping.AFFINE, Mapping.AFFINE, 6, 1e-8, true);
    }

    @Override
    public String cellType() {
        return "LTC";
    }

    @Override
    public int stateSize() {
        return wiring.units();
    }

    @Override
    public int outputSize() {
        return wiring.outputDim();
    }

    public static LtcConfig fromNcps(JsonNode n) {
        if (!ModelConfig.boolArg(n, "batch_first", true)) throw new IllegalArgumentException("batch_first=false is not supported");
        return new LtcConfig(ModelConfig.intArg(n, "input_size", -1, 1, 100_000),
                ModelConfig.unitsArg(n.get("units"), true),
                ModelConfig.boolArg(n, "return_sequences", true),
                ModelConfig.boolArg(n, "mixed_memory", false),
                Mapping.byName(ModelConfig.stringArg(n, "input_mapping", "affine")),
                Mapping.byName(ModelConfig.stringArg(n, "output_mapping", "affine")),
                ModelConfig.intArg(n, "ode_unfolds", 6, 1, 10_000),
                ModelConfig.doubleArg(n, "epsilon", 1e-8),
                ModelConfig.boolArg(n, "implicit_param_constraints", true));
    }

    @Override
    public Map<String, Object> toNcps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cls", "LTC");
        m.put("input_size", inputSize);
        m.put("units", wiring instanceof FullyConnected fc && fc.equals(new FullyConnected(fc.units())) ? fc.units() : wiring.constructorArgs());
        m.put("return_sequences", returnSequences);
        m.put("batch_first", true);
        m.put("mixed_memory", mixedMemory);
        m.put("input_mapping", inputMapping.ncpsName);
        m.put("output_mapping", outputMapping.ncpsName);
        m.put("ode_unfolds", odeUnfolds);
        m.put("epsilon", epsilon);
        m.put("implicit_param_constraints", implicitParamConstraints);
        return m;
    }
}
