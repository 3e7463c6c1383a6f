package org.liquidpilot.sim.ros;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
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
 * What TCP delivers after a link cut: the commands the sender could not get through, all at once, each for a moment
 * long gone. The simulated vehicle must drop them by their stamps (~max_command_age) and never move on them.
 */
class SimNodeStaleCommandsTest {
    /** A burst as a 10 s cut leaves it: {@code n} commands whose stamps run from 10 s to 0.6 s before now. */
    private static Time staleStamp(int i, int n) {
        return ago(10.0 - i * (9.4 / (n - 1)));
    }

    private static Time ago(double seconds) {
        return Time.ofNanos(System.currentTimeMillis() * 1_000_000L - Math.round(seconds * 1e9));
    }

    @Test
    @Timeout(60)
    void aStaleSetpointBurstNeitherFliesTheDroneNorKeepsOffboardAlive() throws Exception {
        ObjectNode t = Scenarios.resolveTree("trail-nominal");
        Scenarios.override(t, "duration_s", "60");
        Scenario sc = Scenarios.toScenario(t);
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            SimNode sim = new SimNode(sc, FrameSource.blank(160, 80));
            ConnectedNode simNode = RosNodes.execute(sim, NodeConfiguration.forMaster(master.uri(), "sim")
                    .withPrivateParam("input", "mavros"));
            ConnectedNode pilot = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "offboard_pilot"));
            try {
                AtomicReference<State> state = new AtomicReference<>();
                AtomicReference<Odometry> odom = new AtomicReference<>();
                pilot.newSubscriber("/mavros/state", State.CODEC).addMessageListener(state::set);
                pilot.newSubscriber("/sim/odom", Odometry.CODEC).addMessageListener(odom::set);
                Publisher<PositionTarget> sp = pilot.newPublisher("/mavros/setpoint_raw/local", PositionTarget.CODEC);
                var setMode = pilot.newServiceClient("/mavros/set_mode", SetMode.TYPE);
                var arming = pilot.newServiceClient("/mavros/cmd/arming", CommandBool.TYPE);
                waitFor(() -> state.get() != null && odom.get() != null && sp.hasSubscribers(), 20, "state, odometry, a subscriber");

                // A pilot streaming fresh hover setpoints, armed in OFFBOARD, the drone still in the air.
                waitFor(() -> {
                    sp.publish(PositionTarget.bodyVelocity(new Header(0, ago(0), "base_link"), 0, 0, 0, 0));
                    return sim.fcu().commandAges().accepted() >= 10 && Math.abs(odom.get().twist().twist().linear().x()) < 0.03;
                }, 20, "fresh setpoints are applied and the drone hovers");
                assertTrue(setMode.call(new SetMode.Request(0, "OFFBOARD")).modeSent());
                assertTrue(arming.call(new CommandBool.Request(true)).success());
                waitFor(() -> state.get().armed() && state.get().mode().equals("OFFBOARD"), 10, "armed in OFFBOARD");
                long droppedBefore = sim.fcu().commandAges().dropped();

                // The link dies: no fresh setpoint any more. 0.3 s later the backlog arrives, full forward.
                Thread.sleep(300);
                int n = 300;
                for (int i = 0; i < n; i++) {
                    sp.publish(PositionTarget.bodyVelocity(new Header(i, staleStamp(i, n), "base_link"), 5, 0, 0, 0));
                }
                // Without the age check the last of them would fly the drone forward until OFFBOARD times out.
                long until = System.nanoTime() + 2_000_000_000L;
                double fastest = 0;
                while (System.nanoTime() < until) {
                    fastest = Math.max(fastest, odom.get().twist().twist().linear().x());
                    Thread.sleep(20);
                }
                assertTrue(fastest < 0.05, "the stale burst never moved the drone: fastest " + fastest + " m/s");
                long dropped = sim.fcu().commandAges().dropped() - droppedBefore;
                assertTrue(dropped > 0, "stale setpoints are counted as dropped");
                assertTrue(sim.fcu().commandAges().oldestAppliedSeconds() < 0.5,
                        "no applied setpoint was older than the limit: " + sim.fcu().commandAges().oldestAppliedSeconds());
                assertEquals("AUTO.LOITER", state.get().mode(), "the burst did not keep OFFBOARD alive: the loss failsafe ran");
                assertFalse(setMode.call(new SetMode.Request(0, "OFFBOARD")).modeSent(), "stale setpoints do not count as streaming");
                System.out.println("stale setpoint burst: " + n + " sent, " + dropped + " reached the flight controller and were dropped"
                        + ", fastest " + fastest + " m/s");
            } finally {
                pilot.shutdown();
                simNode.shutdown();
                sim.stop();
            }
        }
    }

    @Test
    @Timeout(60)
    void stampedTwistStaleCommandsDoNotMoveTheCarAndAHeldCommandExpires() throws Exception {
        ObjectNode t = Scenarios.resolveTree("nominal");
        Scenarios.override(t, "duration_s", "60");
        Scenario sc = Scenarios.toScenario(t);
        try (EmbeddedMaster master = EmbeddedMaster.start(0)) {
            SimNode sim = new SimNode(sc, FrameSource.blank(160, 80));
            ConnectedNode simNode = RosNodes.execute(sim, NodeConfiguration.forMaster(master.uri(), "sim")
                    .withPrivateParam("input", "twist_stamped"));
            ConnectedNode driver = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "driver"));
            try {
                AtomicReference<Odometry> odom = new AtomicReference<>();
                driver.newSubscriber("/sim/odom", Odometry.CODEC).addMessageListener(odom::set);
                Publisher<TwistStamped> cmd = driver.newPublisher("/cmd_vel", TwistStamped.CODEC);
                waitFor(() -> odom.get() != null && cmd.hasSubscribers(), 20, "odometry and a subscriber");
                waitFor(() -> {
                    cmd.publish(twist(ago(0), 0));
                    return Math.abs(forwardSpeed(odom.get())) < 0.02;
                }, 15, "fresh stop commands stop the car");

                int n = 300;
                for (int i = 0; i < n; i++) cmd.publish(twist(staleStamp(i, n), 6));
                long until = System.nanoTime() + 1_500_000_000L;
                double fastest = 0;
                while (System.nanoTime() < until) {
                    fastest = Math.max(fastest, forwardSpeed(odom.get()));
                    Thread.sleep(20);
                }
                assertTrue(fastest < 0.02, "the stale burst never moved the car: fastest " + fastest + " m/s");
                assertTrue(sim.commandAges().dropped() > 0, "counted");

                waitFor(() -> {
                    cmd.publish(twist(ago(0), 3));
                    return forwardSpeed(odom.get()) > 2;
                }, 15, "fresh commands drive it");
                // The commands stop (a cut): the held one expires after 0.5 s and the car brakes to a stop.
                long stopped = System.nanoTime();
                waitFor(() -> forwardSpeed(odom.get()) < 0.02, 5, "the car stops once its last command is too old");
                System.out.println("stamped twist: stopped " + (System.nanoTime() - stopped) / 1_000_000 + " ms after the last command");
            } finally {
                driver.shutdown();
                simNode.shutdown();
                sim.stop();
            }
        }
    }

    private static TwistStamped twist(Time stamp, double forward) {
        return new TwistStamped(new Header(0, stamp, "base_link"), new Twist(new Vector3(forward, 0, 0), new Vector3(0, 0, 0)));
    }
}
