package org.liquidpilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.launch.LaunchPlan;
import org.liquidpilot.launch.LaunchRunner;
import org.liquidpilot.launch.NodeRegistry;
import org.liquidpilot.sim.ros.SimLoopNode;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.sim.render.HeadlessGl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * launch/sim_pilot.launch under our runner: sim, pilot and the expert driver are separate nodes on an embedded
 * master and every frame and command crosses TCPROS. Until a trained model exists the expert drives; the episode
 * must reach the end of a short nominal road without interventions.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SimPilotLaunchClosedLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode runEpisode(String render) throws Exception {
        var root = RepoFiles.root();
        LaunchPlan plan = LaunchLoader.load(root.resolve("launch/sim_pilot.launch"),
                Map.of("duration_s", "12", "render", render, "scenario", "nominal"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LaunchRunner runner = new LaunchRunner(plan, NodeRegistry.standard(), new PrintStream(log, true))) {
            runner.start(URI.create("http://127.0.0.1:0/"));
            var metrics = new CopyOnWriteArrayList<String>();
            AtomicInteger driving = new AtomicInteger();
            AtomicInteger shadow = new AtomicInteger();
            try (ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "probe"))) {
                probe.newSubscriber("/sim/metrics", StringMessage.CODEC).addMessageListener(m -> metrics.add(m.data()));
                probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(t -> driving.incrementAndGet());
                probe.newSubscriber("/pilot/cmd_vel", Twist.CODEC).addMessageListener(t -> shadow.incrementAndGet());
                String why = runner.awaitEnd(200, TimeUnit.SECONDS);
                assertNotNull(why, "the sim finishes its episode: " + log);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (metrics.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            }
            assertFalse(metrics.isEmpty(), "the sim published its metrics: " + log);
            SimLoopNode sim = (SimLoopNode) runner.main("/sim");
            assertNull(sim.failure(), sim.failure());
            assertTrue(driving.get() > 100, "commands crossed ROS on /cmd_vel: " + driving.get());
            assertTrue(shadow.get() > 100, "the pilot ran on the same images: " + shadow.get());
            assertTrue(sim.commandTimeouts() < 10, sim.commandTimeouts() + " frames had no command in time");
            return JSON.readTree(metrics.get(0));
        }
    }

    private static void assertNominalEpisode(JsonNode m) {
        JsonNode ep = m.get("episodes").get(0);
        assertTrue(ep.get("success").asBoolean(), "success: " + ep);
        assertEquals(0, ep.get("crashes").asInt(), "no interventions: " + ep);
        assertTrue(ep.get("steps").asInt() >= 359, "ran the whole 12 s episode: " + ep);
        assertTrue(ep.get("distance_m").asDouble() > 50, "covered the road at speed: " + ep);
        assertTrue(ep.get("cross_track_max_m").asDouble() < 1.5, "stayed in the corridor: " + ep);
    }

    @Test
    void expertClosesTheLoopOverRosPhysicsOnly() throws Exception {
        assertNominalEpisode(runEpisode("blank"));
    }

    @Test
    void expertClosesTheLoopOverRosWithRenderedFrames() throws Exception {
        assumeTrue(Interop.shouldRun("a GL context", HeadlessGl.available()));
        assertNominalEpisode(runEpisode("gl"));
    }
}
