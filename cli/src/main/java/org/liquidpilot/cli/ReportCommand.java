package org.liquidpilot.cli;

import org.liquidpilot.train.ModelSizes;
import org.liquidpilot.sim.report.LadderReport;
import org.liquidpilot.sim.report.NeuronFigures;
import org.liquidpilot.sim.report.ResultsTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.liquidpilot.sim.report.Html;
import org.liquidpilot.liquid.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code liquidpilot report}: one HTML page over the metrics of sim runs and sweeps. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Builds an HTML page from sim run/sweep outputs: every metrics.json under the --runs folders becomes a row",
                "(scenario, policy, episodes, success rate, crashes, cross-track error, autonomy), with its trajectory plots;",
                "--model files add a table of parameter and synapse counts.",
                "Cells of 'sim sweep --condition(s)' (a cell.json beside the metrics) also make the results table, model x condition,",
                "with each model's parameters, recurrent parameters and synapses read from the file the sweep drove;",
                "--markdown writes that table as GitHub markdown.",
                "Cells with a neurons.csv (models swept by 'sim sweep --condition(s)') add a neuron-activity figure per model,",
                "written beside the page as <out>-neurons-<model>.png; an unreadable neurons.csv is skipped with a warning.",
                "A --runs folder of 'sim sweep --ladder' (it holds ladder.json) adds the ladder: success per level with Wilson",
                "intervals, AUC with bootstrap intervals per model group (seeds -sN pooled) and per seed, the 50% threshold,",
                "crashes/km, p95 cross-track error, first-failure distance; <out>-ladder.png (every axis), <out>-ladder-<axis>.png",
                "and <out>-ladder.md beside the page."})
public final class ReportCommand implements Callable<Integer> {
    static final int MAX_RUNS = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", required = true, arity = "1..*", paramLabel = "DIR", description = "folders holding metrics.json files (searched 4 levels deep)")
    List<Path> runs;

    @Option(names = "--model", paramLabel = "MODEL", description = "model files to list with their sizes (repeatable)")
    List<Path> models = new ArrayList<>();

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the model x condition results table as GitHub markdown")
    Path markdown;

    @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE", description = "HTML file to write (default ${DEFAULT-VALUE})")
    Path out;

    record Row(Path dir, JsonNode metrics) {}

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        ResultsTable table = new ResultsTable();
        for (Path d : runs) {
            if (!Files.isDirectory(d)) throw new BadInputException("--runs: not a folder: " + d);
            List<Path> found;
            try (Stream<Path> s = Files.find(d, 4, (p, a) -> a.isRegularFile() && p.getFileName().toString().equals("metrics.json"))) {
                found = s.sorted().limit(MAX_RUNS + 1L).toList();
            }
            if (found.size() > MAX_RUNS) throw new BadInputException("--runs " + d + ": more than " + MAX_RUNS + " metrics.json files");
            for (Path f : found) {
                JsonNode m;
                try {
                    m = json.readTree(f.toFile());
                } catch (IOException e) {
                    throw new BadInputException(f + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (m == null || !m.path("summary").isObject()) throw new BadInputException(f + ": not a metrics.json (no summary)");
                rows.add(new Row(f.getParent(), m));
                table.add(f.getParent(), m, cellRecord(json, f.resolveSibling("cell.json")));
            }
        }
        if (rows.isEmpty()) throw new BadInputException("no metrics.json under " + runs);
        Path base = out.toAbsolutePath().getParent();
        if (base == null || !Files.isDirectory(base)) throw new BadInputException("--out: folder " + base + " does not exist");
        if (markdown != null) {
            if (table.isEmpty()) throw new BadInputException("--markdown: no 'sim sweep --condition(s)' cells (cell.json) under " + runs);
            Path mdDir = markdown.toAbsolutePath().getParent();
            if (mdDir == null || !Files.isDirectory(mdDir)) throw new BadInputException("--markdown: folder " + mdDir + " does not exist");
        }
        table.readSizes();
        String stem = out.getFileName().toString().replaceFirst("\\.html?$", "");
        List<LadderReport.Result> ladders = new ArrayList<>();
        for (Path d : runs) {
            if (!LadderReport.isLadder(d)) continue;
            try {
                ladders.add(LadderReport.write(d, base, ladders.isEmpty() ? stem : stem + "-" + (ladders.size() + 1)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>liquidpilot report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}img{width:240px;margin:2px}</style></head><body>\n<h1>liquidpilot report</h1>\n");
        for (LadderReport.Result l : ladders) h.append(l.html());
        if (!models.isEmpty()) {
            h.append("<h2>Models</h2>\n<table><tr><th>model</th><th>type</th><th>parameters</th><th>synapses</th><th>validation loss</th><th>data</th></tr>\n");
            for (Path m : models) {
                if (!Files.isRegularFile(m)) throw new BadInputException("--model: no such file " + m);
                JsonNode t;
                JsonNode meta;
                try {
                    t = ModelFile.training(m);
                    meta = json.readTree(org.liquidpilot.liquid.io.SafeTensors.read(m).metadata().get(ModelFile.METADATA_KEY));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--model " + m + ": " + e.getMessage());
                }
                JsonNode w = meta.path("wiring");
                h.append("<tr><td>").append(Html.esc(m.getFileName().toString())).append("</td><td>").append(Html.esc(t == null ? meta.path("cell").asText() : t.path("model_type").asText()))
                        .append("</td><td>").append(t == null ? "" : t.path("parameters").asText())
                        .append("</td><td>").append(w.isObject() ? (w.path("synapses").asInt() + w.path("sensory_synapses").asInt()) + "" : "dense")
                        .append("</td><td>").append(t == null ? "" : String.format(Locale.ROOT, "%.4g", t.path("validation_loss").asDouble()))
                        .append("</td><td>").append(Html.esc(t == null ? "" : t.path("data").asText())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!table.isEmpty()) {
            h.append(table.html());
            for (Path sweepRoot : rows.stream().filter(r -> Files.isRegularFile(r.dir().resolve("cell.json")))
                    .map(r -> r.dir().toAbsolutePath().getParent().getParent()).distinct().toList()) {
                Path png = sweepRoot.resolve("sweep.png");
                if (Files.isRegularFile(png)) h.append("<p><img style=\"width:auto;max-width:100%\" src=\"").append(Html.esc(base.relativize(png).toString())).append("\"></p>\n");
            }
            h.append(NeuronFigures.write(table, base, stem, spec.commandLine().getErr()));
            spec.commandLine().getErr().flush();
        }
        h.append("<h2>Closed-loop runs</h2>\n<table><tr><th>run</th><th>scenario</th><th>policy</th><th>episodes</th><th>success</th><th>crashes</th>")
                .append("<th>cross-track mean (m)</th><th>cross-track max (m)</th><th>autonomy %</th></tr>\n");
        for (Row r : rows) {
            JsonNode s = r.metrics().path("summary");
            h.append("<tr><td>").append(Html.esc(label(r.dir()))).append("</td><td>").append(Html.esc(r.metrics().path("scenario").asText()))
                    .append("</td><td>").append(Html.esc(r.metrics().path("policy").asText())).append("</td><td>").append(s.path("episodes").asInt())
                    .append(String.format(Locale.ROOT, "</td><td>%.0f%%</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.1f</td></tr>%n",
                            100 * s.path("success_rate").asDouble(), s.path("crashes").asInt(), s.path("cross_track_mean_m").asDouble(),
                            s.path("cross_track_max_m").asDouble(), s.path("autonomy_pct").asDouble()));
        }
        h.append("</table>\n");
        for (Row r : rows) {
            List<Path> pngs;
            try (Stream<Path> s = Files.list(r.dir())) {
                pngs = s.filter(p -> p.getFileName().toString().endsWith("-trajectory.png") || p.getFileName().toString().equals("sweep.png"))
                        .sorted().limit(12).toList();
            }
            if (pngs.isEmpty()) continue;
            h.append("<h3>").append(Html.esc(label(r.dir()))).append("</h3>\n");
            for (Path p : pngs) h.append("<img src=\"").append(Html.esc(base.relativize(p.toAbsolutePath()).toString())).append("\">");
            h.append('\n');
        }
        h.append("</body></html>\n");
        Files.writeString(out, h, StandardCharsets.UTF_8);
        StringBuilder ladderMd = new StringBuilder();
        for (LadderReport.Result l : ladders) ladderMd.append(l.markdown());
        if (!ladders.isEmpty()) {
            Path md = base.resolve(stem + "-ladder.md");
            Files.writeString(md, ladderMd, StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf("wrote %s and %d ladder figures beside it%n", md,
                    ladders.stream().mapToInt(l -> l.figures().size()).sum());
        }
        if (markdown != null) {
            Files.writeString(markdown, table.markdown() + (ladderMd.length() > 0 ? "\n" + ladderMd : ""), StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf("wrote %s (%d models x %d conditions)%n", markdown, table.rows.size(), table.orderedConditions().size());
        }
        spec.commandLine().getOut().printf("wrote %s (%d runs, %d models)%n", out, rows.size(), models.size());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String label(Path dir) {
        Path p = dir.getParent() == null ? dir : dir.getParent().getFileName() == null ? dir.getFileName() : dir.getParent().getFileName().resolve(dir.getFileName());
        return p.toString();
    }

    /** A sweep cell's cell.json, or null when the run is not one. */
    private static JsonNode cellRecord(ObjectMapper json, Path f) {
        if (!Files.isRegularFile(f)) return null;
        try {
            if (Files.size(f) > 64 * 1024) throw new BadInputException(f + ": larger than 64 KiB, not a sweep cell record");
            JsonNode c = json.readTree(f.toFile());
            if (c == null || !c.isObject()) throw new BadInputException(f + ": not a JSON object");
            return c;
        } catch (IOException e) {
            throw new BadInputException(f + ": not JSON (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
        }
    }

}
