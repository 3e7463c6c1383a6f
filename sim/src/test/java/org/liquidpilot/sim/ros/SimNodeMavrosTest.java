package org.liquidpilot.sim.ros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.liquidpilot.sim.ros.SimNodeProbe.forwardSpeed;
import static org.liquidpilot.sim.ros.SimNodeProbe.waitFor;

/**
 * The simulator flown as a PX4 drone behind mavros: OFFBOARD only once setpoints stream, setpoints fly only when
 * armed in OFFBOARD, bad setpoints leave it hovering with the node up, and losing the stream drops to a hold.
 */
class SimNodeMavrosTest {

    @Test
    @Timeout(90)
    void theOffboardSequenceAsOnARealDrone() throws Exception {
        ObjectNode t = Scenarios.resolveTree("trail-nominal");
        Scenarios.override(t, "duration_s", "60");
        Scenarios.override(t, "speed_mps", "0.5");
        Scenario sc = Scenarios.toScenario(t);
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            SimNode sim = new SimNode(sc, FrameSource.blank(160, 80));
            ConnectedNode simNode = RosNodes.execute(sim, NodeConfiguration.forMaster(master.uri(), "sim")
                    .withPrivateParam("realtime_factor", 2.0).withPrivateParam("input", "mavros"));
            ConnectedNode gcs = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "offboard_pilot"));
            try {
                AtomicReference<State> state = new AtomicReference<>();
                AtomicReference<Odometry> odom = new AtomicReference<>();
                gcs.newSubscriber("/mavros/state", State.CODEC).addMessageListener(state::set);
                gcs.newSubscriber("/sim/odom", Odometry.CODEC).addMessageListener(odom::set);
                Publisher<PositionTarget> sp = gcs.newPublisher("/mavros/setpoint_raw/local", PositionTarget.CODEC);
                var setMode = gcs.newServiceClient("/mavros/set_mode", SetMode.TYPE);
                var arming = gcs.newServiceClient("/mavros/cmd/arming", CommandBool.TYPE);
                waitFor(() -> state.get() != null && odom.get() != null, 20, "state and odometry arrive");
                assertEquals("POSCTL", state.get().mode());
                assertFalse(state.get().armed());

                assertFalse(setMode.call(new SetMode.Request(0, "OFFBOARD")).modeSent(), "OFFBOARD is refused before setpoints stream");
                waitFor(() -> Math.abs(forwardSpeed(odom.get())) < 0.03, 20, "POSCTL holds it in a hover");
                // Stamped when sent, as a pilot does: the flight controller drops setpoints older than 0.5 s.
                java.util.function.Supplier<PositionTarget> forward = () -> PositionTarget.bodyVelocity(new Header(0, Time.now(), "base_link"), 2, 0, 0, 0);
                for (int i = 0; i < 15; i++) {
                    sp.publish(forward.get());
                    Thread.sleep(50);
                }
                assertEquals(0, forwardSpeed(odom.get()), 0.05, "disarmed in POSCTL: setpoints do not move it");
                assertTrue(setMode.call(new SetMode.Request(0, "OFFBOARD")).modeSent());
                assertTrue(arming.call(new CommandBool.Request(true)).success());
                waitFor(() -> state.get().armed() && state.get().mode().equals("OFFBOARD"), 10, "armed in OFFBOARD");
                waitFor(() -> {
                    sp.publish(forward.get());
                    return forwardSpeed(odom.get()) > 1.9;
                }, 20, "flies the body-frame setpoint");

                // A setpoint in the wrong frame, with an unsupported mask, or NaN: refused, the vehicle brakes to a
                // hover because no valid setpoint arrives any more, and the node stays up.
                PositionTarget local = new PositionTarget(new Header(0, Time.now(), ""), PositionTarget.FRAME_LOCAL_NED,
                        PositionTarget.VELOCITY_AND_YAW_RATE, new Point(0, 0, 0), new Vector3(5, 0, 0), new Vector3(0, 0, 0), 0f, 0f);
                PositionTarget nan = PositionTarget.bodyVelocity(new Header(0, Time.now(), ""), Double.NaN, 0, 0, 0);
                waitFor(() -> {
                    sp.publish(local);
                    sp.publish(nan);
                    return state.get().mode().equals("AUTO.LOITER");
                }, 20, "bad setpoints count as none: offboard is lost and it holds");
                waitFor(() -> forwardSpeed(odom.get()) < 0.1, 20, "hovering");
                assertTrue(sim.fcu().rejected() > 10, "refused setpoints are counted: " + sim.fcu().rejected());
                assertFalse(simNode.isShutdown(), "the node stays up");
            } finally {
                gcs.shutdown();
                simNode.shutdown();
                sim.stop();
            }
        }
    }
}
