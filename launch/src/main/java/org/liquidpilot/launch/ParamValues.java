package org.liquidpilot.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** roslaunch's parameter typing: explicit {@code type=}, or the auto rule (bool, then int, then double, else string). */
final class ParamValues {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final int MAX_YAML_CHARS = 1 << 20;

    private ParamValues() {}

    static Object convert(String value, String type) {
        String t = type == null ? "auto" : type;
        switch (t) {
            case "auto": {
                String s = value.strip();
                String lower = s.toLowerCase(Locale.ROOT);
                if (lower.equals("true") || lower.equals("false")) return Boolean.parseBoolean(lower);
                try {
                    return Integer.parseInt(s);
                } catch (NumberFormatException notInt) {
                    try {
                        if (!s.isEmpty() && !lower.contains("x") && !lower.endsWith("d") && !lower.endsWith("f")) return Double.parseDouble(s);
                    } catch (NumberFormatException notDouble) {
                        // falls through to a string
                    }
                }
                return value;
            }
            case "str", "string":
                return value;
            case "int":
                try {
                    return Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not an int");
                }
            case "double", "float":
                try {
                    return Double.parseDouble(value.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + value + "' is not a double");
                }
            case "bool", "boolean":
                return bool(value);
            case "yaml":
                return yaml(value);
            default:
                throw new IllegalArgumentException("unknown param type '" + type + "' (auto, str, int, double, bool, yaml)");
        }
    }

    /** Fails for a type {@link #convert} does not know. */
    static void checkType(String type) {
        switch (type) {
            case "auto", "str", "string", "int", "double", "float", "bool", "boolean", "yaml" -> { }
            default -> throw new IllegalArgumentException("unknown param type '" + type + "' (auto, str, int, double, bool, yaml)");
        }
    }

    static boolean bool(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("1")) return true;
        if (lower.equals("false") || lower.equals("0")) return false;
        throw new IllegalArgumentException("'" + value + "' is not a boolean (true, false, 1, 0)");
    }

    static Object yaml(String text) {
        if (text.length() > MAX_YAML_CHARS) throw new IllegalArgumentException("YAML longer than " + MAX_YAML_CHARS + " characters");
        if (text.isBlank()) return null;
        try {
            return normalise(YAML.readValue(text, Object.class));
        } catch (java.io.IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("bad YAML: " + reason);
        }
    }

    /** Keeps only the types the parameter server stores: maps with string keys, lists, and scalars. */
    private static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), normalise(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalise(x)));
            return out;
        }
        if (v instanceof Long l && l == l.intValue()) return l.intValue();
        if (v instanceof Number n && !(v instanceof Integer) && !(v instanceof Double)) return n.doubleValue();
        return v;
    }

    /**
     * Sets {@code value} at {@code name}; a dictionary merges into what is there, one leaf per key, as roslaunch
     * adds it (so a rosparam block inside a node keeps the node's other params).
     */
    static void flattenInto(Map<String, Object> params, String name, Object value) {
        if (value instanceof Map<?, ?> m) {
            String prefix = name.endsWith("/") ? name : name + "/";
            params.remove(name);
            m.forEach((k, v) -> flattenInto(params, prefix + k, v));
            return;
        }
        params.keySet().removeIf(k -> k.startsWith(name + "/"));
        params.put(name, value);
    }
}
