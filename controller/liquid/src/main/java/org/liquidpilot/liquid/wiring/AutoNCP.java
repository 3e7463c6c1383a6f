package org.liquidpilot.liquid.wiring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ncps {@code AutoNCP(units, output_size, sparsity_level, seed)}: an {@link NCP} whose layer sizes and fanouts follow
 * from the unit count and a density of {@code 1 - sparsity_level}, with ncps's arithmetic.
 */
public record AutoNCP(int units, int outputSize, double sparsityLevel, long seed) implements WiringSpec {

    public AutoNCP {
        if (outputSize < 1) throw new IllegalArgumentException("output_size must be at least 1, got " + outputSize);
        if (outputSize >= units - 2) {
            throw new IllegalArgumentException("output_size must be less than units-2 (given " + units + " units, "
                    + outputSize + " output size)");
        }
        if (!(sparsityLevel >= 0.1 && sparsityLevel <= 1.0)) {
            throw new IllegalArgumentException("sparsity_level must be between 0.1 and 1.0, got " + sparsityLevel);
        }
        if (units > 100_000) throw new IllegalArgumentException("too many units: " + units);
        if (seed < 0 || seed > 0xFFFFFFFFL) throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
    }

    public AutoNCP(int units, int outputSize) {
        this(units, outputSize, 0.5, NCP.DEFAULT_SEED);
    }

    /** The equivalent explicit NCP, with ncps's integer truncations. */
    public NCP toNcp() {
        double density = 1.0 - sparsityLevel;
        int ic = units - outputSize;
        int command = Math.max((int) (0.4 * ic), 1);
        int inter = ic - command;
        return new NCP(inter, command, outputSize,
                Math.max((int) (inter * density), 1),
                Math.max((int) (command * density), 1),
                Math.max((int) (command * density * 2), 1),
                Math.max((int) (command * density), 1),
                seed);
    }

    @Override
    public int outputDim() {
        return outputSize;
    }

    @Override
    public String kind() {
        return "AutoNCP";
    }

    @Override
    public Wiring build(int inputDim) {
        Wiring w = toNcp().build(inputDim);
        return w.withSpec(this);
    }

    @Override
    public Map<String, Object> constructorArgs() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cls", kind());
        m.put("units", units);
        m.put("output_size", outputSize);
        m.put("sparsity_level", sparsityLevel);
        m.put("seed", seed);
        return m;
    }
}
