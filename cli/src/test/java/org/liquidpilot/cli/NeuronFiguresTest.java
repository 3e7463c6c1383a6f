package org.liquidpilot.cli;

import org.liquidpilot.sim.report.NeuronTrace;
import org.liquidpilot.train.ModelSizes;
import org.liquidpilot.sim.report.NeuronFigures;
import org.liquidpilot.sim.report.ResultsTable;
import org.liquidpilot.train.TrainableModel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.train.BaselineModel;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class NeuronFiguresTest {

    static void trace(Path cellDir, List<String> names, int steps, int stateSize) throws Exception {
        NeuronTrace.Recorder r = new NeuronTrace.Recorder(names);
        float[] s = new float[names.size()];
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < s.length; k++) s[k] = (float) Math.sin(i * 0.05 + k);
            r.add((i + 1) / 30.0, 0.02 * Math.sin(i * 0.03), Math.sin(i * 0.03), i == steps / 2, s);
        }
        r.trace().write(cellDir.resolve(NeuronTrace.FILE));
        Path cell = cellDir.resolve("cell.json");
        ObjectNode c = (ObjectNode) ResultsTableTest.JSON.readTree(cell.toFile());
        c.putObject("neuron_trace").put("file", NeuronTrace.FILE).put("state_size", stateSize).put("recorded", names.size());
        Files.writeString(cell, c.toString());
    }

    static List<String> plain(int n) {
        List<String> s = new ArrayList<>();
        for (int k = 0; k < n; k++) s.add("s" + k);
        return s;
    }

    @Test
    void aFigurePerModelWithTracesNamedByRoleAndDamagedTracesSkippedWithAWarning(@TempDir Path dir) throws Exception {
        Path ncp = SimSweepCommandTest.ncp(dir, "ncp19.safetensors");
        Path lstm = dir.resolve("lstm64.safetensors");
        TrainableModel.save(lstm, BaselineModel.create("lstm", 32, 64, 1).initialise(3), null);
        List<String> roles = SimPolicies.neuronNames(ncp, 19);
        assertEquals(19, roles.size());
        assertEquals("motor0", roles.get(0), "AutoNCP puts the motor neuron first");
        assertEquals(1, roles.stream().filter(s -> s.startsWith("motor")).count());
        assertTrue(roles.stream().anyMatch(s -> s.matches("cmd\\d+")) && roles.stream().anyMatch(s -> s.matches("inter\\d+")), roles.toString());
        assertEquals(plain(128), SimPolicies.neuronNames(lstm, 128), "a dense baseline has no roles");

        Path sweep = dir.resolve("sweep");
        for (String c : List.of("nominal", "rain", "fog", "my-gale")) ResultsTableTest.cell(sweep, "ncp19", ncp.toString(), c, 2, 1, 1, 0.3);
        for (String c : List.of("nominal", "rain")) ResultsTableTest.cell(sweep, "lstm64", lstm.toString(), c, 2, 2, 0, 0.2);
        ResultsTableTest.cell(sweep, "expert", "expert", "nominal", 2, 2, 0, 0.05);
        ResultsTableTest.cell(sweep, "old", ncp.toString(), "nominal", 2, 2, 0, 0.05);
        trace(sweep.resolve("ncp19/nominal"), roles, 300, 19);
        trace(sweep.resolve("ncp19/my-gale"), roles, 200, 19);
        trace(sweep.resolve("ncp19/fog"), roles, 100, 19);
        // an interrupted copy: the last row cut short
        String whole = Files.readString(sweep.resolve("ncp19/fog/neurons.csv"));
        Files.writeString(sweep.resolve("ncp19/fog/neurons.csv"), whole.substring(0, whole.length() - 7));
        Files.writeString(sweep.resolve("ncp19/rain/neurons.csv"), "\u0000\u0001garbage");
        trace(sweep.resolve("lstm64/nominal"), plain(16), 150, 128);
        trace(sweep.resolve("lstm64/rain"), plain(16), 150, 128);

        Path html = dir.resolve("r.html");
        CliRun r = SimCommandTest.run("report", "--runs", sweep.toString(), "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(2, warnings.size(), r.err());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("ncp19/fog/neurons.csv") && w.contains("truncated")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("ncp19/rain/neurons.csv")), warnings.toString());

        String page = Files.readString(html);
        Matcher m = Pattern.compile("<img class=\"neurons\"[^>]*src=\"([^\"]+)\"").matcher(page);
        List<String> srcs = new ArrayList<>();
        while (m.find()) srcs.add(m.group(1));
        assertEquals(List.of("r-neurons-lstm64.png", "r-neurons-ncp19.png"), srcs, "one figure per model with traces; none for the expert or a sweep without traces");
        assertTrue(page.contains("19 state values; cells: nominal, my-gale"), "the damaged cells are left out: " + page);
        assertTrue(page.contains("first 16 of 128 state values; cells: nominal, rain"), page);
        for (String s : srcs) {
            BufferedImage img = ImageIO.read(dir.resolve(s).toFile());
            assertNotNull(img, s);
            assertTrue(img.getWidth() >= 1000 && img.getHeight() > 16 * 30, s + " " + img.getWidth() + "x" + img.getHeight());
        }
        BufferedImage ncpFig = ImageIO.read(dir.resolve("r-neurons-ncp19.png").toFile());
        assertTrue(ncpFig.getHeight() > 21 * 30, "command, output and 19 neurons");
    }

    @Test
    void chosenCellsAreNominalAndTheModerateOnesInTableOrder() {
        ResultsTable.Row r = new ResultsTable.Row("p", "m");
        List<String> all = List.of("nominal", "rain", "fog", "dusk", "night", "wind-light", "wind-moderate", "wind-severe", "autumn", "winter", "noise", "x");
        for (String c : all) r.cells.computeIfAbsent(c, k -> new ResultsTable.Tally()).trace = Path.of(c);
        assertEquals(List.of("nominal", "rain", "fog", "night", "wind-moderate", "winter"), NeuronFigures.chosen(all, r));
        r.cells.get("rain").trace = null;
        assertEquals(List.of("nominal", "fog", "dusk", "night", "wind-moderate", "winter"), NeuronFigures.chosen(all, r),
                "a cell without a trace makes room for the next one in table order");
    }
}
