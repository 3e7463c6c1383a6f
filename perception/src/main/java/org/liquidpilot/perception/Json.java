package org.liquidpilot.perception;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict readers for the numeric arrays our JSON carries. */
final class Json {
    private Json() {}

    static float[] floats(JsonNode a, String what, int maxLength) {
        if (a == null || !a.isArray()) throw new IllegalArgumentException(what + " must be an array of numbers");
        if (a.size() == 0 || a.size() > maxLength) {
            throw new IllegalArgumentException(what + " must have 1.." + maxLength + " numbers, got " + a.size());
        }
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isNumber()) throw new IllegalArgumentException(what + "[" + i + "] is not a number: " + v);
            out[i] = v.floatValue();
            if (!Float.isFinite(out[i])) throw new IllegalArgumentException(what + "[" + i + "] is not finite");
        }
        return out;
    }
}
