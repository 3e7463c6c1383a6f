package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.render.HeadlessGl;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path tmp) {
        for (String[] args : new String[][]{
                {"demo", "--seconds", "0", "--out", tmp.toString()},
                {"demo", "--seconds", "NaN", "--out", tmp.toString()},
                {"demo", "--seconds", "1e9", "--out", tmp.toString()},
                {"demo", "--model", tmp.resolve("missing.safetensors").toString(), "--out", tmp.toString()},
                {"demo", "--drone-model", tmp.resolve("missing.safetensors").toString(), "--out", tmp.toString()},
                {"demo", "--vehicle", "bogus", "--out", tmp.toString()},
                {"demo", "--vehicle", "Quad", "--out", tmp.toString()},
                {"demo", "--vehicle", "", "--out", tmp.toString()},
                {"demo", "--vehicle", "quad", "--model", tmp.resolve("m.safetensors").toString(), "--out", tmp.toString()},
                {"demo", "--vehicle", "car", "--drone-model", tmp.resolve("m.safetensors").toString(), "--out", tmp.toString()}}) {
            CliRun r = SimCommandTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("launch.log")), "nothing started");
    }

    @Test
    void bogusVehicleNamesTheChoices(@TempDir Path tmp) {
        CliRun r = SimCommandTest.run("demo", "--vehicle", "bogus", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("car, quad or both") && r.err().contains("bogus"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing started, nothing written");
    }

    @Test
    void bothVehiclesByDefault() {
        DemoCommand d = new DemoCommand();
        new picocli.CommandLine(d).parseArgs();
        assertEquals("both", d.vehicle);
        assertEquals(java.util.List.of("car", "quad"), java.util.stream.Stream.concat(DemoCommand.CONDITIONS.stream(),
                DemoCommand.DRONE_CONDITIONS.stream()).map(DemoCommand.Condition::vehicle).distinct().toList());
    }

    @Test
    void windowWithoutADisplayIsOneLineBadInput(@TempDir Path tmp) {
        assumeFalse(HeadlessGl.displayAvailable(), "this machine has a display");
        CliRun r = SimCommandTest.run("demo", "--window", "--seconds", "4", "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--window needs a display"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing started, nothing written");
    }

    /** A short windowed demo in its own JVM under Xvfb: the window opens on that display and the loop still closes. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void windowedDemoRunsUnderXvfb(@TempDir Path tmp) throws Exception {
        Path xvfbRun = Path.of("/usr/bin/xvfb-run");
        assumeTrue(Interop.shouldRun("Xvfb (apt xvfb)", Files.isExecutable(xvfbRun)));
        Path out = tmp.resolve("demo-out");
        // Surefire may hand the JVM a manifest-only jar; it names the real test class path separately.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(xvfbRun.toString(), "-a", "-s", "-screen 0 1024x768x24",
                java.toString(), "-Xmx768m", "-cp", cp, LiquidPilotCli.class.getName(),
                "demo", "--window", "--vehicle", "car", "--seconds", "4", "--no-video", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("demo.log").toFile());
        pb.environment().put("LIQUIDPILOT_HOME", RepoRoot.find().getAbsolutePath());
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the windowed demo finished in time");
            String log = Files.readString(tmp.resolve("demo.log"));
            assertEquals(0, p.exitValue(), log);
            // The camera frames came through the window's GL: a road scene, not a blank image.
            Path frame;
            try (var files = Files.walk(out)) {
                frame = files.filter(f -> f.getFileName().toString().matches("episode-.*-frame-.*\\.png")).findFirst().orElseThrow();
            }
            BufferedImage img = ImageIO.read(frame.toFile());
            double sum = 0, sq = 0;
            int n = img.getWidth() * img.getHeight();
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int g = img.getRGB(x, y) >> 8 & 255;
                    sum += g;
                    sq += (double) g * g;
                }
            }
            double std = Math.sqrt(sq / n - (sum / n) * (sum / n));
            assertTrue(std > 10, frame + " shows a scene (green-channel std " + std + ")");
            JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
            assertEquals(4, m.get("conditions").size());
            for (JsonNode c : m.get("conditions")) {
                JsonNode ep = c.get("metrics").get("episodes").get(0);
                assertTrue(ep.get("steps").asInt() >= 4 * 30 - 1, "ran the whole condition: " + ep);
                assertTrue(c.get("command_timeouts").asInt() < 10, "commands crossed ROS in time: " + c);
            }
            assertTrue(Files.isRegularFile(out.resolve("index.html")));
        } finally {
            // xvfb-run's children (Xvfb, the JVM) go with it.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void modelFileThatIsNotAModelIsBadInput(@TempDir Path tmp) throws Exception {
        Path garbage = Files.write(tmp.resolve("junk.safetensors"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        CliRun r = SimCommandTest.run("demo", "--model", garbage.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shortDemoWritesAReportWithEveryCondition(@TempDir Path tmp) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path out = tmp.resolve("demo-out");
        CliRun r = SimCommandTest.run("demo", "--vehicle", "car", "--seconds", "6", "--no-video", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        boolean shipped = Files.isRegularFile(RepoRoot.find().toPath().resolve("models").resolve(DemoCommand.SHIPPED_MODEL));
        assertTrue(r.out().contains(shipped ? "The trained model drives" : "No trained model is shipped yet"), r.out());
        for (String c : new String[]{"sun", "rain", "fog", "wind gusts"}) assertTrue(r.out().contains(c), "table row for " + c + ": " + r.out());
        assertTrue(r.err().contains("[4/4 wind gusts"), "the progress line reached the last condition: " + r.err());
        assertTrue(r.err().contains("cross-track"), r.err());

        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(4, m.get("conditions").size());
        for (JsonNode c : m.get("conditions")) {
            JsonNode ep = c.get("metrics").get("episodes").get(0);
            assertTrue(ep.get("steps").asInt() >= 6 * 30 - 1, "ran the whole condition: " + ep);
            assertTrue(ep.get("distance_m").asDouble() > 10, "moved along the road: " + ep);
            assertTrue(c.get("command_timeouts").asInt() < 10, "commands crossed ROS in time: " + c);
        }
        if (!shipped) {
            JsonNode sun = m.get("conditions").get(0).get("metrics").get("episodes").get(0);
            assertTrue(sun.get("success").asBoolean(), "the expert drives the sunny road: " + sun);
        }

        String html = Files.readString(out.resolve("index.html"));
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int n = 0;
        while (links.find()) {
            String link = links.group(1);
            assertFalse(link.startsWith("/") || link.contains(":"), "relative link: " + link);
            assertTrue(Files.isRegularFile(out.resolve(link)), "linked file exists: " + link);
            n++;
        }
        assertTrue(n >= 4 + 4 * 2 + 2, "trajectories, frames, neurons, wiring and metrics are linked: " + n + "\n" + html);
        BufferedImage neurons = ImageIO.read(out.resolve("neurons-car.png").toFile());
        assertTrue(neurons.getHeight() > 19 * 30, "one row per neuron: " + neurons.getHeight());
        assertNotNull(ImageIO.read(out.resolve("wiring-car.png").toFile()));
        assertFalse(Files.exists(out.resolve("demo.mp4")), "--no-video writes no MP4");
        assertFalse(html.contains("drone-target") || Files.exists(out.resolve("neurons-quad.png")), "--vehicle car flies no drone");
    }

    /**
     * The drone's segment alone: over the mavros topics to the red marker in summer, autumn, winter and gusts, each
     * episode ending at the target (the drone model or the expert reaches it in about 7.5–9.5 s).
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void droneDemoFliesToTheTargetInEveryCondition(@TempDir Path tmp) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path out = tmp.resolve("demo-out");
        double limit = 9;
        CliRun r = SimCommandTest.run("demo", "--vehicle", "quad", "--seconds", String.valueOf(limit), "--no-video", "--out", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());

        boolean shipped = Files.isRegularFile(RepoRoot.find().toPath().resolve("models").resolve(DemoCommand.SHIPPED_DRONE_MODEL));
        assertTrue(r.out().contains(shipped ? "The trained drone model flies" : "No trained drone model is shipped yet"), r.out());
        assertFalse(r.out().contains("forest-road") || r.out().contains("wind gusts"), "no car segment: " + r.out());
        for (String c : new String[]{"summer", "autumn", "winter", "gusts"}) {
            assertTrue(Pattern.compile("(?m)^quad +" + c + " +drone-target ").matcher(r.out()).find(), "table row for " + c + ": " + r.out());
        }
        assertTrue(r.out().contains("to_target_s"), r.out());
        assertTrue(r.err().contains("[4/4 gusts"), "the progress line reached the last condition: " + r.err());
        assertTrue(r.err().contains("| target "), "the progress line shows the distance to the target: " + r.err());

        JsonNode m = JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(1, m.get("vehicles").size());
        assertEquals("quad", m.get("vehicles").get(0).get("vehicle").asText());
        assertEquals(4, m.get("conditions").size());
        for (JsonNode c : m.get("conditions")) {
            assertEquals("quad", c.get("vehicle").asText());
            assertEquals("drone-target", c.get("scenario").asText());
            JsonNode ep = c.get("metrics").get("episodes").get(0);
            JsonNode target = ep.get("target");
            assertTrue(target != null && target.isObject(), "target metrics: " + ep);
            assertTrue(ep.get("distance_m").asDouble() > 5, "flew towards the target: " + ep);
            if (!shipped) {
                assertTrue(ep.get("success").asBoolean(), "the target expert reaches the marker: " + c);
                assertTrue(target.get("final_distance_m").asDouble() <= 2.0, "within reach at the end: " + target);
                double reached = target.get("time_to_target_s").asDouble();
                assertTrue(reached > 2 && reached < limit, "reached in time: " + target);
                // The episode ends at the target, as the runner ends it, not at the time limit.
                assertTrue(ep.get("steps").asInt() < limit * 30 - 5 && Math.abs(ep.get("elapsed_s").asDouble() - reached) < 0.05, "ended at the target: " + ep);
            }
        }

        // The condition cells reached the sim: the winter forest is brighter (snow) than the summer one.
        assertTrue(meanGreen(frame(out, "1-quad-summer")) + 15 < meanGreen(frame(out, "3-quad-winter")),
                "winter frames differ from summer ones");

        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<td>quad</td><td>summer</td><td>drone-target</td>"), html);
        assertTrue(html.contains("final distance to target") && html.contains("time to target"), html);
        assertTrue(html.contains("/mavros/setpoint_raw/local"), html);
        Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int n = 0;
        while (links.find()) {
            String link = links.group(1);
            assertFalse(link.startsWith("/") || link.contains(":"), "relative link: " + link);
            assertTrue(Files.isRegularFile(out.resolve(link)), "linked file exists: " + link);
            n++;
        }
        assertTrue(n >= 4 + 4 * 2 + 2, "trajectories, frames, neurons, wiring and metrics are linked: " + n + "\n" + html);
        BufferedImage neurons = ImageIO.read(out.resolve("neurons-quad.png").toFile());
        assertTrue(neurons.getHeight() > 19 * 30, "one row per neuron: " + neurons.getHeight());
        assertNotNull(ImageIO.read(out.resolve("wiring-quad.png").toFile()));
        assertFalse(Files.exists(out.resolve("neurons-car.png")), "--vehicle quad drives no car");
    }

    private static Path frame(Path out, String segment) throws Exception {
        try (var files = Files.list(out.resolve(segment))) {
            return files.filter(f -> f.getFileName().toString().matches("episode-000-frame-.*\\.png")).sorted().findFirst().orElseThrow();
        }
    }

    private static double meanGreen(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) sum += img.getRGB(x, y) >> 8 & 255;
        }
        return sum / (img.getWidth() * img.getHeight());
    }
}
