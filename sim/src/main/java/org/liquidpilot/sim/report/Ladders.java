package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Severity ladders for {@code sim sweep --ladder standard|extended}: a level-0 cell ({@link #BASELINE}, the base
 * scenario unchanged) plus five levels per axis, each a named cell {@code AXIS-L} of scenario overrides, so a model's
 * success can be drawn as a curve over severity and its area compared between models. Every level is a plain
 * {@link SweepCondition}, run by {@link ConditionSweep} (resume by {@code cell.json} included).
 * <p>
 * {@code standard} has six axes: rain (with the light fog and sensor noise rain brings, as in the standard rain
 * cell), fog, darkness (dusk to night), crosswind with Dryden gusts, a rolled and partly covered image (the
 * stress tests of Chahine et al. 2023), and a storm that raises rain, fog, darkness and wind together.
 * {@code extended} adds sensor noise, image gain (too dark, too bright) and contrast, camera pitch and field of
 * view, speed (1.1x..1.5x the base scenario's, the quadrotor's cruise speed too), seasons, and rain, roll and
 * occlusion each on their own.
 */
public final class Ladders {
    private Ladders() {}

    /** The level-0 cell's name. */
    public static final String BASELINE = "baseline";
    public static final int LEVELS = 5;
    public static final List<String> NAMES = List.of("standard", "extended");

    /**
     * One level of an axis.
     *
     * @param speedFactor the base scenario's {@code speed_mps} times this (1 for axes that keep the speed)
     */
    public record Level(int level, Map<String, String> overrides, double speedFactor) {
        public Level {
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        }
    }

    /**
     * @param car  whether the axis applies to the car
     * @param quad whether it applies to the quadrotor
     */
    public record Axis(String name, String description, List<Level> levels, boolean car, boolean quad) {
        public Axis {
            levels = List.copyOf(levels);
        }

        /** The cell name of level {@code l} (1..5). */
        public String cell(int l) {
            return name + "-" + l;
        }

        public boolean appliesTo(String vehicle) {
            return vehicle.equals("quad") ? quad : car;
        }
    }

    public record Ladder(String name, List<Axis> axes) {
        public Axis axis(String name) {
            return axes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        }
    }

    private static final List<Axis> STANDARD = List.of(
            axis("rain", "rain 0.2..1.0 with the fog and sensor noise rain brings",
                    lv("rain", "0.2", "fog", "0.04", "noise_std", "0.8"), lv("rain", "0.4", "fog", "0.08", "noise_std", "1.6"),
                    lv("rain", "0.6", "fog", "0.12", "noise_std", "2.4"), lv("rain", "0.8", "fog", "0.16", "noise_std", "3.2"),
                    lv("rain", "1.0", "fog", "0.2", "noise_std", "4")),
            axis("fog", "fog density 0.15..0.9",
                    lv("fog", "0.15"), lv("fog", "0.3"), lv("fog", "0.5"), lv("fog", "0.7"), lv("fog", "0.9")),
            axis("darkness", "dusk to night: a low sun ahead, then below the horizon, then night; noise rises as light falls",
                    lv("sun_altitude_deg", "8", "sun_azimuth_deg", "10", "noise_std", "0.5"),
                    lv("sun_altitude_deg", "4", "sun_azimuth_deg", "10", "noise_std", "1"),
                    lv("sun_altitude_deg", "0", "sun_azimuth_deg", "10", "noise_std", "1.5"),
                    lv("sun_altitude_deg", "-4", "sun_azimuth_deg", "10", "noise_std", "2"),
                    lv("night", "true", "sun_altitude_deg", "-20", "noise_std", "3")),
            axis("wind", "crosswind 2..10 m/s with Dryden gusts scaled to it",
                    lv("mean_mps", "2", "direction_deg", "90", "turbulence", "dryden"), lv("mean_mps", "4", "direction_deg", "90", "turbulence", "dryden"),
                    lv("mean_mps", "6", "direction_deg", "90", "turbulence", "dryden"), lv("mean_mps", "8", "direction_deg", "90", "turbulence", "dryden"),
                    lv("mean_mps", "10", "direction_deg", "90", "turbulence", "dryden")),
            axis("roll-occlusion", "image rolled 10..40 deg and 10..40% of it covered",
                    lv("rotation_deg", "10", "occlusion", "0.1"), lv("rotation_deg", "18", "occlusion", "0.175"),
                    lv("rotation_deg", "25", "occlusion", "0.25"), lv("rotation_deg", "32", "occlusion", "0.325"),
                    lv("rotation_deg", "40", "occlusion", "0.4")),
            axis("storm", "rain, fog, darkness and wind rising together",
                    lv("rain", "0.2", "fog", "0.08", "sun_altitude_deg", "20", "noise_std", "1", "mean_mps", "2", "direction_deg", "90", "turbulence", "dryden"),
                    lv("rain", "0.4", "fog", "0.16", "sun_altitude_deg", "12", "noise_std", "2", "mean_mps", "4", "direction_deg", "90", "turbulence", "dryden"),
                    lv("rain", "0.6", "fog", "0.24", "sun_altitude_deg", "8", "noise_std", "3", "mean_mps", "6", "direction_deg", "90", "turbulence", "dryden"),
                    lv("rain", "0.8", "fog", "0.32", "sun_altitude_deg", "4", "noise_std", "4", "mean_mps", "8", "direction_deg", "90", "turbulence", "dryden"),
                    lv("rain", "1.0", "fog", "0.4", "sun_altitude_deg", "0", "noise_std", "5", "mean_mps", "10", "direction_deg", "90", "turbulence", "dryden")));

    private static final List<Axis> EXTRA = List.of(
            axis("noise", "Gaussian sensor noise, std 2..16 (0..255 units)",
                    lv("noise_std", "2"), lv("noise_std", "4"), lv("noise_std", "8"), lv("noise_std", "12"), lv("noise_std", "16")),
            axis("dim", "image gain 0.8..0.25 (underexposed)",
                    lv("camera.gain", "0.8"), lv("camera.gain", "0.6"), lv("camera.gain", "0.45"), lv("camera.gain", "0.35"), lv("camera.gain", "0.25")),
            axis("glare", "image gain 1.3..4 (overexposed, clipped)",
                    lv("camera.gain", "1.3"), lv("camera.gain", "1.7"), lv("camera.gain", "2.2"), lv("camera.gain", "3"), lv("camera.gain", "4")),
            axis("contrast", "contrast about mid-grey 0.8..0.25 (washed out)",
                    lv("camera.contrast", "0.8"), lv("camera.contrast", "0.6"), lv("camera.contrast", "0.45"), lv("camera.contrast", "0.35"),
                    lv("camera.contrast", "0.25")),
            axis("pitch", "camera tilted up 3..15 deg from its mount",
                    lv("camera.pitch_deg", "3"), lv("camera.pitch_deg", "6"), lv("camera.pitch_deg", "9"), lv("camera.pitch_deg", "12"),
                    lv("camera.pitch_deg", "15")),
            axis("fov", "horizontal field of view narrowed from 70 to 60..30 deg",
                    lv("fov_deg", "60"), lv("fov_deg", "50"), lv("fov_deg", "40"), lv("fov_deg", "35"), lv("fov_deg", "30")),
            new Axis("speed", "speed (the quadrotor's cruise speed) 1.1..1.5x the base scenario's",
                    List.of(new Level(1, Map.of(), 1.1), new Level(2, Map.of(), 1.2), new Level(3, Map.of(), 1.3), new Level(4, Map.of(), 1.4),
                            new Level(5, Map.of(), 1.5)), true, true),
            axis("season", "autumn, then winter, with the haze and noise that come with them",
                    lv("season", "autumn", "fog", "0.05", "noise_std", "1"), lv("season", "autumn", "fog", "0.15", "noise_std", "1.5"),
                    lv("season", "winter", "fog", "0.15", "noise_std", "1"), lv("season", "winter", "fog", "0.3", "noise_std", "2"),
                    lv("season", "winter", "fog", "0.45", "noise_std", "3", "sun_altitude_deg", "10")),
            axis("rain-only", "rain 0.2..1.0 alone (drops on the lens and streaks, no fog or noise)",
                    lv("rain", "0.2"), lv("rain", "0.4"), lv("rain", "0.6"), lv("rain", "0.8"), lv("rain", "1.0")),
            axis("roll", "image rolled 10..40 deg",
                    lv("rotation_deg", "10"), lv("rotation_deg", "18"), lv("rotation_deg", "25"), lv("rotation_deg", "32"), lv("rotation_deg", "40")),
            axis("occlusion", "10..40% of the image covered",
                    lv("occlusion", "0.1"), lv("occlusion", "0.175"), lv("occlusion", "0.25"), lv("occlusion", "0.325"), lv("occlusion", "0.4")));

    /** {@code standard} or {@code extended} (the standard axes first). */
    public static Ladder of(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("--ladder is empty (standard or extended)");
        return switch (name) {
            case "standard" -> new Ladder(name, STANDARD);
            case "extended" -> {
                List<Axis> all = new ArrayList<>(STANDARD);
                all.addAll(EXTRA);
                yield new Ladder(name, List.copyOf(all));
            }
            default -> throw new IllegalArgumentException("unknown ladder '" + name + "' (standard or extended)");
        };
    }

    /**
     * The axes to run: those named by {@code --axis} (all when none is named), less those that do not apply to the
     * vehicle. A named axis that is not on the ladder is an error.
     */
    public static List<Axis> select(Ladder ladder, List<String> only, String vehicle) {
        Set<String> want = new LinkedHashSet<>(only);
        for (String a : want) {
            if (ladder.axis(a) == null) {
                throw new IllegalArgumentException("--axis " + a + " is not on the " + ladder.name() + " ladder (axes: "
                        + String.join(", ", ladder.axes().stream().map(Axis::name).toList()) + ")");
            }
        }
        List<Axis> axes = ladder.axes().stream().filter(a -> want.isEmpty() || want.contains(a.name())).filter(a -> a.appliesTo(vehicle)).toList();
        if (axes.isEmpty()) throw new IllegalArgumentException("no axis of the " + ladder.name() + " ladder applies to the " + vehicle);
        return axes;
    }

    /** The baseline cell and every level of the axes as condition cells, the speed factors resolved against the base. */
    public static List<SweepCondition> conditions(List<Axis> axes, ObjectNode base) {
        List<SweepCondition> cs = new ArrayList<>();
        cs.add(new SweepCondition(BASELINE, Map.of()));
        double speed = base.path("speed_mps").asDouble();
        for (Axis a : axes) {
            for (Level l : a.levels()) {
                Map<String, String> o = new LinkedHashMap<>(l.overrides());
                if (l.speedFactor() != 1) o.put("speed_mps", String.format(Locale.ROOT, "%.4g", speed * l.speedFactor()));
                cs.add(new SweepCondition(a.cell(l.level()), o));
            }
        }
        return cs;
    }

    /** {@code 0} for the baseline, {@code L} for a cell {@code AXIS-L} of the axis, -1 for a cell not on it. */
    public static int levelOf(Axis axis, String cell) {
        if (cell.equals(BASELINE)) return 0;
        for (Level l : axis.levels()) if (axis.cell(l.level()).equals(cell)) return l.level();
        return -1;
    }

    @SafeVarargs
    private static Axis axis(String name, String description, Map<String, String>... levels) {
        List<Level> ls = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) ls.add(new Level(i + 1, levels[i], 1));
        return new Axis(name, description, ls, true, true);
    }

    private static Map<String, String> lv(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
