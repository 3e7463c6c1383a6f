package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.sim.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code OUT/ladder.json}, written by {@code sim sweep --ladder} at the top of its output folder so that
 * {@code report} knows the folder is a ladder and which cell is which level of which axis:
 * <pre>
 * {"ladder": "standard", "scenario": "nominal", "vehicle": "car",
 *  "axes": [{"name": "fog", "description": "...", "levels": [{"level": 0, "cell": "baseline", "overrides": {}},
 *                                                              {"level": 1, "cell": "fog-1", "overrides": {"fog": "0.15"}}, ...]}]}
 * </pre>
 * Sweeps of other axes of the same ladder into the same folder (another {@code --axis}, another shard) add their
 * axes; a different ladder or base scenario in the same folder is refused.
 */
public final class LadderFile {
    private LadderFile() {}

    public static final String FILE = "ladder.json";

    /** One axis as the report reads it: its name, description and the cell of each level 0..5. */
    public record AxisCells(String name, String description, List<String> cells, List<Map<String, String>> overrides) {}

    public static void write(Path out, Ladders.Ladder ladder, List<Ladders.Axis> axes, Scenario baseline) throws IOException {
        String scenario = baseline.name().replaceFirst("/" + Ladders.BASELINE + "$", "");
        Set<String> names = new LinkedHashSet<>();
        Path f = out.resolve(FILE);
        if (Files.isRegularFile(f)) {
            JsonNode was = read(f);
            if (!was.path("ladder").asText().equals(ladder.name()) || !was.path("scenario").asText().equals(scenario)) {
                throw new IllegalArgumentException(f + " holds the " + was.path("ladder").asText() + " ladder on " + was.path("scenario").asText()
                        + ", not the " + ladder.name() + " ladder on " + scenario + ": use another --out");
            }
            for (JsonNode a : was.path("axes")) names.add(a.path("name").asText());
        }
        for (Ladders.Axis a : axes) names.add(a.name());
        ObjectNode n = MetricsJson.MAPPER.createObjectNode();
        n.put("ladder", ladder.name()).put("scenario", scenario).put("vehicle", baseline.vehicle());
        ArrayNode arr = n.putArray("axes");
        for (Ladders.Axis a : ladder.axes()) {
            if (!names.contains(a.name())) continue;
            ObjectNode an = arr.addObject().put("name", a.name()).put("description", a.description());
            ArrayNode levels = an.putArray("levels");
            levels.addObject().put("level", 0).put("cell", Ladders.BASELINE).putObject("overrides");
            for (Ladders.Level l : a.levels()) {
                ObjectNode o = levels.addObject().put("level", l.level()).put("cell", a.cell(l.level())).putObject("overrides");
                l.overrides().forEach(o::put);
                if (l.speedFactor() != 1) o.put("speed_mps", String.format(java.util.Locale.ROOT, "%.4g", baseline.speedMps() * l.speedFactor()));
            }
        }
        Path tmp = Files.createTempFile(out, ".ladder", ".json");
        try {
            MetricsJson.MAPPER.writeValue(tmp.toFile(), n);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static JsonNode read(Path f) throws IOException {
        if (Files.size(f) > 1024 * 1024) throw new IllegalArgumentException(f + ": larger than 1 MiB, not a ladder.json");
        JsonNode n = MetricsJson.MAPPER.readTree(f.toFile());
        if (n == null || !n.isObject() || !n.path("axes").isArray()) throw new IllegalArgumentException(f + ": not a ladder.json (no axes)");
        return n;
    }

    /** The axes of a ladder.json, each with its cells for levels 0..5. */
    public static List<AxisCells> axes(JsonNode ladder) {
        List<AxisCells> out = new ArrayList<>();
        for (JsonNode a : ladder.path("axes")) {
            List<String> cells = new ArrayList<>();
            List<Map<String, String>> overrides = new ArrayList<>();
            for (JsonNode l : a.path("levels")) {
                cells.add(l.path("cell").asText());
                Map<String, String> o = new LinkedHashMap<>();
                l.path("overrides").fields().forEachRemaining(e -> o.put(e.getKey(), e.getValue().asText()));
                overrides.add(o);
            }
            if (cells.size() != Ladders.LEVELS + 1) throw new IllegalArgumentException("ladder.json: axis " + a.path("name").asText() + " has " + cells.size() + " levels, not 6");
            out.add(new AxisCells(a.path("name").asText(), a.path("description").asText(), cells, overrides));
        }
        return out;
    }

    /**
     * The cells {@code --top-up} extends for one policy: on each axis, the levels next to where its success
     * crosses 50% ({@link LadderStats#topUpLevels}), from the cells done so far (a missing level stops the search).
     */
    public static Set<String> topUpCells(List<Ladders.Axis> axes, List<ConditionSweep.Outcome> outcomes) {
        Map<String, Double> rate = new LinkedHashMap<>();
        for (ConditionSweep.Outcome o : outcomes) rate.put(o.cell().condition().name(), o.metrics().path("summary").path("success_rate").asDouble());
        Set<String> cells = new LinkedHashSet<>();
        for (Ladders.Axis a : axes) {
            double[] r = new double[Ladders.LEVELS + 1];
            r[0] = rate.getOrDefault(Ladders.BASELINE, Double.NaN);
            for (Ladders.Level l : a.levels()) r[l.level()] = rate.getOrDefault(a.cell(l.level()), Double.NaN);
            for (int l : LadderStats.topUpLevels(r)) cells.add(l == 0 ? Ladders.BASELINE : a.cell(l));
        }
        return cells;
    }
}
