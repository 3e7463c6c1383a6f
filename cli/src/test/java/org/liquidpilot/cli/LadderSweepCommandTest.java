package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** sim sweep --ladder: its input checks, two shards sharing a folder, and the ladder report (expert, physics only). */
class LadderSweepCommandTest {

    @Test
    void badLadderInputIsOneLineExitTwo(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        SimSweepCommandTest.assertBadInput("unknown ladder", "sim", "sweep", "--ladder", "nope", "--out", out);
        SimSweepCommandTest.assertBadInput("shard 0", "sim", "sweep", "--ladder", "standard", "--shard", "0/2", "--out", out);
        SimSweepCommandTest.assertBadInput("shard past n", "sim", "sweep", "--ladder", "standard", "--shard", "3/2", "--out", out);
        SimSweepCommandTest.assertBadInput("shard not i/n", "sim", "sweep", "--ladder", "standard", "--shard", "half", "--out", out);
        SimSweepCommandTest.assertBadInput("ladder and grid", "sim", "sweep", "--ladder", "standard", "--grid", "rain=0,1", "--out", out);
        SimSweepCommandTest.assertBadInput("ladder and conditions", "sim", "sweep", "--ladder", "standard", "--conditions", "standard", "--out", out);
        SimSweepCommandTest.assertBadInput("unknown axis", "sim", "sweep", "--ladder", "standard", "--axis", "hail", "--out", out);
        SimSweepCommandTest.assertBadInput("extended axis on standard", "sim", "sweep", "--ladder", "standard", "--axis", "speed", "--out", out);
        SimSweepCommandTest.assertBadInput("axis without ladder", "sim", "sweep", "--conditions", "standard", "--axis", "fog", "--out", out);
        SimSweepCommandTest.assertBadInput("top-up without ladder", "sim", "sweep", "--conditions", "standard", "--top-up", "40", "--out", out);
        SimSweepCommandTest.assertBadInput("top-up not above episodes", "sim", "sweep", "--ladder", "standard", "--episodes", "10", "--top-up", "10", "--out", out);
        SimSweepCommandTest.assertBadInput("shard on a grid", "sim", "sweep", "--grid", "rain=0,1", "--shard", "1/2", "--out", out);
        assertFalse(Files.exists(dir.resolve("o")), "nothing written before the input is checked");
    }

    @Test
    void twoShardsShareALadderAndTheReportReadsIt(@TempDir Path dir) throws Exception {
        Path scenario = SimCommandTest.shortScenario(dir, "nominal", 1.0);
        Path out = dir.resolve("ladder");
        for (String shard : new String[]{"1/2", "2/2"}) {
            CliRun r = CliRun.of("sim", "sweep", "--scenario", scenario.toString(), "--ladder", "standard", "--axis", "fog", "--episodes", "1",
                    "--render", "blank", "--shard", shard, "--out", out.toString());
            assertEquals(0, r.code(), r.err());
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode ladder = json.readTree(out.resolve("ladder.json").toFile());
        assertEquals("standard", ladder.path("ladder").asText());
        assertEquals("fog", ladder.path("axes").get(0).path("name").asText());
        assertEquals(6, ladder.path("axes").get(0).path("levels").size());
        for (String cell : new String[]{"baseline", "fog-1", "fog-2", "fog-3", "fog-4", "fog-5"}) {
            assertTrue(Files.isRegularFile(out.resolve("expert").resolve(cell).resolve("metrics.json")), cell);
        }
        assertEquals(7, Files.readAllLines(out.resolve("sweep.csv")).size(), "the second shard's table holds the first's cells");
        // a different ladder into the same folder is refused
        SimSweepCommandTest.assertBadInput("another ladder in the folder", "sim", "sweep", "--scenario", scenario.toString(), "--ladder", "extended",
                "--axis", "fog", "--episodes", "1", "--render", "blank", "--out", out.toString());

        CliRun rep = CliRun.of("report", "--runs", out.toString(), "--out", dir.resolve("report.html").toString());
        assertEquals(0, rep.code(), rep.err());
        assertNotNull(ImageIO.read(dir.resolve("report-ladder.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("report-ladder-fog.png").toFile()));
        String md = Files.readString(dir.resolve("report-ladder.md"));
        assertTrue(md.contains("| fog | 1.000 [1.000, 1.000] |"), md);
        assertTrue(md.contains("| expert | 100% (1/1) |"), md);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("report-ladder-fog.png") && html.contains("Severity ladder"), html);
    }
}
