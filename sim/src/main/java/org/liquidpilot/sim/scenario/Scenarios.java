package org.liquidpilot.sim.scenario;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads scenario files (the YAML format of the shared design) and the named scenarios shipped with the simulator.
 * Unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class Scenarios {
    private Scenarios() {}

    /** The named scenarios packaged on the classpath under {@code scenarios/NAME.yaml}. */
    public static final List<String> NAMES = List.of("nominal", "rain", "heavy-rain", "fog", "dusk", "night",
            "wind-gusts", "winter", "autumn", "storm", "trail-nominal", "trail-storm", "drone-target", "drone-hike");

    static final int MAX_BYTES = 64 * 1024;
    private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");

    private static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("world", "vehicle", "seed", "episodes", "duration_s", "speed_mps", "camera", "weather", "wind", "success", "name",
                    "task", "biome", "vehicle_lights"),
            "camera", Set.of("width", "height", "fov_deg", "noise_std", "rotation_deg", "occlusion", "gain", "contrast", "pitch_deg"),
            "weather", Set.of("rain", "fog", "sun_altitude_deg", "sun_azimuth_deg", "night", "season"),
            "wind", Set.of("mean_mps", "direction_deg", "turbulence"),
            "success", Set.of("max_cross_track_m", "reach_m", "max_bearing_deg"));

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(limitedLoader()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static LoaderOptions limitedLoader() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_BYTES);
        o.setMaxAliasesForCollections(10);
        o.setNestingDepthLimit(10);
        return o;
    }

    /**
     * A scenario from a file path, or from a shipped name when no such file exists ("nominal", "storm", ...).
     */
    public static Scenario resolve(String fileOrName) {
        return toScenario(resolveTree(fileOrName));
    }

    /** Like {@link #resolve} but returns the raw tree, with defaults filled in, so a sweep can override keys. */
    public static ObjectNode resolveTree(String fileOrName) {
        if (fileOrName == null || fileOrName.isBlank()) throw new IllegalArgumentException("no scenario given");
        Path p = Path.of(fileOrName);
        if (Files.isRegularFile(p)) {
            String name = p.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return withDefaults(parse(text(p), p.toString()), name);
        }
        String name = fileOrName.replaceFirst("\\.ya?ml$", "");
        if (name.matches("[a-z0-9-]+")) {
            try (InputStream in = Scenarios.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
                if (in != null) {
                    String text = new String(in.readNBytes(MAX_BYTES + 1), StandardCharsets.UTF_8);
                    return withDefaults(parse(text, name), name);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("no scenario file or named scenario '" + fileOrName + "' (names: "
                + String.join(", ", NAMES) + ")");
    }

    /**
     * The text of a scenario file: at most {@link #MAX_BYTES} bytes actually read, and UTF-8 (YAML's encoding) or
     * an error naming the first bad byte.
     */
    private static String text(Path p) {
        byte[] b;
        try (InputStream in = Files.newInputStream(p)) {
            b = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read scenario " + p + ": " + e.getMessage());
        }
        if (b.length > MAX_BYTES) throw new IllegalArgumentException("scenario file " + p + " is larger than " + MAX_BYTES + " bytes");
        if (b.length == 0) throw new IllegalArgumentException(p + ": the scenario file is empty");
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CharBuffer out = CharBuffer.allocate(b.length);
        CoderResult r = utf8.decode(in, out, true);
        if (r.isError()) {
            throw new IllegalArgumentException(p + ": not UTF-8 text (invalid byte 0x"
                    + String.format("%02x", b[in.position()] & 0xFF) + " at offset " + in.position() + ")");
        }
        utf8.flush(out);
        return out.flip().toString();
    }

    /** Parses YAML text into a scenario (missing keys take the defaults of the shared design's example). */
    public static Scenario parse(String yaml) {
        return toScenario(withDefaults(parse(yaml, "scenario"), "scenario"));
    }

    private static ObjectNode parse(String text, String where) {
        if (text.length() > MAX_BYTES) throw new IllegalArgumentException(where + ": scenario is larger than " + MAX_BYTES + " bytes");
        JsonNode n;
        try {
            n = YAML.readTree(text);
        } catch (JacksonException e) {
            String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
            java.util.regex.Matcher dup = DUPLICATE.matcher(m);
            if (dup.matches()) {
                throw new IllegalArgumentException(where + ": duplicate key '" + dup.group(1) + "'"
                        + (e.getLocation() != null && e.getLocation().getLineNr() > 0 ? " at line " + e.getLocation().getLineNr() : ""));
            }
            throw new IllegalArgumentException(where + ": not a valid scenario YAML: " + m);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(where + ": not a valid scenario YAML: " + m);
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new IllegalArgumentException(where + ": holds no scenario (it is empty or only comments)");
        }
        if (!n.isObject()) throw new IllegalArgumentException(where + ": a scenario must be a YAML mapping");
        checkKeys((ObjectNode) n, "", where);
        return (ObjectNode) n;
    }

    private static void checkKeys(ObjectNode node, String section, String where) {
        Set<String> allowed = KEYS.get(section);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown scenario key '" + (section.isEmpty() ? key : section + "." + key)
                        + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (section.isEmpty() && KEYS.containsKey(key)) {
                if (!e.getValue().isObject()) throw new IllegalArgumentException(where + ": '" + key + "' must be a mapping");
                checkKeys((ObjectNode) e.getValue(), key, where);
            }
        }
    }

    private static ObjectNode withDefaults(ObjectNode n, String name) {
        ObjectNode d = defaults();
        d.put("name", name);
        n.fields().forEachRemaining(e -> {
            // Sections merge into their defaults; any other key is replaced, and its type is checked later.
            if (KEYS.containsKey(e.getKey()) && e.getValue().isObject()) ((ObjectNode) d.get(e.getKey())).setAll((ObjectNode) e.getValue());
            else d.set(e.getKey(), e.getValue());
        });
        return d;
    }

    static ObjectNode defaults() {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("world", "forest-road").put("vehicle", "car").put("seed", 7).put("episodes", 20)
                .put("duration_s", 60.0).put("speed_mps", 6.0).put("task", "trail").put("biome", "mixed")
                .put("vehicle_lights", "auto");
        d.putObject("camera").put("width", 160).put("height", 80).put("fov_deg", 70.0).put("noise_std", 0.0)
                .put("rotation_deg", 0.0).put("occlusion", 0.0).put("gain", 1.0).put("contrast", 1.0).put("pitch_deg", 0.0);
        d.putObject("weather").put("rain", 0.0).put("fog", 0.0).put("sun_altitude_deg", 45.0)
                .put("sun_azimuth_deg", 120.0).put("night", false).put("season", "summer");
        d.putObject("wind").put("mean_mps", 0.0).put("direction_deg", 90.0).put("turbulence", "none");
        d.putObject("success").put("max_cross_track_m", 1.5).put("reach_m", Scenario.Success.DEFAULT_REACH_M)
                .put("max_bearing_deg", Scenario.Success.DEFAULT_MAX_BEARING_DEG);
        return d;
    }

    /**
     * Sets one dotted key ({@code rain} and {@code fog} are short for {@code weather.rain}, {@code weather.fog}) to a
     * value written as in YAML. Used by {@code sim sweep --grid key=v1,v2}.
     */
    public static void override(ObjectNode tree, String key, String value) {
        String k = switch (key) {
            case "rain", "fog", "season", "night", "sun_altitude_deg", "sun_azimuth_deg" -> "weather." + key;
            case "turbulence", "mean_mps", "direction_deg" -> "wind." + key;
            case "noise_std", "fov_deg", "rotation_deg", "occlusion" -> "camera." + key;
            case "max_cross_track_m", "reach_m", "max_bearing_deg" -> "success." + key;
            default -> key;
        };
        String[] parts = k.split("\\.", -1);
        String section = parts.length == 2 ? parts[0] : "";
        String leaf = parts[parts.length - 1];
        if (parts.length > 2 || !KEYS.containsKey(section) || !KEYS.get(section).contains(leaf) || KEYS.containsKey(leaf) && section.isEmpty()) {
            throw new IllegalArgumentException("cannot sweep '" + key + "': not a scenario value (e.g. rain, fog, wind.mean_mps, weather.season)");
        }
        JsonNode v;
        try {
            v = value.length() > 200 ? null : YAML.readTree(value);
        } catch (JacksonException | RuntimeException e) {
            throw new IllegalArgumentException("grid value '" + value + "' for " + key + " is not a YAML scalar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (v == null || v.isContainerNode()) throw new IllegalArgumentException("grid value '" + value + "' for " + key + " is not a scalar");
        ObjectNode target = section.isEmpty() ? tree : (ObjectNode) tree.get(section);
        target.set(leaf, v);
    }

    /** Builds the validated record from a tree that has every key (see {@link #withDefaults}). */
    public static Scenario toScenario(ObjectNode n) {
        JsonNode c = n.get("camera"), w = n.get("weather"), wi = n.get("wind"), s = n.get("success");
        return new Scenario(text(n, "name"), text(n, "world"), text(n, "vehicle"), integer(n, "seed"),
                (int) bounded(integer(n, "episodes")), number(n, "duration_s"), number(n, "speed_mps"),
                new Scenario.Camera((int) bounded(integer(c, "width")), (int) bounded(integer(c, "height")),
                        number(c, "fov_deg"), number(c, "noise_std"), number(c, "rotation_deg"), number(c, "occlusion"),
                        number(c, "gain"), number(c, "contrast"), number(c, "pitch_deg")),
                new Scenario.Weather(number(w, "rain"), number(w, "fog"), number(w, "sun_altitude_deg"),
                        number(w, "sun_azimuth_deg"), bool(w, "night"), text(w, "season")),
                new Scenario.Wind(number(wi, "mean_mps"), number(wi, "direction_deg"), text(wi, "turbulence")),
                new Scenario.Success(number(s, "max_cross_track_m"), number(s, "reach_m"), number(s, "max_bearing_deg")),
                text(n, "task"), text(n, "biome"), lights(n));
    }

    /** {@code vehicle_lights}: auto, on or off; YAML reads a bare on/off as true/false, which mean the same here. */
    private static String lights(JsonNode n) {
        JsonNode v = n.get("vehicle_lights");
        if (v != null && v.isBoolean()) return v.asBoolean() ? "on" : "off";
        return text(n, "vehicle_lights");
    }

    private static long bounded(long v) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || !v.isValueNode() || v.isNull()) throw new IllegalArgumentException("scenario key '" + k + "' must be a text value");
        return v.asText();
    }

    private static double number(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("scenario key '" + k + "' must be a number, not " + v);
        double d = v.asDouble();
        if (!Double.isFinite(d)) throw new IllegalArgumentException("scenario key '" + k + "' must be finite");
        return d;
    }

    private static long integer(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("scenario key '" + k + "' must be an integer, not " + v);
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode n, String k) {
        JsonNode v = n.get(k);
        if (v == null || !v.isBoolean()) throw new IllegalArgumentException("scenario key '" + k + "' must be true or false, not " + v);
        return v.asBoolean();
    }
}
