package org.liquidpilot.liquid.wiring;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;

/** Wirings by name and from ncps constructor JSON. */
public final class Wirings {
    private Wirings() {}

    /** Named wirings: {@code ncp19} = the paper's {@code NCP(12,6,1,6,4,6,6)}, {@code autoncp19} = {@code AutoNCP(19,1)}. */
    public static final Map<String, WiringSpec> NAMED = Map.of(
            "ncp19", NCP.paper19(),
            "autoncp19", new AutoNCP(19, 1));

    public static WiringSpec byName(String name) {
        WiringSpec s = NAMED.get(name.toLowerCase(Locale.ROOT));
        if (s == null) throw new IllegalArgumentException("unknown wiring '" + name + "' (known: " + String.join(", ", new java.util.TreeSet<>(NAMED.keySet())) + ")");
        return s;
    }

    /**
     * A wiring from an ncps constructor object such as {@code {"cls":"AutoNCP","units":19,"output_size":1}};
     * arguments left out take ncps's defaults.
     */
    public static WiringSpec fromJson(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("wiring must be a JSON object with \"cls\"");
        String cls = n.path("cls").asText("");
        return switch (cls) {
            case "FullyConnected" -> {
                int units = intArg(n, "units", null);
                yield new FullyConnected(units, intArg(n, "output_dim", units),
                        longArg(n, "erev_init_seed", FullyConnected.DEFAULT_SEED), boolArg(n, "self_connections", true));
            }
            case "Random" -> {
                int units = intArg(n, "units", null);
                yield new Random(units, intArg(n, "output_dim", units), doubleArg(n, "sparsity_level", 0.0),
                        longArg(n, "random_seed", Random.DEFAULT_SEED));
            }
            case "NCP" -> new NCP(intArg(n, "inter_neurons", null), intArg(n, "command_neurons", null),
                    intArg(n, "motor_neurons", null), intArg(n, "sensory_fanout", null), intArg(n, "inter_fanout", null),
                    intArg(n, "recurrent_command_synapses", null), intArg(n, "motor_fanin", null),
                    longArg(n, "seed", NCP.DEFAULT_SEED));
            case "AutoNCP" -> new AutoNCP(intArg(n, "units", null), intArg(n, "output_size", null),
                    doubleArg(n, "sparsity_level", 0.5), longArg(n, "seed", NCP.DEFAULT_SEED));
            default -> throw new IllegalArgumentException("unknown wiring class '" + cls + "' (known: FullyConnected, Random, NCP, AutoNCP)");
        };
    }

    static int intArg(JsonNode n, String key, Integer dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (dflt == null) throw new IllegalArgumentException("wiring argument '" + key + "' is missing");
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new IllegalArgumentException("wiring argument '" + key + "' must be an integer, got " + v);
        return v.asInt();
    }

    static long longArg(JsonNode n, String key, long dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new IllegalArgumentException("wiring argument '" + key + "' must be an integer, got " + v);
        return v.asLong();
    }

    static double doubleArg(JsonNode n, String key, double dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isNumber()) throw new IllegalArgumentException("wiring argument '" + key + "' must be a number, got " + v);
        return v.asDouble();
    }

    static boolean boolArg(JsonNode n, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new IllegalArgumentException("wiring argument '" + key + "' must be true or false, got " + v);
        return v.asBoolean();
    }
}
