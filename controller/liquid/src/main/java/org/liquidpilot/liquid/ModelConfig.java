package org.liquidpilot.liquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.liquidpilot.liquid.wiring.FullyConnected;
import org.liquidpilot.liquid.wiring.WiringSpec;
import org.liquidpilot.liquid.wiring.Wirings;

import java.util.Map;

/**
 * The constructor of an ncps sequence model, {@code LTC(...)} or {@code CfC(...)}, with ncps's argument names and
 * defaults. {@link #fromNcps(JsonNode)} reads the {@code constructor} object of the golden {@code .json} files.
 */
public sealed interface ModelConfig permits LtcConfig, CfcConfig {

    /** "LTC" or "CfC". */
    String cellType();

    int inputSize();

    /** Neurons in the recurrent state (without the LSTM cell state of mixed memory). */
    int stateSize();

    /** Width of each output step. */
    int outputSize();

    boolean mixedMemory();

    boolean returnSequences();

    /** The wiring, or null for a CfC with an integer {@code units}. */
    WiringSpec wiring();

    /** The ncps constructor arguments, {@code cls} first, with nested wiring objects. */
    Map<String, Object> toNcps();

    default JsonNode toJson() {
        return new ObjectMapper().valueToTree(toNcps());
    }

    static ModelConfig fromNcps(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("model constructor must be a JSON object with \"cls\"");
        String cls = n.path("cls").asText("");
        return switch (cls) {
            case "LTC" -> LtcConfig.fromNcps(n);
            case "CfC" -> CfcConfig.fromNcps(n);
            default -> throw new IllegalArgumentException("unknown cell type '" + cls + "' (known: LTC, CfC)");
        };
    }

    /** ncps's {@code units}: an integer, or a wiring object. */
    static WiringSpec unitsArg(JsonNode units, boolean integerMeansFullyConnected) {
        if (units == null || units.isNull() || units.isMissingNode()) throw new IllegalArgumentException("constructor argument 'units' is missing");
        if (units.isIntegralNumber()) {
            if (!units.canConvertToInt() || units.asInt() < 1 || units.asInt() > 100_000) {
                throw new IllegalArgumentException("units must be in [1, 100000], got " + units);
            }
            return integerMeansFullyConnected ? new FullyConnected(units.asInt()) : null;
        }
        return Wirings.fromJson(units);
    }

    static int intArg(JsonNode n, String key, int dflt, int min, int max) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw new IllegalArgumentException("constructor argument '" + key + "' must be an integer in [" + min + ", " + max + "], got " + v);
        }
        return v.asInt();
    }

    static boolean boolArg(JsonNode n, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new IllegalArgumentException("constructor argument '" + key + "' must be true or false, got " + v);
        return v.asBoolean();
    }

    static double doubleArg(JsonNode n, String key, double dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new IllegalArgumentException("constructor argument '" + key + "' must be a number, got " + v);
        return v.asDouble();
    }

    static String stringArg(JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw new IllegalArgumentException("constructor argument '" + key + "' must be a string, got " + v);
        return v.asText();
    }
}
