package org.liquidpilot.sim.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One named cell of a condition sweep: the base scenario with a few keys overridden (the dotted keys of
 * {@code Scenarios.override}, e.g. {@code rain}, {@code wind.mean_mps}).
 */
public record SweepCondition(String name, Map<String, String> overrides) {
    static final int MAX_NAME = 40;
    static final int MAX_OVERRIDES = 32;

    public SweepCondition {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0," + (MAX_NAME - 1) + "}")) {
            throw new IllegalArgumentException("condition name must be lower-case letters, digits, '-' or '_' (1.." + MAX_NAME + " chars), not '" + name + "'");
        }
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /**
     * Parses {@code NAME} (a standard condition) or {@code NAME:key=v,key=v} (a custom one; a standard name with
     * overrides starts from the standard cell's overrides and adds or replaces keys).
     */
    public static SweepCondition parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--condition is empty");
        if (spec.length() > 2000) throw new IllegalArgumentException("--condition is longer than 2000 characters");
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        LinkedHashMap<String, String> o = new LinkedHashMap<>();
        SweepCondition standard = StandardConditions.find(name);
        if (standard != null) o.putAll(standard.overrides());
        if (colon < 0) {
            if (standard == null) {
                throw new IllegalArgumentException("unknown condition '" + name + "' (named: " + String.join(", ", StandardConditions.ALL_NAMES)
                        + "; or NAME:key=v,key=v)");
            }
            return standard;
        }
        String body = spec.substring(colon + 1);
        if (body.isBlank()) throw new IllegalArgumentException("--condition " + name + ": no key=value after ':'");
        for (String kv : body.split(",", -1)) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) throw new IllegalArgumentException("--condition " + name + ": wants key=value, not '" + kv + "'");
            o.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            if (o.size() > MAX_OVERRIDES) throw new IllegalArgumentException("--condition " + name + ": more than " + MAX_OVERRIDES + " keys");
        }
        return new SweepCondition(name, o);
    }

    /** {@code key=v,key=v}, or {@code base scenario} when nothing is overridden. */
    public String describe() {
        if (overrides.isEmpty()) return "base scenario";
        StringBuilder b = new StringBuilder();
        overrides.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return b.toString();
    }
}
