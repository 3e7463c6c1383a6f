package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pilot's mavros output against the contract PX4 offboard users expect, judged by a fake mavros written in
 * rospy ({@code mavros/fake_mavros.py}, classes built by Debian's genpy from the shipped .msg/.srv texts) under
 * Debian's roscore: the Java pilot node flies the shipped model on a synthetic camera with {@code ~offboard} and
 * {@code ~arm}; the fake obeys its set_mode and arming requests and records every setpoint. Checked: frame
 * FRAME_BODY_NED and mask 1479, the rate within ±5 %, strictly increasing stamps, more than 1 s of setpoints before
 * the OFFBOARD request, hover until OFFBOARD and armed, motion after, and AUTO.LAND after the camera stops.
 * Needs Debian's ROS (skips with a notice, or fails under {@code -Dlp.interop=true}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PilotMavrosContractTest {
    private static final double RATE_HZ = 30, LOSS_LAND_S = 1.0, WATCHDOG_S = 0.2;
    private static final String[] DEFS = {"State.msg", "PositionTarget.msg", "SetMode.srv", "CommandBool.srv"};

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder fakeErr = new StringBuilder();
    private volatile boolean cameraOn = true;

    private static boolean genpyAndMessagesInstalled() {
        return Interop.debianRosInstalled() && Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/genpy"))
                && Files.isRegularFile(Path.of("/usr/share/std_msgs/msg/Header.msg"))
                && Files.isRegularFile(Path.of("/usr/share/geometry_msgs/msg/Vector3.msg"));
    }

    private static Path shippedModel() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path m = dir.resolve("models/ncp19-forest-road.safetensors");
            if (Files.isRegularFile(m) && Files.isRegularFile(dir.resolve("package.xml"))) return m;
        }
        throw new IllegalStateException("models/ncp19-forest-road.safetensors not found above " + Path.of("").toAbsolutePath());
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = PilotMavrosContractTest.class.getResourceAsStream(name)) {
            assertNotNull(in, "resource " + name);
            Files.copy(in, to);
        }
    }

    @Test
    void pilotStreamsBodyVelocityHandshakesOffboardAndLandsOnCameraLossAgainstRospyMavros() throws Exception {
        assumeTrue(Interop.shouldRun("Debian ROS with genpy and std/geometry message definitions (apt ros-core python3-genpy"
                + " ros-std-msgs ros-geometry-msgs)", genpyAndMessagesInstalled()));
        Path model = shippedModel();
        Path tmp = Files.createTempDirectory("lp-fake-mavros");
        try {
            Path defs = Files.createDirectories(tmp.resolve("defs/mavros_msgs"));
            for (String f : DEFS) copyResource("/org/liquidpilot/ros/msg/defs/mavros_msgs/" + f, defs.resolve(f));
            Path script = tmp.resolve("fake_mavros.py");
            copyResource("/mavros/fake_mavros.py", script);
            run(model, tmp.resolve("defs"), script, Files.createDirectories(tmp.resolve("gen")));
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(Path model, Path defs, Path script, Path gen) throws Exception {
        JsonNode summary;
        double cameraStopped;
        try (DebianRos ros = DebianRos.startRoscore()) {
            Process fake = ros.start("/usr/bin/python3", script.toString(), defs.toString(), gen.toString());
            readLines(fake.getInputStream(), line -> events.add(new ObjectMapper().readTree(line)));
            readLines(fake.getErrorStream(), line -> {
                synchronized (fakeErr) {
                    fakeErr.append(line).append('\n');
                }
            });
            JsonNode ready = await(e -> e.path("event").asText().equals("ready"), 30, "the fake mavros is up", fake);
            assertEquals(State.CODEC.md5sum(), ready.path("state_md5sum").asText(), "genpy's State md5");
            assertEquals(SetMode.TYPE.md5sum(), ready.path("set_mode_md5sum").asText(), "genpy's SetMode md5");
            assertEquals(CommandBool.TYPE.md5sum(), ready.path("arming_md5sum").asText(), "genpy's CommandBool md5");

            ConnectedNode cameraNode = RosNodes.start(NodeConfiguration.forMaster(ros.masterUri(), "camera"));
            ConnectedNode pilot = null;
            Thread camera = null;
            try {
                var p = cameraNode.getParameterTree();
                p.set("/pilot/output", "mavros");
                p.set("/pilot/offboard", true);
                p.set("/pilot/arm", true);
                p.set("/pilot/loss_land_s", LOSS_LAND_S);
                p.set("/pilot/rate_hz", RATE_HZ);
                p.set("/pilot/watchdog_ms", (int) (WATCHDOG_S * 1000));
                p.set("/pilot/model", model.toString());
                Publisher<Image> images = cameraNode.newPublisher("/camera/image_raw", Image.CODEC);
                camera = new Thread(() -> runCamera(images), "contract-camera");
                camera.setDaemon(true);
                camera.start();
                pilot = RosNodes.execute(new PilotNode(), NodeConfiguration.forMaster(ros.masterUri(), "pilot"));

                await(e -> e.path("event").asText().equals("arming"), 20, "an arming request", fake);
                Thread.sleep(2000);     // flying
                cameraStopped = System.currentTimeMillis() / 1000.0;
                cameraOn = false;
                await(e -> e.path("event").asText().equals("set_mode") && e.path("custom_mode").asText().equals("AUTO.LAND"),
                        LOSS_LAND_S + WATCHDOG_S + 4, "AUTO.LAND after the camera stopped", fake);
                Thread.sleep(700);      // hover setpoints after the landing request
            } finally {
                cameraOn = false;
                if (camera != null) camera.join(2000);
                if (pilot != null) pilot.shutdown();
                cameraNode.shutdown();
            }
            fake.getOutputStream().close();
            summary = await(e -> e.path("event").asText().equals("summary"), 15, "the fake mavros's summary", fake);
        }
        check(summary, cameraStopped);
    }

    private void check(JsonNode summary, double cameraStopped) {
        JsonNode conn = summary.path("connection");
        assertEquals(PositionTarget.CODEC.md5sum(), conn.path("md5sum").asText(), "md5sum in our connection header");
        assertEquals("mavros_msgs/PositionTarget", conn.path("type").asText());
        assertTrue(conn.path("definition_matches").asBoolean(), "our message_definition equals genpy's _full_text");

        List<JsonNode> sp = new ArrayList<>();
        summary.path("setpoints").forEach(sp::add);
        assertTrue(sp.size() > 4 * RATE_HZ, "setpoints recorded (the rate window needs 3.5 s): " + sp.size());
        for (int i = 0; i < sp.size(); i++) {
            JsonNode s = sp.get(i);
            assertEquals(PositionTarget.FRAME_BODY_NED, s.path("frame").asInt(), "coordinate_frame at " + i);
            assertEquals(1479, s.path("mask").asInt(), "type_mask at " + i);
            assertEquals(0.0, s.path("px").asDouble(), "position unused");
            assertEquals(0.0, s.path("afx").asDouble(), "acceleration unused");
            if (i > 0) {
                assertTrue(s.path("stamp_ns").asLong() > sp.get(i - 1).path("stamp_ns").asLong(), "stamps strictly increase at " + i);
            }
        }
        // rate: setpoints per 3 s of their own stamps, starting 0.5 s into the stream
        long from = sp.get(0).path("stamp_ns").asLong() + 500_000_000L;
        long n = sp.stream().mapToLong(s -> s.path("stamp_ns").asLong()).filter(t -> t >= from && t < from + 3_000_000_000L).count();
        assertTrue(Math.abs(n - 3 * RATE_HZ) <= 0.05 * 3 * RATE_HZ, n + " setpoints in 3 s at ~rate_hz " + RATE_HZ + " (±5 %)");
        double wallSpan = sp.get(sp.size() - 1).path("t").asDouble() - sp.get(0).path("t").asDouble();
        double stampSpan = (sp.get(sp.size() - 1).path("stamp_ns").asLong() - sp.get(0).path("stamp_ns").asLong()) / 1e9;
        assertEquals(wallSpan, stampSpan, 0.5, "stamps are node time, following the wall clock");

        JsonNode offboard = event(e -> e.path("event").asText().equals("set_mode"));
        assertEquals("OFFBOARD", offboard.path("custom_mode").asText(), "the first mode request");
        double streamed = offboard.path("t").asDouble() - sp.get(0).path("t").asDouble();
        assertTrue(streamed > 1.0, "setpoints streamed " + streamed + " s before the OFFBOARD request");
        JsonNode armed = event(e -> e.path("event").asText().equals("state") && e.path("armed").asBoolean()
                && e.path("mode").asText().equals("OFFBOARD"));
        double armedAt = armed.path("t").asDouble();
        JsonNode arming = event(e -> e.path("event").asText().equals("arming"));
        assertTrue(arming.path("value").asBoolean(), "arming requested, not disarming");
        assertTrue(arming.path("t").asDouble() > offboard.path("t").asDouble(), "arming after OFFBOARD");

        List<JsonNode> beforeArmed = sp.stream().filter(s -> s.path("t").asDouble() < armedAt).toList();
        assertTrue(beforeArmed.size() > RATE_HZ, "more than a second of setpoints before OFFBOARD+armed");
        assertTrue(beforeArmed.stream().noneMatch(PilotMavrosContractTest::moving), "hover until OFFBOARD and armed");
        List<JsonNode> flying = sp.stream().filter(s -> s.path("t").asDouble() > armedAt + 0.3 && s.path("t").asDouble() < cameraStopped).toList();
        assertTrue(flying.size() > RATE_HZ, "setpoints while flying: " + flying.size());
        assertTrue(flying.stream().allMatch(s -> s.path("vx").asDouble() > 0), "forward velocity once OFFBOARD and armed");
        assertTrue(flying.stream().allMatch(s -> s.path("vy").asDouble() == 0 && s.path("vz").asDouble() == 0), "left and up are 0");

        JsonNode land = event(e -> e.path("event").asText().equals("set_mode") && e.path("custom_mode").asText().equals("AUTO.LAND"));
        double after = land.path("t").asDouble() - cameraStopped;
        assertTrue(after >= LOSS_LAND_S && after <= LOSS_LAND_S + WATCHDOG_S + 1.5,
                "AUTO.LAND " + after + " s after the camera stopped (watchdog " + WATCHDOG_S + " s, ~loss_land_s " + LOSS_LAND_S + ")");
        assertEquals(2, events.stream().filter(e -> e.path("event").asText().equals("set_mode")).count(), "OFFBOARD and AUTO.LAND, once each");
        List<JsonNode> afterLoss = sp.stream().filter(s -> s.path("t").asDouble() > cameraStopped + WATCHDOG_S + 0.2).toList();
        assertFalse(afterLoss.isEmpty(), "setpoints keep streaming after the camera stopped");
        assertTrue(afterLoss.stream().noneMatch(PilotMavrosContractTest::moving), "hover once the input is lost");
    }

    private static boolean moving(JsonNode s) {
        return s.path("vx").asDouble() != 0 || s.path("vy").asDouble() != 0 || s.path("vz").asDouble() != 0
                || s.path("yaw_rate").asDouble() != 0;
    }

    private JsonNode event(Predicate<JsonNode> p) {
        return events.stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such event in " + events));
    }

    private JsonNode await(Predicate<JsonNode> p, double seconds, String what, Process fake) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (JsonNode e : events) if (p.test(e)) return e;
            if (!fake.isAlive() && events.stream().noneMatch(p)) break;
            Thread.sleep(20);
        }
        for (JsonNode e : events) if (p.test(e)) return e;
        String err;
        synchronized (fakeErr) {
            err = fakeErr.toString();
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; fake mavros " + (fake.isAlive() ? "running" : "exited")
                + "; events " + events.stream().filter(e -> !e.has("setpoints")).toList() + "\nstderr:\n" + err);
    }

    private void runCamera(Publisher<Image> images) {
        Random rnd = new Random(9);
        double stamp = 100;
        for (int k = 0; cameraOn; k++) {
            stamp += 1 / 30.0;
            // A road that bends smoothly, as a real camera sees one: frames that jump make the failsafe stop, rightly.
            RgbFrame f = SyntheticRoad.road(160, 80, Math.sin(k * 0.05) * 0.3, 0, rnd);
            images.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), 80, 160, "rgb8", 3, f.rgb()));
            try {
                Thread.sleep(33);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    interface LineHandler {
        void line(String line) throws Exception;
    }

    private static void readLines(InputStream in, LineHandler h) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    try {
                        h.line(line);
                    } catch (Exception bad) {
                        // not JSON (a stray print): ignored
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "fake-mavros-reader");
        t.setDaemon(true);
        t.start();
    }
}
