package org.liquidpilot.cli;

import org.liquidpilot.train.ModelSizes;
import org.liquidpilot.sim.report.NeuronFigures;
import org.liquidpilot.sim.report.ResultsTable;
import org.liquidpilot.train.TrainableModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.train.BaselineModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ResultsTableTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The GitHub table in a markdown text: header first, the |---| line dropped, cells trimmed and unescaped. */
    static List<List<String>> parseMarkdownTable(String md) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) continue;
            if (line.matches("\\|(\\s*-+:?\\s*\\|)+")) continue;
            String body = line.substring(1, line.length() - 1);
            rows.add(Arrays.stream(body.split("(?<!\\\\)\\|")).map(s -> s.strip().replace("\\|", "|").replace("\\*", "*")).toList());
        }
        for (List<String> r : rows) assertEquals(rows.get(0).size(), r.size(), "every row has every column: " + r);
        return rows;
    }

    static void cell(Path out, String policy, String model, String condition, int episodes, int successes, int crashes, double cte) throws Exception {
        Path d = Files.createDirectories(out.resolve(policy).resolve(condition));
        Files.writeString(d.resolve("metrics.json"), """
                {"scenario":"nominal/%s","world":"forest-road","vehicle":"car","policy":"%s","episodes":[{"cross_track_mean_m":0.123,"success":false}],
                 "summary":{"episodes":%d,"success_rate":%s,"crashes":%d,"cross_track_mean_m":%s,"cross_track_max_m":1.5,"autonomy_pct":90.0}}
                """.formatted(condition, policy, episodes, successes / (double) episodes, crashes, cte));
        ObjectNode c = JSON.createObjectNode().put("policy", policy).put("model", model).put("condition", condition)
                .put("seed", 9001).put("duration_s", 60.0).put("episodes", episodes);
        Files.writeString(d.resolve("cell.json"), c.toString());
    }

    @Test
    void tableOfModelsByConditionWithSizesFromTheFiles(@TempDir Path dir) throws Exception {
        Path ncp = SimSweepCommandTest.ncp(dir, "ncp19.safetensors");
        Path lstm = dir.resolve("lstm64.safetensors");
        TrainableModel.save(lstm, BaselineModel.create("lstm", 32, 64, 1).initialise(3), null);
        Path mlp = dir.resolve("mlp.safetensors");
        TrainableModel.save(mlp, BaselineModel.create("mlp", 32, 64, 1).initialise(3), null);
        Path sweep = dir.resolve("sweep");
        cell(sweep, "ncp19", ncp.toString(), "nominal", 20, 19, 1, 0.21);
        cell(sweep, "ncp19", ncp.toString(), "rain", 20, 5, 30, 0.6);
        cell(sweep, "ncp19", ncp.toString(), "my-gale", 20, 10, 12, 0.5);
        cell(sweep, "lstm64", lstm.toString(), "rain", 20, 4, 33, 0.7);
        cell(sweep, "lstm64", lstm.toString(), "nominal", 20, 20, 0, 0.2);
        cell(sweep, "mlp", mlp.toString(), "nominal", 20, 18, 2, 0.3);
        cell(sweep, "expert", "expert", "nominal", 20, 20, 0, 0.05);
        cell(sweep, "gone", dir.resolve("deleted.safetensors").toString(), "nominal", 20, 1, 0, 0.05);
        // a second sweep on another seed pools into the same row
        cell(dir.resolve("sweep2"), "ncp19", ncp.toString(), "nominal", 20, 20, 0, 0.19);
        Path md = dir.resolve("t.md");
        CliRun r = SimCommandTest.run("report", "--runs", sweep.toString(), dir.resolve("sweep2").toString(),
                "--out", dir.resolve("r.html").toString(), "--markdown", md.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(md);
        List<List<String>> t = parseMarkdownTable(text);
        assertEquals(List.of("model", "type", "parameters", "recurrent parameters", "effective recurrent", "synapses", "nominal", "rain *", "my-gale", "crashes",
                "mean cross-track (m)"), t.get(0), "standard cells in their order, then custom ones");
        List<String> ncpRow = row(t, "ncp19"), lstmRow = row(t, "lstm64"), mlpRow = row(t, "mlp");
        // effective: ff1/ff2 entries of absent synapses (472 of them in this wiring) never reach the output
        assertEquals(List.of("cfc-ncp19", "2504", "2504", "2032", "206", "98% (39/40)", "25% (5/20)", "50% (10/20)", "43"), ncpRow.subList(1, 10));
        // LSTM-64 on 32 inputs: 4*64*(32+64) + 2*4*64 recurrent; + 64 + 1 readout; dense synapses 64*32 + 64*64 + 64
        assertEquals(List.of("lstm-64", "25153", "25088", "25088", "6208", "100% (20/20)", "20% (4/20)", "–"), lstmRow.subList(1, 9));
        assertEquals(List.of("mlp-64", "2177", "0", "0", "2112"), mlpRow.subList(1, 6));
        assertEquals("–", row(t, "expert").get(2));
        assertEquals("model file gone", row(t, "gone").get(1));
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", (0.21 * 20 + 0.6 * 20 + 0.5 * 20 + 0.19 * 20) / 80), ncpRow.get(10));
        assertTrue(text.contains("ncp19: nominal 98% (target ≥ 95%: met); moderate cells below the 90% target: rain 25%; 12.3× fewer effective recurrent parameters"
                + " than lstm64 (target ≥ 20×: not met); equal or better than it in 1 of 1 perturbed cells"), text);
        assertTrue(text.contains("scenario seed 9001 (each episode drives its own road from it); episodes of 60 s."), text);
        String html = Files.readString(dir.resolve("r.html"));
        assertTrue(html.contains("<h2>Results: model × condition</h2>") && html.contains("<td>25% (5/20)</td>"), html);
        assertTrue(html.contains("Cross-track error per episode") && html.contains("fill=\"#d33\""), "episode dots in the distribution plot");
    }

    @Test
    void markdownWithoutSweepCellsAndBadCellRecordsAreExit2(@TempDir Path dir) throws Exception {
        ReportCommandTest.metrics(dir.resolve("runs/plain"), "nominal", 0.9, 1);
        CliRun r = SimCommandTest.run("report", "--runs", dir.resolve("runs").toString(), "--out", dir.resolve("r.html").toString(),
                "--markdown", dir.resolve("t.md").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no 'sim sweep --condition(s)' cells"), r.err());
        Files.writeString(dir.resolve("runs/plain/cell.json"), "{oops");
        assertEquals(2, SimCommandTest.run("report", "--runs", dir.resolve("runs").toString(), "--out", dir.resolve("r.html").toString()).code());
        Files.writeString(dir.resolve("runs/plain/cell.json"), "{\"policy\":\"x\"}");
        assertEquals(2, SimCommandTest.run("report", "--runs", dir.resolve("runs").toString(), "--out", dir.resolve("r.html").toString()).code());
    }

    static List<String> row(List<List<String>> t, String model) {
        return t.stream().filter(l -> l.get(0).equals(model)).findFirst().orElseThrow(() -> new AssertionError("no row " + model + " in " + t));
    }

    /** An LTC NCP's effective count is 4 per synapse (w, mu, sigma, erev) plus its per-neuron and mapping parameters. */
    @Test
    void effectiveRecurrentParametersOfAnLtcNcpCountOnlyItsSynapses(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ltc.safetensors");
        TrainableModel.save(f, org.liquidpilot.train.ModelTypes.create("ltc-ncp12-6-1", 32, 1, 1, 22222, "default", false), null);
        ModelSizes s = ModelSizes.of(f);
        long synapses = s.synapses();
        assertEquals(250, synapses, "the paper circuit on 32 inputs");
        assertEquals(4 * synapses + 3 * 19 + 2 * 32 + 2, s.effectiveRecurrent());
        assertTrue(s.parameters() > s.effectiveRecurrent());
    }
}
