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
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code sim_pilot.launch vehicle:=quad} under our runner: the drone's loop runs over exactly the topics and
 * services of a PX4 drone behind mavros. The pilot streams body-frame PositionTarget setpoints, asks the simulated
 * flight controller for OFFBOARD and arming (the launch file opts in because the vehicle is simulated), and the
 * expert flies to the marker of {@code drone-target} while the pilot shadows it with the shipped drone model (whose
 * calibrated failsafe must find the frames familiar, or it would never ask for OFFBOARD).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SimPilotLaunchQuadTest {

    @Test
    void theDroneLoopRunsOverTheMavrosTopicsAndThePilotTakesOffboard() throws Exception {
        // Rendered frames: on grey physics-only frames the pilot's failsafe rightly sees a blind camera and never
        // asks for OFFBOARD.
        assumeTrue(Interop.shouldRun("a GL context", HeadlessGl.available()));
        var root = RepoFiles.root();
        LaunchPlan plan = LaunchLoader.load(root.resolve("launch/sim_pilot.launch"),
                Map.of("vehicle", "quad", "duration_s", "10", "render", "gl"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (LaunchRunner runner = new LaunchRunner(plan, NodeRegistry.standard(), new PrintStream(log, true))) {
            runner.start(URI.create("http://127.0.0.1:0/"));
            var metrics = new CopyOnWriteArrayList<String>();
            AtomicInteger setpoints = new AtomicInteger(), badSetpoints = new AtomicInteger();
            AtomicReference<State> lastState = new AtomicReference<>();
            AtomicInteger offboardArmed = new AtomicInteger();
            try (ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(runner.masterUri(), "probe"))) {
                probe.newSubscriber("/sim/metrics", StringMessage.CODEC).addMessageListener(m -> metrics.add(m.data()));
                probe.newSubscriber("/mavros/setpoint_raw/local", PositionTarget.CODEC).addMessageListener(p -> {
                    setpoints.incrementAndGet();
                    if (p.coordinateFrame() != PositionTarget.FRAME_BODY_NED || p.typeMask() != PositionTarget.VELOCITY_AND_YAW_RATE) {
                        badSetpoints.incrementAndGet();
                    }
                });
                probe.newSubscriber("/mavros/state", State.CODEC).addMessageListener(s -> {
                    lastState.set(s);
                    if (s.armed() && s.mode().equals("OFFBOARD")) offboardArmed.incrementAndGet();
                });
                String why = runner.awaitEnd(150, TimeUnit.SECONDS);
                assertNotNull(why, "the sim finishes its episode: " + log);
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (metrics.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            }
            assertFalse(metrics.isEmpty(), "the sim published its metrics: " + log);
            SimLoopNode sim = (SimLoopNode) runner.main("/sim");
            assertNull(sim.failure(), sim.failure());
            assertTrue(setpoints.get() > 150, "the pilot streamed setpoints over ROS: " + setpoints.get());
            assertEquals(0, badSetpoints.get(), "every setpoint is body-frame velocity + yaw rate");
            assertTrue(offboardArmed.get() > 0, "the pilot's requests put the simulated vehicle in OFFBOARD, armed: " + lastState.get() + "\n" + log);
            JsonNode ep = new ObjectMapper().readTree(metrics.get(0)).get("episodes").get(0);
            assertTrue(ep.get("success").asBoolean(), "the expert flies to the target: " + ep);
            assertEquals(ep.get("target").get("targets").asInt(), ep.get("target").get("reached").asInt(), "reached the marker: " + ep);
        }
    }
}
