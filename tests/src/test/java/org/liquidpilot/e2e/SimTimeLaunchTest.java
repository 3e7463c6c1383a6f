package org.liquidpilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.launch.LaunchPlan;
import org.liquidpilot.launch.LaunchRunner;
import org.liquidpilot.launch.NodeRegistry;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.sim.render.HeadlessGl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The closed loop runs on simulated time: record.launch (sim_pilot.launch plus rosbag/record, in-process) stamps
 * every frame exactly one frame period after the last, and a slow run of the pilot flying the shipped model scores
 * exactly what a fast run scores.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SimTimeLaunchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode run(String file, Map<String, String> args) throws Exception {
        return run(file, args, URI.create("http://127.0.0.1:0/"));
    }

    /** Runs a launch file against {@code master} (port 0: an embedded one) until the sim ends; its metrics. */
    private static JsonNode run(String file, Map<String, String> args, URI master) throws Exception {
        LaunchPlan plan = LaunchLoader.load(RepoFiles.root().resolve(file), args);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LaunchRunner runner = new LaunchRunner(plan, NodeRegistry.standard(), new PrintStream(log, true))) {
            runner.start(master);
            var metrics = new CopyOnWriteArrayList<String>();
            try (ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "probe"))) {
                probe.newSubscriber("/sim/metrics", StringMessage.CODEC).addMessageListener(m -> metrics.add(m.data()));
                assertNotNull(runner.awaitEnd(250, TimeUnit.SECONDS), "the sim finishes: " + log);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (metrics.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            }
            assertFalse(metrics.isEmpty(), "metrics published: " + log);
            return JSON.readTree(metrics.get(0));
        }
    }

    @Test
    void recordLaunchRunsInProcessAndItsBagIsOnSimulatedTime(@TempDir Path dir) throws Exception {
        run("launch/record.launch", Map.of("bag_dir", dir.toString(), "duration_s", "3", "render", "blank",
                "model", RepoFiles.root().resolve("models/ncp19-forest-road.safetensors").toString()));
        List<Path> bags;
        try (Stream<Path> s = Files.list(dir)) {
            bags = s.filter(p -> p.getFileName().toString().matches("sim_pilot_\\d{4}(-\\d\\d){5}\\.bag")).toList();
        }
        assertEquals(1, bags.size(), "one bag named as rosbag record -o names it: " + bags);
        List<Image> images;
        try (BagReader r = BagReader.open(bags.get(0))) {
            images = r.read("/camera/image_raw", Image.CODEC).map(BagReader.Decoded::message).toList();
            // How many depends on how fast the loop ran against the recorder's joining; that it records them does not.
            long commands = r.read("/cmd_vel", org.liquidpilot.ros.msg.geometry_msgs.Twist.CODEC).count();
            assertTrue(commands >= 10, "commands recorded: " + commands);
        }
        // The recorder may join a few frames late on a loaded machine; what it has must sit on the simulated grid.
        assertTrue(images.size() > 30, "frames recorded: " + images.size());
        long period = Math.round(1e9 / 30);
        int exact = 0;
        for (int i = 1; i < images.size(); i++) {
            long gap = images.get(i).header().stamp().toNanos() - images.get(i - 1).header().stamp().toNanos();
            long periods = Math.round(gap / (double) period);
            assertTrue(periods >= 1 && Math.abs(gap - periods * period) <= periods, "frame " + i + " lies a whole number of frame periods after the last: " + gap + " ns");
            if (periods == 1) exact++;
        }
        assertTrue(exact >= 0.9 * (images.size() - 1), exact + " of " + (images.size() - 1) + " gaps are exactly one period");
        assertTrue(images.get(0).header().stamp().toNanos() < 10_000_000_000L, "stamps are simulated time, not wall time");
    }

    /** Both runs under Debian's roscore: the nodes take /use_sim_time and /clock from a real master. */
    @Test
    void aSlowMachineScoresExactlyWhatAFastOneScores() throws Exception {
        assumeTrue(Interop.shouldRun("a GL context", HeadlessGl.available()));
        assumeTrue(Interop.shouldRunWithDebianRos());
        Map<String, String> args = new HashMap<>(Map.of("driver", "pilot", "duration_s", "4", "render", "gl",
                "model", RepoFiles.root().resolve("models/ncp19-forest-road.safetensors").toString()));
        JsonNode fast;
        try (DebianRos ros = DebianRos.startRoscore()) {
            fast = run("launch/sim_pilot.launch", args, ros.masterUri());
        }
        args.put("frame_delay_ms", "40");
        // A busy core as well: the slow run competes for the CPU.
        Thread hog = new Thread(() -> {
            long x = 0;
            while (!Thread.currentThread().isInterrupted()) x += System.nanoTime() % 7;
        }, "cpu-hog");
        hog.setDaemon(true);
        hog.start();
        JsonNode slow;
        try (DebianRos ros = DebianRos.startRoscore()) {
            slow = run("launch/sim_pilot.launch", args, ros.masterUri());
        } finally {
            hog.interrupt();
        }
        JsonNode a = withoutTimings(fast), b = withoutTimings(slow);
        assertEquals(a, b, "same episode, whatever the machine's speed");
        assertTrue(a.get("episodes").get(0).get("distance_m").asDouble() > 10, "the pilot drove: " + a);
    }

    /** The metrics without wall-clock latencies, which are measured and differ by design. */
    private static JsonNode withoutTimings(JsonNode m) {
        ObjectNode copy = m.deepCopy();
        copy.remove("summary");
        for (JsonNode e : copy.get("episodes")) ((ObjectNode) e).remove("control_latency_ms");
        return copy;
    }
}
