package org.liquidpilot.pilot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pilot node with a model file that carries calibrated out-of-distribution thresholds, judged by what it
 * publishes: black frames turn {@code /pilot/status} to {@code STOPPED SEVERE_OUT_OF_DISTRIBUTION} and
 * {@code /cmd_vel} to exactly zero; a camera that repeats one frame turns it to {@code STOPPED FROZEN_FRAMES}; road
 * frames bring it back to ACTIVE. The node is fed one frame at a time, each sent once the pilot has taken the one
 * before, so no frame is dropped however slow the machine is.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PilotNodeBlindCameraTest {
    private static final int W = CalibratedModels.W, H = CalibratedModels.H;
    private static final double SPEED = 3.0;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Random rnd = new Random(23);
    private final List<Twist> commands = new CopyOnWriteArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private Publisher<Image> camera;
    private double stamp = 100;
    private int road;
    private long sent;
    private PilotNode node;

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void blackFramesStopTheNodeAndStatusSaysWhy() throws Exception {
        Path model = dir.resolve("road.safetensors");
        OodCalibration cal = CalibratedModels.write(model, 600, true);
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        open.add(probe);
        var params = probe.getParameterTree();
        params.set("/pilot/model", model.toString());
        params.set("/pilot/speed", SPEED);
        // Long enough that a slow machine never trips the image watchdog between frames.
        params.set("/pilot/watchdog_ms", 5000);
        node = new PilotNode();
        open.add(RosNodes.execute(node, NodeConfiguration.forMaster(master.uri(), "pilot")));
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(commands::add);
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
        camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        awaitTrue(() -> camera.getNumberOfSubscribers() == 1 && !status.isEmpty(), "the pilot subscribed and said hello");
        assertTrue(status.get(0).startsWith("STOPPED WAITING_FOR_IMAGES"), status.get(0));
        assertEquals(cal.thresholds(), node.pilot().config().failsafe().ood(), "the node flies with the model's calibrated thresholds");

        for (int i = 0; i < 40; i++) sendRoad();
        awaitStatus(s -> s.startsWith("ACTIVE NOMINAL"), "ACTIVE on road frames");
        assertEquals(SPEED, commands.get(commands.size() - 1).linear().x());

        // Black frames: stopped on the first one, and from then on /cmd_vel is exactly zero.
        int before = commands.size();
        send(SyntheticRoad.uniform(W, H, 0, 0));
        awaitStatus(s -> s.startsWith("STOPPED SEVERE_OUT_OF_DISTRIBUTION"), "black frame");
        awaitTrue(() -> commands.size() > before && isZero(commands.get(commands.size() - 1)), "a zero command answers the black frame");
        int firstZero = before;
        while (!isZero(commands.get(firstZero))) firstZero++;
        assertTrue(firstZero <= before + 1, "the command answering the black frame is the zero one");
        for (int i = 0; i < 20; i++) send(SyntheticRoad.uniform(W, H, 0, 0));
        assertEquals(FailsafeState.STOPPED, node.pilot().state());
        for (Twist t : commands.subList(firstZero, commands.size())) assertTrue(isZero(t), "exactly zero while blind: " + t);

        // The camera comes back.
        for (int i = 0; i < 25; i++) sendRoad();
        awaitStatus(s -> s.startsWith("ACTIVE"), "back on road frames");
        assertTrue(status.stream().anyMatch(s -> s.startsWith("STOPPED RECOVERING") && s.contains("after SEVERE_OUT_OF_DISTRIBUTION")), status.toString());

        // A camera that repeats its last frame while the vehicle drives: frozen.
        RgbFrame still = SyntheticRoad.road(W, H, CalibratedModels.curve(road), 0, rnd);
        for (int i = 0; i < 12; i++) send(still);
        awaitStatus(s -> s.startsWith("STOPPED FROZEN_FRAMES"), "frozen camera");
        awaitTrue(() -> isZero(commands.get(commands.size() - 1)), "zero commands while frozen");
    }

    private static boolean isZero(Twist t) {
        return t.linear().x() == 0 && t.linear().y() == 0 && t.linear().z() == 0 && t.angular().x() == 0 && t.angular().y() == 0
                && t.angular().z() == 0;
    }

    private void sendRoad() throws InterruptedException {
        send(SyntheticRoad.road(W, H, CalibratedModels.curve(road++), 0, rnd));
    }

    /** Publishes one frame and waits until the pilot has taken it (its queue holds one frame, so none is dropped). */
    private void send(RgbFrame f) throws InterruptedException {
        long n = ++sent;
        stamp += 1 / 30.0;
        camera.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), H, W, "rgb8", 3, f.rgb()));
        awaitTrue(() -> node.pilot().frames() == n, "frame " + n + " taken");
    }

    private void awaitStatus(Predicate<String> p, String what) throws InterruptedException {
        awaitTrue(() -> !status.isEmpty() && p.test(status.get(status.size() - 1)), what + "; status: " + (status.isEmpty() ? "none" : status.get(status.size() - 1)));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier cond, String message) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(cond.getAsBoolean(), message);
    }
}
