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
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pilot node's control path allocates nothing per frame in its steady state. Over real TCPROS on loopback, a
 * probe sends 160×80 rgb8 road frames to a pilot node with a model and real perception, one at a time, and waits
 * for each command; {@code ~features} and {@code ~neurons} have subscribers too, so they are published on the way.
 * The bytes allocated are counted on the pilot's receive thread for that topic, which is the control thread: it
 * reads the frame, decodes it, extracts the features, steps the network, and writes the command to the socket.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PilotNodeAllocationTest {
    private static final int W = CalibratedModels.W, H = CalibratedModels.H;
    private static final int ROUND = 200;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger commands = new AtomicInteger();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private final Image[] frames = new Image[16];
    private Publisher<Image> camera;
    private double stamp = 100;
    private int seq;

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void theControlThreadAllocatesNothingPerFrame() throws Exception {
        Path model = dir.resolve("road.safetensors");
        CalibratedModels.write(model, 600, true);
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        open.add(probe);
        var params = probe.getParameterTree();
        params.set("/pilot/model", model.toString());
        params.set("/pilot/watchdog_ms", 5000); // a slow machine must not trip the watchdog between frames
        PilotNode node = new PilotNode();
        open.add(RosNodes.execute(node, NodeConfiguration.forMaster(master.uri(), "pilot")));
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(t -> commands.incrementAndGet());
        AtomicInteger features = new AtomicInteger();
        probe.newSubscriber("/pilot/features", Float32MultiArray.CODEC).addMessageListener(f -> features.incrementAndGet());
        probe.newSubscriber("/pilot/neurons", Float32MultiArray.CODEC).addMessageListener(f -> { });
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
        camera = probe.newPublisher("/camera/image_raw", Image.CODEC);
        Random rnd = new Random(5);
        for (int i = 0; i < frames.length; i++) {
            RgbFrame f = SyntheticRoad.road(W, H, CalibratedModels.curve(i), 0, rnd);
            frames[i] = Image.of(Header.of(Time.ZERO, "camera"), H, W, "rgb8", 3, f.rgb());
        }
        awaitTrue(() -> camera.getNumberOfSubscribers() == 1 && !status.isEmpty(), "the pilot subscribed and said hello");

        // Warm-up: the JIT compiles the path; the buffers reach their sizes.
        for (int i = 0; i < 3000; i++) sendAndAwait();
        assertTrue(features.get() > 0, "~features reached the probe, so its publishing is part of what is counted");
        assertTrue(status.get(status.size() - 1).startsWith("ACTIVE"), "the pilot flies the road frames: " + status.get(status.size() - 1));

        Thread control = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("tcpros-sub-/camera/image_raw"))
                .findFirst().orElseThrow(() -> new AssertionError("no receive thread for /camera/image_raw"));
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // The least of a few rounds, because a round may catch the JIT recompiling (a few hundred bytes once). Any
        // allocation per frame, even 16 bytes, would show in every round.
        long least = Long.MAX_VALUE;
        List<Long> rounds = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            long before = bean.getThreadAllocatedBytes(control.getId());
            for (int i = 0; i < ROUND; i++) sendAndAwait();
            long bytes = bean.getThreadAllocatedBytes(control.getId()) - before;
            rounds.add(bytes);
            least = Math.min(least, bytes);
        }
        assertEquals(0, least, "bytes allocated by the control thread over " + ROUND + " frames, per round: " + rounds);
        assertTrue(status.get(status.size() - 1).startsWith("ACTIVE"), "still flying: " + status.get(status.size() - 1));
    }

    /** One frame out, then wait for its command (each frame is answered: stamps 1/30 s apart, the default rate). */
    private void sendAndAwait() throws InterruptedException {
        int before = commands.get();
        stamp += 1 / 30.0;
        Image f = frames[seq++ & 15];
        camera.publish(new Image(new Header(seq, Time.ofSeconds(stamp), "camera"), f.height(), f.width(), f.encoding(), 0, f.step(), f.data()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commands.get() == before) {
            if (System.nanoTime() > deadline) fail("no command for frame " + seq);
            Thread.onSpinWait();
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting until " + what);
            Thread.sleep(5);
        }
    }
}
