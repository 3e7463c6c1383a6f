package org.liquidpilot.sim.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shipped perturbation set of {@code sim sweep --conditions standard}: one change at a time from the base
 * scenario, so each cell measures one perturbation. The values follow the shipped scenario files (rain.yaml,
 * fog.yaml, dusk.yaml, night.yaml, autumn.yaml, winter.yaml), except that no cell changes the speed: cells must be
 * comparable, so night runs at the base scenario's speed although night.yaml drives 1 m/s slower. Wind cells scale
 * their Dryden gusts with their mean wind (W20 = 2, 5 and 8 m/s), as MIL-HDBK-1797 ties low-altitude intensity to
 * the wind at 20 ft.
 * <p>
 * {@code --conditions drone} is the drone tasks' set, after the out-of-distribution tests of Chahine et al. (2023):
 * summer nominal (the training forest), the seasons, two stands no training run sees ({@code birch}, {@code pine}),
 * weather, moderate wind, and the camera stress tests: a rolled image ({@code rotation}), a covered part of the lens
 * ({@code occlusion}) and sensor noise.
 */
public final class StandardConditions {
    private StandardConditions() {}

    private static final Map<String, Map<String, String>> CELLS = cells();

    /** The standard cells, in table order. */
    public static final List<String> NAMES = List.of("nominal", "rain", "fog", "dusk", "night", "wind-light", "wind-moderate",
            "wind-severe", "autumn", "winter", "noise");

    /** The drone set's cells, in table order. */
    public static final List<String> DRONE = List.of("nominal", "autumn", "winter", "birch", "pine", "rain", "fog", "dusk",
            "wind-moderate", "rotation", "occlusion", "noise");

    /** Every named cell, for {@code --condition NAME}. */
    public static final List<String> ALL_NAMES = List.copyOf(CELLS.keySet());

    /** The "moderate" cells the project's ≥ 90% perturbation target is judged on. */
    public static final Set<String> MODERATE = Set.of("rain", "fog", "night", "wind-moderate", "winter");

    private static Map<String, Map<String, String>> cells() {
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        c.put("nominal", Map.of());
        c.put("rain", ordered("rain", "0.5", "fog", "0.1", "noise_std", "2", "mean_mps", "2", "turbulence", "dryden"));
        c.put("fog", ordered("fog", "0.8", "noise_std", "1"));
        c.put("dusk", ordered("sun_altitude_deg", "4", "sun_azimuth_deg", "10", "fog", "0.1", "noise_std", "2"));
        c.put("night", ordered("night", "true", "sun_altitude_deg", "-20", "noise_std", "3"));
        c.put("wind-light", ordered("mean_mps", "2", "turbulence", "dryden"));
        c.put("wind-moderate", ordered("mean_mps", "5", "turbulence", "dryden"));
        c.put("wind-severe", ordered("mean_mps", "8", "turbulence", "dryden"));
        c.put("autumn", ordered("season", "autumn", "fog", "0.05", "noise_std", "1"));
        c.put("winter", ordered("season", "winter", "fog", "0.15", "noise_std", "1"));
        c.put("noise", ordered("noise_std", "8"));
        c.put("birch", ordered("biome", "birch"));
        c.put("pine", ordered("biome", "pine"));
        c.put("rotation", ordered("rotation_deg", "20"));
        c.put("occlusion", ordered("occlusion", "0.25"));
        return c;
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** Every standard cell, in table order. */
    public static List<SweepCondition> all() {
        return NAMES.stream().map(StandardConditions::find).toList();
    }

    /** The standard cell of that name, or null. */
    public static SweepCondition find(String name) {
        Map<String, String> o = CELLS.get(name);
        return o == null ? null : new SweepCondition(name, o);
    }

    /** {@code --conditions SET}: {@code standard} or {@code drone}. */
    public static List<SweepCondition> set(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("--conditions is empty: the sweep would have no cells (use 'standard' or 'drone')");
        return switch (name) {
            case "standard" -> all();
            case "drone" -> DRONE.stream().map(StandardConditions::find).toList();
            default -> throw new IllegalArgumentException("unknown condition set '" + name + "' (standard or drone)");
        };
    }
}
