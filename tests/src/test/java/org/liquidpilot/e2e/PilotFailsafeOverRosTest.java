package org.liquidpilot.e2e;

import org.liquidpilot.perception.SyntheticRoad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.FeatureSource;
import org.liquidpilot.pilot.PilotNode;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pilot node over the ROS runtime on loopback, judged only by what it publishes: commands, status, neurons.
 * Camera stops → stop within one output period of the watchdog; NaN → reset and stop; black, white and noise
 * frames → stopped (exactly zero commands) until road frames come back; mavros setpoints keep coming between images,
 * and move the vehicle only once mavros says OFFBOARD and armed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PilotFailsafeOverRosTest {
    private static final int W = 160, H = 80;
    private static final double SPEED = 4.0;
    private static final int WATCHDOG_MS = 150;
    private static final double RATE_HZ = 30;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Random rnd = new Random(11);
    private ConnectedNode probe;
    private Publisher<Image> camera;
    private double stamp = 1000;
    private int roadPhase;
    /**
     * Frames whose first pixel is this colour get a NaN feature (a fault inside perception). The mark is in the pixels
     * because the pilot hands perception its reused frame, whose stamp is kept apart.
     */
    private static final byte[] POISON = {13, (byte) 254, 13};

    @AfterEach
    void closeAll() throws Exception {
        java.util.Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    private ConnectedNode startPilot(String output) throws Exception {
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        open.add(probe);
        var params = probe.getParameterTree();
        params.set("/pilot/watchdog_ms", WATCHDOG_MS);
        params.set("/pilot/rate_hz", RATE_HZ);
        params.set("/pilot/speed", SPEED);
        params.set("/pilot/output", output);
        params.set("/pilot/calibration_frames", 30);
        params.set("/pilot/vehicle", "quad"); // no model file in reach of the test: an untrained network, explicitly
        params.set("/pilot/allow_untrained", true);
        params.set("/pilot/package_path", System.getProperty("java.io.tmpdir")); // a package without models, whatever $LIQUIDPILOT_HOME says
        ConnectedNode pilot = RosNodes.execute(new PilotNode(this::poisonable), NodeConfiguration.forMaster(master.uri(), "pilot"));
        open.add(pilot);
        camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        return pilot;
    }

    private FeatureSource poisonable(FeatureSource real) {
        return new FeatureSource() {
            public int featureCount() { return real.featureCount(); }
            public void extract(RgbFrame frame, float[] out) {
                real.extract(frame, out);
                byte[] p = frame.rgb();
                if (p[0] == POISON[0] && p[1] == POISON[1] && p[2] == POISON[2]) out[0] = Float.NaN;
            }
            public void reset() { real.reset(); }
            public void close() { real.close(); }
        };
    }

    private double send(RgbFrame f) throws InterruptedException {
        stamp += 1 / 30.0;
        camera.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), f.height(), f.width(), "rgb8", 3, f.rgb()));
        Thread.sleep(33);
        return Math.rint(stamp * 1e9) / 1e9;
    }

    private void road(int frames) throws InterruptedException {
        // Curves cycle quickly so that the calibration frames already span what later frames show.
        for (int i = 0; i < frames; i++) send(SyntheticRoad.road(W, H, Math.sin(roadPhase++ * 0.9) * 0.4, 0, rnd));
    }

    private void awaitSubscribers() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (camera.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(camera.getNumberOfSubscribers() > 0, "the pilot subscribed to the camera");
    }

    private RosProbe<String> status() {
        RosProbe<String> s = new RosProbe<>();
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> s.add(m.data()));
        return s;
    }

    @Test
    void failsafeShowsOnPublishedTwistCommands() throws Exception {
        startPilot("twist");
        RosProbe<Twist> cmd = new RosProbe<>();
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(cmd::add);
        RosProbe<Float32MultiArray> neurons = new RosProbe<>();
        probe.newSubscriber("/pilot/neurons", Float32MultiArray.CODEC).addMessageListener(neurons::add);
        RosProbe<String> status = status();
        awaitSubscribers();
        Thread.sleep(300);

        // Calibration (no model), then nominal flight at full speed.
        road(50);
        assertNotNull(status.await(0, s -> s.startsWith("ACTIVE"), 3000), "ACTIVE after calibration; saw " + status.last());
        assertTrue(status.last().contains("NO TRAINED MODEL"), status.last());
        assertNotNull(cmd.await(System.nanoTime() - 200_000_000L, t -> t.linear().x() == SPEED, 2000), "full speed when active");
        assertNotNull(neurons.await(0, n -> n.data().length == 19, 1000), "19 neuron states");

        // Camera stops: a stop within one output period of the watchdog timeout.
        long lastImage = System.nanoTime();
        RosProbe.Received<Twist> stop = cmd.await(lastImage, t -> t.linear().x() == 0 && t.angular().z() == 0, 3000);
        assertNotNull(stop, "a stop command after the camera stopped");
        // Twist commands go out once per processed image, so the last moving command marks the last image the
        // pilot took (a busy pilot may have dropped later ones: its queue holds one frame).
        long lastProcessed = cmd.messages.stream().filter(r -> r.nanos() < stop.nanos() && r.message().linear().x() > 0)
                .mapToLong(RosProbe.Received::nanos).max().orElseThrow();
        double afterMs = (stop.nanos() - lastProcessed) / 1e6;
        assertTrue(afterMs >= WATCHDOG_MS - 20, "not before the watchdog: " + afterMs + " ms");
        assertTrue(afterMs <= WATCHDOG_MS + 1000 / RATE_HZ + 60, "stop " + afterMs + " ms after the last image; watchdog " + WATCHDOG_MS + " ms");
        assertNotNull(status.await(lastImage, s -> s.startsWith("STOPPED IMAGE_TIMEOUT"), 1000), status.last());

        // Images again: recovers.
        road(8);
        assertNotNull(status.await(0, s -> s.startsWith("ACTIVE"), 2000), status.last());

        // NaN inside perception: reset and stop on that very frame.
        RgbFrame poisonedFrame = SyntheticRoad.road(W, H, 0, 0, rnd);
        System.arraycopy(POISON, 0, poisonedFrame.rgb(), 0, 3);
        long before = System.nanoTime();
        send(poisonedFrame);
        RosProbe.Received<String> nanStatus = status.await(before, s -> s.startsWith("STOPPED NON_FINITE"), 1000);
        assertNotNull(nanStatus, status.last());
        RosProbe.Received<Twist> nanStop = cmd.await(before, t -> t.linear().x() == 0 && t.angular().z() == 0, 1000);
        assertNotNull(nanStop, "a stop answers the NaN frame");
        assertTrue(Math.abs(nanStop.nanos() - nanStatus.nanos()) < 100_000_000L, "the stop goes out with the NON_FINITE status");
        // Running neurons are never all exactly zero; the reset state is.
        RosProbe.Received<Float32MultiArray> resetState = neurons.await(before, n -> {
            for (float v : n.data()) if (v != 0f) return false;
            return true;
        }, 1000);
        assertNotNull(resetState, "the cell was reset");
        road(6);
        assertNotNull(status.await(before, s -> s.startsWith("ACTIVE"), 2000), status.messages.toString());

        // A blind camera: all black, all white, noise → stopped, exactly zero commands; road again → active.
        byte[] black = new byte[W * H * 3];
        byte[] white = new byte[W * H * 3];
        java.util.Arrays.fill(white, (byte) 255);
        for (String kind : List.of("black", "white", "noise")) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                byte[] px = switch (kind) {
                    case "black" -> black;
                    case "white" -> white;
                    default -> { byte[] b = new byte[W * H * 3]; rnd.nextBytes(b); yield b; }
                };
                send(new RgbFrame(W, H, px, 0));
            }
            assertNotNull(status.await(t0, s -> s.startsWith("STOPPED SEVERE_OUT_OF_DISTRIBUTION"), 1500), kind + ": " + status.last());
            RosProbe.Received<Twist> zero = cmd.await(t0, t -> t.linear().x() == 0 && t.angular().z() == 0, 1500);
            assertNotNull(zero, kind + " frames give zero commands; last " + cmd.last());
            // A camera stop needs 15 usable frames in a row (a few more if the pilot drops one while busy).
            road(20);
            assertNotNull(status.await(t0, s -> s.startsWith("ACTIVE"), 3000), "recovers after " + kind + ": " + status.last());
        }

        // ~enable false: stop and DISABLED until enabled again.
        var enable = probe.newServiceClient("/pilot/enable", SetBool.TYPE);
        long t1 = System.nanoTime();
        assertTrue(enable.call(new SetBool.Request(false)).success());
        road(3);
        assertNotNull(status.await(t1, s -> s.startsWith("DISABLED"), 1000), status.last());
        assertEquals(0.0, cmd.last().linear().x());
        enable.call(new SetBool.Request(true));
        road(6);
        assertNotNull(status.await(t1, s -> s.startsWith("ACTIVE"), 2000), status.last());
    }

    @Test
    void mavrosSetpointsFlowAtTheOutputRateEvenWithoutImages() throws Exception {
        startPilot("mavros");
        RosProbe<PositionTarget> sp = new RosProbe<>();
        probe.newSubscriber("/mavros/setpoint_raw/local", PositionTarget.CODEC).addMessageListener(sp::add);
        awaitSubscribers();
        assertNotNull(sp.await(0, t -> true, 5000), "setpoints start without any image");
        long t0 = System.nanoTime();
        Thread.sleep(1000);
        long n = sp.countSince(t0);
        assertTrue(n >= 20, "PX4 OFFBOARD needs a steady stream: " + n + " setpoints in 1 s");
        assertEquals(0.0, sp.last().velocity().x(), "hover before any image");
        assertEquals(PositionTarget.FRAME_BODY_NED, sp.last().coordinateFrame());
        assertEquals(1479, sp.last().typeMask());
        assertEquals("base_link", sp.last().header().frameId());
        road(50);
        assertEquals(0.0, sp.last().velocity().x(), "hover until mavros says OFFBOARD and armed, even when calibrated");
        Publisher<State> state = probe.newPublisher("/mavros/state", State.CODEC, PublisherOptions.DEFAULT.latched());
        state.publish(new State(Header.of(Time.ofSeconds(1), ""), true, true, true, false, "OFFBOARD", 4));
        road(10);
        assertNotNull(sp.await(System.nanoTime() - 300_000_000L, t -> t.velocity().x() == SPEED, 2000), "flies once OFFBOARD and armed");
    }
}
