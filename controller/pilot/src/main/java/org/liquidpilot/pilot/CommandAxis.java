package org.liquidpilot.pilot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the four numbers of a {@link VehicleCommand}, as a model's output names it. A steering-only model has one
 * output, {@link #YAW_RATE}; a drone model has all four. The model file lists its outputs by {@link #key()} in
 * {@code command_outputs}, so the pilot maps each output to its axis without guessing.
 */
public enum CommandAxis {
    FORWARD("forward", "m/s", 0.1),
    LEFT("left", "m/s", 0.1),
    UP("up", "m/s", 0.1),
    YAW_RATE("yaw_rate", "rad/s", 0.05);

    /** The steering-only models' single output. */
    public static final List<CommandAxis> STEERING = List.of(YAW_RATE);
    /** A multicopter's full command, in {@link VehicleCommand}'s order. */
    public static final List<CommandAxis> ALL = List.of(values());

    private final String key;
    private final String unit;
    private final double minScale;

    CommandAxis(String key, String unit, double minScale) {
        this.key = key;
        this.unit = unit;
        this.minScale = minScale;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /**
     * The smallest output scale training uses for this axis: a dataset that barely moves along it (a straight road,
     * a level flight) would otherwise divide by almost nothing.
     */
    public double minScale() {
        return minScale;
    }

    public double of(VehicleCommand c) {
        return switch (this) {
            case FORWARD -> c.forward();
            case LEFT -> c.left();
            case UP -> c.up();
            case YAW_RATE -> c.yawRate();
        };
    }

    public static CommandAxis byKey(String key) {
        for (CommandAxis a : values()) if (a.key.equals(key)) return a;
        throw new IllegalArgumentException("unknown command output '" + key + "' (one of forward, left, up, yaw_rate)");
    }

    /** A comma-separated list such as {@code forward,left,up,yaw_rate}: known names, each at most once. */
    public static List<CommandAxis> parseList(String text) {
        return parse(List.of(text.split(",", -1)));
    }

    /** Names such as a model file's {@code command_outputs}: known, each at most once, case and blanks ignored. */
    public static List<CommandAxis> parse(List<String> names) {
        List<CommandAxis> out = new ArrayList<>();
        for (String part : names) {
            CommandAxis a = byKey(part.trim().toLowerCase(Locale.ROOT));
            if (out.contains(a)) throw new IllegalArgumentException("command output '" + a.key + "' listed twice");
            out.add(a);
        }
        return List.copyOf(out);
    }

    public static String keys(List<CommandAxis> axes) {
        return String.join(",", axes.stream().map(CommandAxis::key).toList());
    }
}
