package org.liquidpilot.pilot;

import org.liquidpilot.perception.SyntheticRoad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ~transport:=compressed} over the ROS runtime on loopback: JPEG CompressedImages on the remapped image topic's
 * {@code /compressed} subtopic fly the pilot; garbage payloads are counted and dropped while commands keep coming.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PilotCompressedTransportTest {
    private static final int W = 160, H = 80;
    private static final double SPEED = 3.0;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Random rnd = new Random(5);
    private final List<Twist> commands = new CopyOnWriteArrayList<>();
    private final List<String> status = new CopyOnWriteArrayList<>();
    private Publisher<CompressedImage> camera;
    private double stamp = 500;
    private int phase;

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) c.close();
    }

    @Test
    void jpegFramesFlyThePilotAndGarbageIsCountedAndDropped() throws Exception {
        EmbeddedMaster master = EmbeddedMaster.start(0);
        open.add(master);
        ConnectedNode probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "probe"));
        open.add(probe);
        var params = probe.getParameterTree();
        params.set("/pilot/transport", "compressed");
        params.set("/pilot/speed", SPEED);
        params.set("/pilot/watchdog_ms", 2000);
        params.set("/pilot/calibration_frames", 10);
        params.set("/pilot/vehicle", "quad"); // no model file in reach of the test: an untrained network, explicitly
        params.set("/pilot/allow_untrained", true);
        params.set("/pilot/package_path", System.getProperty("java.io.tmpdir")); // a package without models, whatever $LIQUIDPILOT_HOME says
        PilotNode pilot = new PilotNode();
        // The base topic is remapped as pilot.launch does; the subscription follows it with the /compressed suffix.
        ConnectedNode pilotNode = RosNodes.execute(pilot, NodeConfiguration.forMaster(master.uri(), "pilot")
                .withRemapping("camera/image_raw", "/front/image"));
        open.add(pilotNode);
        probe.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(commands::add);
        probe.newSubscriber("/pilot/status", StringMessage.CODEC).addMessageListener(m -> status.add(m.data()));
        camera = probe.newPublisher("/front/image/compressed", CompressedImage.CODEC);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (camera.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(1, camera.getNumberOfSubscribers(), "the pilot subscribed to /front/image/compressed");
        Thread.sleep(200);

        for (int i = 0; i < 25; i++) send("jpeg", jpeg(SyntheticRoad.road(W, H, Math.sin(phase++ * 0.9) * 0.4, 0, rnd)));
        awaitTrue(() -> status.stream().anyMatch(s -> s.startsWith("ACTIVE")), "ACTIVE after calibration on jpeg frames; saw " + status);
        awaitTrue(() -> commands.stream().anyMatch(t -> t.linear().x() == SPEED), "moving commands on /cmd_vel; saw " + commands.size());
        assertEquals(0, pilot.droppedImages(), "good jpeg frames are not dropped");

        // Garbage: random bytes, a jpeg cut off inside its header, a png labelled jpeg, an empty payload.
        byte[] good = jpeg(SyntheticRoad.road(W, H, 0, 0, rnd));
        byte[] noise = new byte[3000];
        rnd.nextBytes(noise);
        send("jpeg", noise);
        send("jpeg", java.util.Arrays.copyOf(good, 16));
        send("jpeg", encode(SyntheticRoad.road(W, H, 0, 0, rnd), "png"));
        send("jpeg", new byte[0]);
        awaitTrue(() -> pilot.droppedImages() == 4, "four bad payloads counted; counted " + pilot.droppedImages());

        // Still flying: fresh jpeg frames give fresh moving commands (png too, when labelled so).
        int before = commands.size();
        for (int i = 0; i < 5; i++) send("jpeg", jpeg(SyntheticRoad.road(W, H, Math.sin(phase++ * 0.9) * 0.4, 0, rnd)));
        send("png", encode(SyntheticRoad.road(W, H, 0, 0, rnd), "png"));
        awaitTrue(() -> commands.size() >= before + 5 && commands.get(commands.size() - 1).linear().x() == SPEED,
                "commands after the garbage; " + (commands.size() - before) + " new");
        assertEquals(4, pilot.droppedImages());
        assertTrue(status.get(status.size() - 1).startsWith("ACTIVE"), status.get(status.size() - 1));
    }

    private void send(String format, byte[] data) throws InterruptedException {
        stamp += 1 / 30.0;
        camera.publish(new CompressedImage(Header.of(Time.ofSeconds(stamp), "camera"), format, data));
        Thread.sleep(33);
    }

    private static byte[] jpeg(RgbFrame f) throws IOException {
        return encode(f, "jpg");
    }

    private static byte[] encode(RgbFrame f, String format) throws IOException {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = f.rgb();
        for (int y = 0, i = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++, i += 3) {
                img.setRGB(x, y, (px[i] & 255) << 16 | (px[i + 1] & 255) << 8 | (px[i + 2] & 255));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), format + " writer");
        return out.toByteArray();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier cond, String message) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(cond.getAsBoolean(), message);
    }
}
