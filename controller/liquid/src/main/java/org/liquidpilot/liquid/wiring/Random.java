package org.liquidpilot.liquid.wiring;

import java.util.Map;

/**
 * ncps {@code Random(units, output_dim, sparsity_level, random_seed)}: {@code round(N²(1-s))} synapses chosen
 * without replacement from {@code default_rng(seed)}, each with polarity {@code choice([-1, 1, 1])}; the sensory
 * synapses likewise, except that ncps draws each sensory polarity twice and keeps the second.
 */
public record Random(int units, int outputDim, double sparsityLevel, long randomSeed) implements WiringSpec {
    public static final long DEFAULT_SEED = 1111;

    public Random {
        WiringSpec.requireSizes(units, outputDim);
        if (!(sparsityLevel >= 0.0 && sparsityLevel < 1.0)) {
            throw new IllegalArgumentException("sparsity_level must be in [0, 1), got " + sparsityLevel);
        }
        if (randomSeed < 0) throw new IllegalArgumentException("random_seed must be non-negative");
    }

    @Override
    public String kind() {
        return "Random";
    }

    @Override
    public Wiring build(int inputDim) {
        return Wiring.drawSingleLayer(this, inputDim, randomSeed, (rng, adj, sensory) -> {
            for (int pick : rng.choiceWithoutReplacement(units * units, (int) Math.rint(units * units * (1 - sparsityLevel)))) {
                adj[pick / units][pick % units] = rng.polarity();
            }
            int count = (int) Math.rint(inputDim * units * (1 - sparsityLevel));
            for (int pick : rng.choiceWithoutReplacement(inputDim * units, count)) {
                sensory[pick / units][pick % units] = rng.polarity();
                sensory[pick / units][pick % units] = rng.polarity();
            }
        });
    }

    @Override
    public Map<String, Object> constructorArgs() {
        Map<String, Object> m = WiringSpec.singleLayerArgs(this);
        m.put("sparsity_level", sparsityLevel);
        m.put("random_seed", randomSeed);
        return m;
    }
}
