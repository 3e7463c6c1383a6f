package org.liquidpilot.liquid.wiring;

import java.util.Map;

/**
 * ncps {@code FullyConnected(units, output_dim, erev_init_seed, self_connections)}: every pair of neurons and every
 * input-to-neuron pair has a synapse, with polarity drawn from {@code default_rng(seed).choice([-1, 1, 1])}.
 */
public record FullyConnected(int units, int outputDim, long erevInitSeed, boolean selfConnections) implements WiringSpec {
    public static final long DEFAULT_SEED = 1111;

    public FullyConnected {
        WiringSpec.requireSizes(units, outputDim);
        if (erevInitSeed < 0) throw new IllegalArgumentException("erev_init_seed must be non-negative");
    }

    public FullyConnected(int units) {
        this(units, units, DEFAULT_SEED, true);
    }

    public FullyConnected(int units, int outputDim) {
        this(units, outputDim, DEFAULT_SEED, true);
    }

    @Override
    public String kind() {
        return "FullyConnected";
    }

    @Override
    public Wiring build(int inputDim) {
        return Wiring.drawSingleLayer(this, inputDim, erevInitSeed, (rng, adj, sensory) -> {
            for (int src = 0; src < units; src++) {
                for (int dst = 0; dst < units; dst++) {
                    if (src == dst && !selfConnections) continue;
                    adj[src][dst] = rng.polarity();
                }
            }
            for (int src = 0; src < inputDim; src++) {
                for (int dst = 0; dst < units; dst++) sensory[src][dst] = rng.polarity();
            }
        });
    }

    @Override
    public Map<String, Object> constructorArgs() {
        Map<String, Object> m = WiringSpec.singleLayerArgs(this);
        m.put("erev_init_seed", erevInitSeed);
        m.put("self_connections", selfConnections);
        return m;
    }
}
