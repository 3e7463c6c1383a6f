package org.liquidpilot.pilot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ~output:=mavros} over the ROS runtime on an in-JVM master, against a fake mavros made of a latched
 * {@code /mavros/state} publisher and the {@code /mavros/set_mode} and {@code /mavros/cmd/arming} services:
 * setpoint frame and mask, rate, stamps, hover rules, the opt-in OFFBOARD and arming requests, and the land
 * request after the camera stops.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PilotNodeMavrosTest {
    private static final int W = 160, H = 80;
    private static final double RATE_HZ = 30, SPEED = 3.0;
    private static final long MS = 1_000_000L;

    record Got<T>(long nanos, T msg) {}

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Got<PositionTarget>> setpoints = new CopyOnWriteArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private final List<Got<String>> modeCalls = new CopyOnWriteArrayList<>();
    private final List<Got<Boolean>> armCalls = new CopyOnWriteArrayList<>();
    private ConnectedNode probe;
    private Publisher<State> state;
    private volatile State current;
    private volatile boolean obey = true;
    private volatile boolean cameraOn;
    private Thread cameraThread;

    @AfterEach
    void closeAll() throws Exception {
        cameraOn = false;
        if (cameraThread != null) cameraThread.join(2000);
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    /** Master, probe (camera, fake mavros, listeners) and the pilot with {@code params} on top of the test defaults. */
    private void start(Map<String, Object> params) throws Exception {
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "fake_mavros"));
        open.add(probe);
        var p = probe.getParameterTree();
        p.set("/pilot/output", "mavros");
        p.set("/pilot/rate_hz", RATE_HZ);
        p.set("/pilot/speed", SPEED);
        p.set("/pilot/calibration_frames", 5);
        p.set("/pilot/vehicle", "quad"); // no model file in reach of the test: an untrained network, explicitly
        p.set("/pilot/allow_untrained", true);
        p.set("/pilot/package_path", System.getProperty("java.io.tmpdir")); // a package without models, whatever $LIQUIDPILOT_HOME says
        p.set("/pilot/watchdog_ms", 200);
        for (var e : params.entrySet()) p.set("/pilot/" + e.getKey(), e.getValue());
        state = probe.newPublisher("/mavros/state", State.CODEC, PublisherOptions.DEFAULT.latched());
        probe.newServiceServer("/mavros/set_mode", SetMode.TYPE, req -> {
            modeCalls.add(new Got<>(System.nanoTime(), req.customMode()));
            State s = current;
            if (obey && s != null) setState(s.connected(), s.armed(), req.customMode());
            return new SetMode.Response(true);
        });
        probe.newServiceServer("/mavros/cmd/arming", CommandBool.TYPE, req -> {
            armCalls.add(new Got<>(System.nanoTime(), req.value()));
            State s = current;
            if (obey && s != null) setState(s.connected(), req.value(), s.mode());
            return new CommandBool.Response(true, 0);
        });
        probe.newSubscriber("/mavros/setpoint_raw/local", PositionTarget.CODEC)
                .addMessageListener(m -> setpoints.add(new Got<>(System.nanoTime(), m)));
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
        Publisher<Image> camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        open.add(RosNodes.execute(new PilotNode(), NodeConfiguration.forMaster(master.uri(), "pilot")));
        awaitTrue(() -> camera.getNumberOfSubscribers() > 0, 10_000, "the pilot subscribed to the camera");
        awaitTrue(() -> !setpoints.isEmpty(), 5000, "setpoints flow");
        cameraOn = true;
        cameraThread = new Thread(() -> runCamera(camera), "test-camera");
        cameraThread.setDaemon(true);
        cameraThread.start();
    }

    /** 30 Hz synthetic road frames while {@link #cameraOn}. */
    private void runCamera(Publisher<Image> camera) {
        Random rnd = new Random(4);
        double stamp = 2000;
        for (int k = 0; cameraOn; k++) {
            stamp += 1 / 30.0;
            RgbFrame f = SyntheticRoad.road(W, H, Math.sin(k * 0.9) * 0.4, 0, rnd);
            camera.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), H, W, "rgb8", 3, f.rgb()));
            try {
                Thread.sleep(33);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void setState(boolean connected, boolean armed, String mode) {
        State s = new State(Header.of(Time.ofSeconds(System.currentTimeMillis() / 1000.0), ""), connected, armed, false, false, mode, 3);
        current = s;
        state.publish(s);
    }

    private void awaitActive() throws InterruptedException {
        awaitTrue(() -> !status.isEmpty() && status.get(status.size() - 1).startsWith("ACTIVE"), 10_000,
                "pilot ACTIVE after calibration; status " + (status.isEmpty() ? "none" : status.get(status.size() - 1)));
    }

    private static boolean moving(PositionTarget p) {
        return p.velocity().x() != 0 || p.velocity().y() != 0 || p.velocity().z() != 0 || p.yawRate() != 0;
    }

    /** Setpoints that arrived in [from, to]. */
    private List<PositionTarget> between(long from, long to) {
        return setpoints.stream().filter(g -> g.nanos() >= from && g.nanos() <= to).map(Got::msg).toList();
    }

    /** Waits {@code settleMs}, then collects {@code windowMs} of setpoints. */
    private List<PositionTarget> window(long settleMs, long windowMs) throws InterruptedException {
        Thread.sleep(settleMs);
        long from = System.nanoTime();
        Thread.sleep(windowMs);
        return between(from, System.nanoTime());
    }

    private Got<PositionTarget> awaitSetpoint(long since, Predicate<PositionTarget> p, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * MS;
        while (System.nanoTime() < deadline) {
            for (Got<PositionTarget> g : setpoints) if (g.nanos() >= since && p.test(g.msg())) return g;
            Thread.sleep(5);
        }
        return null;
    }

    private static void awaitTrue(BooleanSupplier c, long timeoutMs, String message) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * MS;
        while (!c.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(c.getAsBoolean(), message);
    }

    private String lastStatus() {
        return status.isEmpty() ? "" : status.get(status.size() - 1);
    }

    @Test
    void bodyFrameVelocitySetpointsAtExactlyTheRateWithMonotonicStampsAndHoverBeforeAnyState() throws Exception {
        start(Map.of());
        awaitActive();
        assertTrue(lastStatus().contains("mavros: no state yet, hover"), lastStatus());
        // 3 s while the camera runs at 30 Hz too: counted on the setpoints' own stamps (the sender's clock)
        Thread.sleep(3500);
        List<PositionTarget> all = setpoints.stream().map(Got::msg).toList();
        long first = all.get(10).header().stamp().toNanos();
        long n = all.stream().map(p -> p.header().stamp().toNanos()).filter(t -> t >= first && t < first + 3_000_000_000L).count();
        assertTrue(Math.abs(n - 3 * RATE_HZ) <= 0.05 * 3 * RATE_HZ, n + " setpoints in 3 s, want " + 3 * RATE_HZ + " ± 5 % (not once per image on top)");
        long wall = System.currentTimeMillis() * MS;
        for (int i = 0; i < all.size(); i++) {
            PositionTarget p = all.get(i);
            assertEquals(PositionTarget.FRAME_BODY_NED, p.coordinateFrame());
            assertEquals(1479, p.typeMask());
            assertEquals(PositionTarget.IGNORE_PX | PositionTarget.IGNORE_PY | PositionTarget.IGNORE_PZ | PositionTarget.IGNORE_AFX
                    | PositionTarget.IGNORE_AFY | PositionTarget.IGNORE_AFZ | PositionTarget.IGNORE_YAW, p.typeMask());
            assertEquals("base_link", p.header().frameId());
            assertFalse(moving(p), "hover before any mavros/state: " + p);
            if (i > 0) {
                assertTrue(p.header().stamp().toNanos() > all.get(i - 1).header().stamp().toNanos(), "stamps strictly increase at " + i);
                assertEquals(all.get(i - 1).header().seq() + 1, p.header().seq(), "seq at " + i);
            }
        }
        long lastStamp = all.get(all.size() - 1).header().stamp().toNanos();
        assertTrue(Math.abs(lastStamp - wall) < 2_000_000_000L, "stamps are node (wall) time, not image stamps: " + lastStamp);
    }

    @Test
    void movesOnlyWhenConnectedArmedAndOffboardNeverAsksUnaskedAndLandsAfterLoss() throws Exception {
        start(Map.of("loss_land_s", 1.0));
        awaitActive();
        setState(false, true, "OFFBOARD");
        assertTrue(window(300, 500).stream().noneMatch(PilotNodeMavrosTest::moving), "hover while not connected");
        setState(true, true, "POSCTL");
        assertTrue(window(300, 500).stream().noneMatch(PilotNodeMavrosTest::moving), "hover while not in OFFBOARD");
        awaitTrue(() -> lastStatus().contains("mavros: waiting for OFFBOARD (mode POSCTL, armed), hover"), 2000, lastStatus());
        setState(true, false, "OFFBOARD");
        assertTrue(window(300, 500).stream().noneMatch(PilotNodeMavrosTest::moving), "hover while disarmed");
        setState(true, true, "OFFBOARD");
        List<PositionTarget> flying = window(300, 500);
        assertFalse(flying.isEmpty());
        assertTrue(flying.stream().allMatch(p -> p.velocity().x() == SPEED && p.velocity().y() == 0 && p.velocity().z() == 0),
                "forward at ~speed, left and up 0, when connected, armed and OFFBOARD: " + flying.get(0));
        awaitTrue(() -> lastStatus().contains("mavros: OFFBOARD armed, flying"), 2000, lastStatus());

        // Camera stops: hover within the watchdog, then AUTO.LAND after ~loss_land_s, without ~offboard.
        cameraOn = false;
        long stopped = System.nanoTime();
        assertNotNull(awaitSetpoint(stopped + 300 * MS, p -> !moving(p), 2000), "hover after the watchdog");
        awaitTrue(() -> !modeCalls.isEmpty(), 5000, "a mode request after the input loss");
        Got<String> land = modeCalls.get(0);
        assertEquals("AUTO.LAND", land.msg());
        double after = (land.nanos() - stopped) / 1e9;
        assertTrue(after >= 1.0 && after <= 1.0 + 0.2 + 1.5, "AUTO.LAND " + after + " s after the camera stopped (watchdog 0.2 s + loss 1 s)");
        Thread.sleep(2500);
        assertEquals(1, modeCalls.size(), "once, and never OFFBOARD: " + modeCalls);
        assertTrue(armCalls.isEmpty(), "never arming unasked");
        assertTrue(between(land.nanos() + 200 * MS, System.nanoTime()).stream().noneMatch(PilotNodeMavrosTest::moving));
    }

    @Test
    void withOffboardAndArmItStreamsFirstThenRequestsOffboardThenArmingThenFlies() throws Exception {
        start(Map.of("offboard", true, "arm", true));
        long firstSetpoint = setpoints.get(0).nanos();
        setState(true, false, "POSCTL");
        awaitTrue(() -> !armCalls.isEmpty(), 15_000, "arming requested; mode calls " + modeCalls);
        assertEquals("OFFBOARD", modeCalls.get(0).msg());
        double streamed = (modeCalls.get(0).nanos() - firstSetpoint) / 1e9;
        assertTrue(streamed > 1.0, "setpoints streamed " + streamed + " s before the OFFBOARD request");
        assertTrue(between(0, modeCalls.get(0).nanos()).size() > RATE_HZ, "more than 1 s of setpoints before the request");
        assertTrue(armCalls.get(0).msg());
        assertTrue(armCalls.get(0).nanos() > modeCalls.get(0).nanos(), "arming after OFFBOARD");
        assertTrue(between(0, armCalls.get(0).nanos()).stream().noneMatch(PilotNodeMavrosTest::moving), "hover until armed");
        assertNotNull(awaitSetpoint(armCalls.get(0).nanos(), PilotNodeMavrosTest::moving, 3000), "flies once OFFBOARD and armed");
        awaitTrue(() -> lastStatus().contains("mavros: OFFBOARD armed, flying"), 2000, lastStatus());
        Thread.sleep(2500);
        assertEquals(1, modeCalls.size(), "one OFFBOARD request: it was granted");
        assertEquals(1, armCalls.size(), "one arming request: it was granted");

        // The operator takes over: the pilot does not switch back.
        setState(true, true, "POSCTL");
        Thread.sleep(3000);
        assertEquals(1, modeCalls.size(), "no OFFBOARD request after a hand-over: " + modeCalls);
        assertTrue(lastStatus().contains("handed over (mode POSCTL)"), lastStatus());
    }

    @Test
    void offboardWithoutArmNeverArmsAndRetriesARefusedMode() throws Exception {
        obey = false;   // this flight controller does not switch: requests repeat at the retry interval
        start(Map.of("offboard", true));
        setState(true, false, "POSCTL");
        awaitTrue(() -> modeCalls.size() >= 2, 15_000, "OFFBOARD requested and retried; calls " + modeCalls);
        double gap = (modeCalls.get(1).nanos() - modeCalls.get(0).nanos()) / 1e9;
        assertTrue(gap >= 1.9 && gap < 3.5, "retried every 2 s, gap " + gap);
        obey = true;
        setState(true, false, "OFFBOARD");
        Thread.sleep(2500);
        assertTrue(armCalls.isEmpty(), "no arming without ~arm: " + armCalls);
        assertTrue(window(0, 500).stream().noneMatch(PilotNodeMavrosTest::moving), "disarmed: hover");
        assertTrue(lastStatus().contains("mavros: OFFBOARD, waiting for arming, hover"), lastStatus());
    }
}
