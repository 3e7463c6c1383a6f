package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.report.NeuronTrace;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SimSweepCommandTest {

    static void assertBadInput(String why, String... args) {
        CliRun r = SimCommandTest.run(args);
        assertEquals(2, r.code(), why + ": " + r.err());
        assertEquals(1, r.err().strip().lines().count(), why + ": " + r.err());
    }

    static Path ncp(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        try (var in = SimSweepCommandTest.class.getResourceAsStream("/sweep/ncp19.safetensors")) {
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void badSweepsAreOneLineExitTwo(@TempDir Path dir) throws Exception {
        String out = dir.resolve("o").toString();
        assertBadInput("empty grid", "sim", "sweep", "--out", out);
        assertBadInput("empty set", "sim", "sweep", "--conditions", "", "--out", out);
        assertBadInput("unknown set", "sim", "sweep", "--conditions", "extreme", "--out", out);
        assertBadInput("unknown condition", "sim", "sweep", "--condition", "hail", "--out", out);
        assertBadInput("bad key", "sim", "sweep", "--condition", "x:colour=red", "--out", out);
        assertBadInput("bad value", "sim", "sweep", "--condition", "x:fog=3", "--out", out);
        assertBadInput("grid and conditions", "sim", "sweep", "--condition", "fog", "--grid", "rain=0,1", "--out", out);
        assertBadInput("missing model", "sim", "sweep", "--conditions", "standard", "--policy", dir.resolve("none.safetensors").toString(), "--out", out);
        Path junk = Files.write(dir.resolve("junk.safetensors"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertBadInput("garbage model", "sim", "sweep", "--condition", "fog", "--policy", junk.toString(), "--out", out);
        assertBadInput("camera sizes", "sim", "sweep", "--condition", "nominal", "--condition", "big:camera.width=320,camera.height=160", "--out", out);
        assertBadInput("same folder twice", "sim", "sweep", "--condition", "fog", "--policy", "expert", "--policy", "expert", "--out", out);
        assertBadInput("negative seed", "sim", "sweep", "--condition", "fog", "--seed", "-1", "--out", out);
        assertBadInput("zero duration", "sim", "sweep", "--condition", "fog", "--duration", "0", "--out", out);
        assertBadInput("huge duration", "sim", "run", "--scenario", "nominal", "--duration", "1e9", "--out", out);
        assertBadInput("huge seed", "sim", "run", "--scenario", "nominal", "--seed", "9007199254740992", "--out", out);
        assertBadInput("two policies on a grid", "sim", "sweep", "--grid", "rain=0,1", "--policy", "expert", "--policy", ncp(dir, "a.safetensors").toString(), "--out", out);
        assertFalse(Files.exists(dir.resolve("o")), "nothing written before the input is checked");
    }

    @Test
    void runTakesSeedAndDuration(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        ObjectMapper json = new ObjectMapper();
        long[] seeds = new long[2];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("run" + i);
            CliRun r = SimCommandTest.run("sim", "run", "--scenario", "nominal", "--episodes", "1", "--seed", Long.toString(5 + i),
                    "--duration", "1.5", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode e = json.readTree(out.resolve("metrics.json").toFile()).path("episodes").get(0);
            assertEquals(1.5, e.path("elapsed_s").asDouble(), 0.05, e.toString());
            seeds[i] = e.path("seed").asLong();
        }
        assertNotEquals(seeds[0], seeds[1], "another --seed drives another road");
    }

    @Test
    void twoPoliciesTimesTwoCellsWriteTheLayoutResumeAndMakeTheTable(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path model = ncp(dir, "ncp19.safetensors");
        Path out = dir.resolve("sweep");
        String[] args = {"sim", "sweep", "--condition", "nominal", "--condition", "gale:mean_mps=9,turbulence=severe", "--policy", "expert",
                "--policy", model.toString(), "--episodes", "1", "--seed", "4242", "--duration", "2", "--out", out.toString()};
        CliRun r = SimCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
        ObjectMapper json = new ObjectMapper();
        for (String p : List.of("expert", "ncp19")) {
            for (String c : List.of("nominal", "gale")) {
                Path d = out.resolve(p).resolve(c);
                JsonNode m = json.readTree(d.resolve("metrics.json").toFile());
                assertEquals(1, m.path("summary").path("episodes").asInt(), d.toString());
                JsonNode cell = json.readTree(d.resolve("cell.json").toFile());
                assertEquals(4242, cell.path("seed").asLong());
                assertEquals(2.0, cell.path("duration_s").asDouble());
                assertEquals(c, cell.path("condition").asText());
                assertEquals(p.equals("expert") ? "expert" : model.toAbsolutePath().toString(), cell.path("model").asText());
            }
        }
        assertEquals("9", json.readTree(out.resolve("ncp19/gale/cell.json").toFile()).path("overrides").path("mean_mps").asText());
        for (String c : List.of("nominal", "gale")) {
            assertFalse(Files.exists(out.resolve("expert").resolve(c).resolve(NeuronTrace.FILE)), "the expert has no neurons");
            Path f = out.resolve("ncp19").resolve(c).resolve(NeuronTrace.FILE);
            assertEquals(4 + 19, Files.readAllLines(f).get(0).split(",").length, "t, command, output, intervention and the 19 neurons");
            NeuronTrace tr = NeuronTrace.read(f);
            assertEquals("motor0", tr.names().get(0));
            assertEquals(7, tr.names().stream().filter(n -> n.startsWith("cmd")).count(), "AutoNCP(19,1): 7 command neurons " + tr.names());
            assertEquals(60, tr.steps(), 2, "one row per control step of the first 2-s episode");
            boolean moved = false;
            for (int i = 1; i < tr.steps(); i++) moved |= tr.value(i, 5) != tr.value(0, 5);
            assertTrue(moved, "the neuron states change as the model drives");
            assertEquals(19, json.readTree(out.resolve("ncp19").resolve(c).resolve("cell.json").toFile()).path("neuron_trace").path("state_size").asInt());
        }
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, csv.size(), csv.toString());
        assertTrue(csv.get(0).startsWith("policy,cell,episodes,success_rate,crashes,collisions,corridor_exits,cross_track_mean_m"), csv.get(0));
        assertTrue(csv.get(1).startsWith("expert,nominal,1,1.0000,0,"), "the expert drives 2 s of a nominal road: " + csv.get(1));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("ncp19,gale,1,")), csv.toString());
        assertTrue(Files.size(out.resolve("sweep.png")) > 1000);

        long before = Files.getLastModifiedTime(out.resolve("ncp19/gale/metrics.json")).toMillis();
        CliRun again = SimCommandTest.run(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("4 cells already done, kept"), again.out());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("ncp19/gale/metrics.json")).toMillis());

        // a cell done before traces were recorded gets one from its first episode alone, the same one
        Path trace = out.resolve("ncp19/gale").resolve(NeuronTrace.FILE);
        String recorded = Files.readString(trace);
        Files.delete(trace);
        CliRun backfill = SimCommandTest.run(args);
        assertEquals(0, backfill.code(), backfill.err());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("ncp19/gale/metrics.json")).toMillis(), "the cell is not redone");
        assertEquals(recorded, Files.readString(trace), "same seed, same first episode, same trace");
        assertEquals(19, json.readTree(out.resolve("ncp19/gale/cell.json").toFile()).path("neuron_trace").path("state_size").asInt());

        Path md = dir.resolve("results.md");
        CliRun rep = SimCommandTest.run("report", "--runs", out.toString(), "--out", dir.resolve("report.html").toString(), "--markdown", md.toString());
        assertEquals(0, rep.code(), rep.err());
        List<List<String>> table = ResultsTableTest.parseMarkdownTable(Files.readString(md));
        assertEquals(List.of("model", "type", "parameters", "recurrent parameters", "effective recurrent", "synapses", "nominal", "gale", "crashes", "mean cross-track (m)"), table.get(0));
        List<String> ncpRow = table.stream().filter(l -> l.get(0).equals("ncp19")).findFirst().orElseThrow();
        assertEquals(List.of("cfc-ncp19", "2504", "2504", "2032", "206"), ncpRow.subList(1, 6));
        assertTrue(ncpRow.get(6).matches("\\d+% \\([01]/1\\)"), ncpRow.toString());
        String page = Files.readString(dir.resolve("report.html"));
        assertTrue(page.contains("sweep/sweep.png"));
        assertTrue(page.contains("<img class=\"neurons\" style=\"width:auto;max-width:100%\" src=\"report-neurons-ncp19.png\""), page);
        assertFalse(page.contains("report-neurons-expert"), "no figure for the expert");
        BufferedImage fig = ImageIO.read(dir.resolve("report-neurons-ncp19.png").toFile());
        assertNotNull(fig);
        assertTrue(fig.getHeight() > 21 * 30, "command, output and 19 neuron rows: " + fig.getHeight());
    }
}
