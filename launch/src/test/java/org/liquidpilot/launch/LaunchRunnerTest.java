package org.liquidpilot.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.RosNodes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LaunchRunnerTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true);

    @Test
    void pilotLaunchRunsInProcessOnAnEmbeddedMasterWithItsParamsAndRemaps() throws Exception {
        LaunchPlan plan = LaunchLoader.load(Path.of("pilot.launch"), Map.of("ns", "car", "cmd_vel", "/car/cmd", "watchdog_ms", "300"));
        try (LaunchRunner runner = new LaunchRunner(plan, NodeRegistry.standard(), out)) {
            runner.start(URI.create("http://127.0.0.1:0/"));
            assertTrue(log.toString().contains("started embedded master"), log.toString());
            try (ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "probe"))) {
                assertEquals(300, probe.getParameterTree().getInteger("/car/pilot/watchdog_ms", 0));
                assertEquals("yaw_rate", probe.getParameterTree().getString("/car/pilot/steering", ""), "rosparam file inside the node");
                var status = new CopyOnWriteArrayList<String>();
                probe.newSubscriber("/car/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (status.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
                assertFalse(status.isEmpty(), "the pilot's latched status reaches a subscriber");
                assertTrue(status.get(0).contains("ncp19-forest-road"), "no model given: the shipped car model flies: " + status.get(0));
                assertTrue(runner.allRunning());
                assertNotNull(runner.node("/car/pilot"));
            }
        }
    }

    /** A node that shuts itself down shortly after starting. */
    static final class ShortLived implements NodeMain {
        static final AtomicInteger STARTS = new AtomicInteger();

        public String getDefaultNodeName() { return "short"; }

        public void onStart(ConnectedNode node) {
            STARTS.incrementAndGet();
            new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ignored) {
                    return;
                }
                node.shutdown();
            }).start();
        }
    }

    @Test
    void respawnRestartsAndRequiredEndsTheLaunch() throws Exception {
        NodeRegistry registry = new NodeRegistry().register("test", "short", ShortLived::new).register("test", "long", () -> new NodeMain() {
            public String getDefaultNodeName() { return "long"; }
            public void onStart(ConnectedNode node) {}
        });
        NodeSpec respawning = new NodeSpec("test", "short", "again", "/", java.util.List.of(), Map.of(), Map.of(), true, 0.1, false, "log", "t:1");
        NodeSpec steady = new NodeSpec("test", "long", "steady", "/", java.util.List.of(), Map.of(), Map.of(), false, 0, false, "log", "t:2");
        ShortLived.STARTS.set(0);
        try (LaunchRunner runner = new LaunchRunner(new LaunchPlan(Map.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(respawning, steady)), registry, out)) {
            runner.start(URI.create("http://127.0.0.1:0/"));
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (ShortLived.STARTS.get() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
            assertTrue(ShortLived.STARTS.get() >= 3, "respawned: " + ShortLived.STARTS.get() + " starts\n" + log);
        }
        NodeSpec required = new NodeSpec("test", "short", "must", "/", java.util.List.of(), Map.of(), Map.of(), false, 0, true, "log", "t:3");
        try (LaunchRunner runner = new LaunchRunner(new LaunchPlan(Map.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(required, steady)), registry, out)) {
            runner.start(URI.create("http://127.0.0.1:0/"));
            String why = runner.awaitEnd(15, TimeUnit.SECONDS);
            assertNotNull(why);
            assertTrue(why.contains("required node /must"), why);
        }
    }

    @Test
    void unknownNodeTypeFailsBeforeStartingAnything() {
        NodeSpec bogus = new NodeSpec("liquidpilot", "warp_drive", "w", "/", java.util.List.of(), Map.of(), Map.of(), false, 0, false, "log", "x.launch:7");
        LaunchRunner runner = new LaunchRunner(new LaunchPlan(Map.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(bogus)), NodeRegistry.standard(), out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> runner.start(URI.create("http://127.0.0.1:0/")));
        assertTrue(e.getMessage().contains("x.launch:7") && e.getMessage().contains("warp_drive"), e.getMessage());
        runner.close();
    }
}
