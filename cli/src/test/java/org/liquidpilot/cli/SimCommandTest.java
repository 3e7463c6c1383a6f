package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.render.HeadlessGl;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SimCommandTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static Path shortScenario(Path dir, String base, double seconds) throws Exception {
        Path f = dir.resolve("short.yaml");
        String text = new String(SimCommandTest.class.getResourceAsStream("/scenarios/" + base + ".yaml").readAllBytes())
                .replaceAll("(?m)^duration_s:.*$", "duration_s: " + seconds);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun r = run("sim", "--help");
        assertEquals(0, r.code());
        for (String s : new String[]{"run", "sweep", "collect"}) assertTrue(r.out().contains(s), r.out());
        assertTrue(run("sim", "run", "--help").out().contains("--policy"));
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliRun r = run("sim", "run", "--scenario", "no-such-scenario");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(2, run("sim", "run", "--scenario", "nominal", "--episodes", "0").code());
        assertEquals(2, run("sim", "run", "--scenario", "nominal", "--policy", "/no/such/model.safetensors").code());
        assertEquals(2, run("sim", "sweep", "--grid", "rain").code());
        assertEquals(2, run("sim", "sweep", "--grid", "colour=1,2").code());
        assertEquals(2, run("sim", "sweep", "--grid", "rain=0,7").code());
        assertEquals(2, run("sim", "run").code());
    }

    @Test
    void droneTasksSweepPhysicsOnlyAndRejectBadBiomesWithOneLine(@TempDir Path dir) throws Exception {
        Path oak = Files.writeString(dir.resolve("oak.yaml"), "world: forest-open\nvehicle: quad\ntask: target\nbiome: oak\n");
        CliRun bad = run("sim", "run", "--scenario", oak.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("biome must be mixed, birch or pine, not 'oak'"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertEquals(2, run("sim", "sweep", "--scenario", "drone-target", "--conditions", "autumnal", "--render", "blank").code());

        CliRun r = run("sim", "sweep", "--scenario", "drone-hike", "--condition", "pine", "--condition", "rotation", "--episodes", "1",
                "--render", "blank", "--out", dir.resolve("hike").toString());
        assertEquals(0, r.code(), r.err());
        var lines = Files.readAllLines(dir.resolve("hike/sweep.csv"));
        assertTrue(lines.get(0).endsWith(",target_distance_m,target_bearing_abs_deg,time_to_target_s,path_ratio"), lines.get(0));
        assertTrue(lines.get(1).startsWith("expert,pine,1,1.0000,0,0,"), "the expert visits all three targets: " + lines.get(1));
        assertTrue(lines.get(2).startsWith("expert,rotation,1,1.0000,0,0,"), lines.get(2));
    }

    @Test
    void aBadScenarioFileExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path notUtf8 = Files.write(dir.resolve("bad.yaml"), new byte[] {'s', 'e', 'e', 'd', ':', ' ', (byte) 0xC3, '('});
        Path empty = Files.write(dir.resolve("empty.yaml"), new byte[0]);
        Path dup = Files.writeString(dir.resolve("dup.yaml"), "seed: 1\nseed: 2\n");
        for (Object[] c : new Object[][] {{notUtf8, "not UTF-8 text"}, {empty, "is empty"}, {dup, "duplicate key 'seed'"}}) {
            CliRun r = run("sim", "run", "--scenario", c[0].toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains((String) c[1]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    @Test
    void runWritesMetricsTrajectoriesFramesAndVideo(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path out = dir.resolve("out");
        CliRun r = run("sim", "run", "--scenario", shortScenario(dir, "trail-nominal", 4).toString(), "--episodes", "1",
                "--out", out.toString(), "--video");
        assertEquals(0, r.code(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(1, m.get("episodes").size());
        JsonNode e = m.get("episodes").get(0);
        assertTrue(e.get("success").asBoolean(), e.toString());
        for (String k : new String[]{"crashes", "cross_track_mean_m", "cross_track_max_m", "autonomy_pct", "steering_jerk", "control_latency_ms"}) {
            assertTrue(e.has(k), k);
        }
        assertEquals(1.0, m.get("summary").get("success_rate").asDouble());
        assertTrue(Files.size(out.resolve("episode-000-trajectory.png")) > 1000);
        assertTrue(Files.size(out.resolve("episode-000.mp4")) > 1000);
        try (var files = Files.list(out)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("episode-000-frame-\\d+\\.png")));
        }
    }

    @Test
    void sweepWritesCsvAndHeatMapAndCollectWritesBags(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path scenario = shortScenario(dir, "nominal", 2);
        CliRun r = run("sim", "sweep", "--scenario", scenario.toString(), "--grid", "rain=0,1", "--grid", "fog=0,0.5",
                "--episodes", "1", "--out", dir.resolve("sweep").toString());
        assertEquals(0, r.code(), r.err());
        var lines = Files.readAllLines(dir.resolve("sweep/sweep.csv"));
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("rain,fog,episodes,success_rate"));
        assertTrue(Files.size(dir.resolve("sweep/sweep.png")) > 1000);

        CliRun c = run("sim", "collect", "--scenario", scenario.toString(), "--episodes", "1", "--out", dir.resolve("bags").toString());
        assertEquals(0, c.code(), c.err());
        Path bag = dir.resolve("bags/episode-000.bag");
        assertTrue(Files.size(bag) > 60 * 160 * 80 * 3 / 10, "a bag with the camera images");
        try (org.liquidpilot.bags.BagReader reader = org.liquidpilot.bags.BagReader.open(bag)) {
            assertEquals(3 * 60, reader.messageCount(), "image, command and odometry at 30 Hz for 2 s");
            assertEquals(3, reader.connections().size());
        }
    }
}
