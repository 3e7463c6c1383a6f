package org.liquidpilot.perception.ros;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.ImageEncoder;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node on our embedded master (loopback, free port): images in, features out, bad frames counted. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PerceptionNodeTest {
    static EmbeddedMaster master;
    static final List<ConnectedNode> nodes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startMaster() throws IOException {
        master = EmbeddedMaster.start(0);
    }

    @AfterAll
    static void stopAll() {
        nodes.forEach(ConnectedNode::shutdown);
        master.close();
    }

    static ConnectedNode node(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("__master:=" + master.uri());
        all.add("__name:=" + name);
        ConnectedNode n = RosNodes.start(NodeConfiguration.fromArgs(name, Map.of(), all.toArray(String[]::new)));
        nodes.add(n);
        return n;
    }

    static ConnectedNode execute(PerceptionNode main, String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("__master:=" + master.uri());
        all.add("__name:=" + name);
        ConnectedNode n = RosNodes.execute(main, NodeConfiguration.fromArgs(name, Map.of(), all.toArray(String[]::new)));
        nodes.add(n);
        return n;
    }

    @Test
    void rawFramesBecomeFeaturesAndBadFramesAreCountedNotFatal() throws Exception {
        PerceptionNode perception = new PerceptionNode();
        execute(perception, "perception_raw", "/camera/image_raw:=/cam_a/image_raw", "/pilot/features:=/a/features");
        ConnectedNode io = node("io_a");
        Publisher<Image> cam = io.newPublisher("/cam_a/image_raw", Image.CODEC);
        BlockingQueue<Float32MultiArray> got = new LinkedBlockingQueue<>();
        io.newSubscriber("/a/features", Float32MultiArray.CODEC).addMessageListener(got::add);

        RgbFrame frame = road(160, 80, 0.7, 1);
        Image good = new Image(new Header(0, Time.ofNanos(1_000_000_000L), "camera"), 80, 160, "rgb8", 0, 480, frame.rgb());
        Float32MultiArray first = publishUntilReceived(cam, good, got, 20_000);
        float[] expected;
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            expected = fx.extract(frame);
        }
        assertEquals(32, first.data().length);
        for (int k = 0; k < 28; k++) assertEquals(expected[k], first.data()[k], 1e-6f, "feature " + k);   // motion needs history

        long before = perception.badFrames();
        cam.publish(new Image(good.header(), 80, 160, "yuv422", 0, 480, frame.rgb()));
        cam.publish(new Image(good.header(), 80, 160, "rgb8", 0, 480, new byte[100]));
        cam.publish(good);
        assertNotNull(got.poll(10, TimeUnit.SECONDS), "the node survives bad frames");
        assertEquals(before + 2, perception.badFrames());
        assertTrue(perception.lastError().contains("needs"), perception.lastError());
    }

    @Test
    void compressedTransportAndNormalisedOutput() throws Exception {
        PerceptionNode perception = new PerceptionNode();
        execute(perception, "perception_jpeg", "_transport:=compressed", "_normalize:=true", "_horizon:=50",
                "/camera/image_raw/compressed:=/cam_b/compressed", "/pilot/features:=/b/features");
        ConnectedNode io = node("io_b");
        Publisher<CompressedImage> cam = io.newPublisher("/cam_b/compressed", CompressedImage.CODEC);
        BlockingQueue<Float32MultiArray> got = new LinkedBlockingQueue<>();
        io.newSubscriber("/b/features", Float32MultiArray.CODEC).addMessageListener(got::add);
        Header h = new Header(0, Time.ofNanos(2_000_000_000L), "camera");
        CompressedImage jpeg = new CompressedImage(h, "jpeg", ImageEncoder.jpeg(road(160, 80, -0.5, 2)));
        Float32MultiArray first = publishUntilReceived(cam, jpeg, got, 20_000);
        // The first sample defines the running mean: every z-score is 0.
        for (float v : first.data()) assertEquals(0f, v, 1e-6f);
        byte[] corrupt = jpeg.data().clone();
        cam.publish(new CompressedImage(h, "jpeg", java.util.Arrays.copyOf(corrupt, corrupt.length / 3)));
        cam.publish(new CompressedImage(h, "jpeg", ImageEncoder.jpeg(road(160, 80, 0.8, 3))));
        Float32MultiArray second = got.poll(10, TimeUnit.SECONDS);
        assertNotNull(second);
        assertEquals(1, perception.badFrames());
        assertTrue(perception.lastError().contains("truncated"), perception.lastError());
        boolean moved = false;
        for (float v : second.data()) moved |= Math.abs(v) > 0.5;
        assertTrue(moved, "a different road moves the z-scores");
    }

    @Test
    void aBadTransportIsRefusedAtStart() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> execute(new PerceptionNode(), "perception_bad", "_transport:=theora"));
        assertTrue(e.getMessage().contains("transport"), e.getMessage());
    }

    static <T> Float32MultiArray publishUntilReceived(Publisher<T> pub, T msg, BlockingQueue<Float32MultiArray> got, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline) {
            pub.publish(msg);
            Float32MultiArray f = got.poll(100, TimeUnit.MILLISECONDS);
            if (f != null) {
                got.clear();
                Thread.sleep(200);
                got.clear();
                return f;
            }
        }
        throw new AssertionError("no features within " + ms + " ms");
    }

    static RgbFrame road(int w, int h, double curvature, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * 3];
        int horizon = h * 3 / 8;
        for (int y = 0; y < h; y++) {
            double d = y < horizon ? 1 : (h - 1.0 - y) / (h - 1.0 - horizon);
            double cx = w / 2.0 - curvature * w / 4 * d * d, half = w * 0.2 * (1 - d) + 2;
            for (int x = 0; x < w; x++) {
                int[] c = y < horizon ? new int[] {150, 190, 235} : Math.abs(x - cx) < half ? new int[] {110, 110, 115} : new int[] {40, 110, 40};
                for (int k = 0; k < 3; k++) px[(y * w + x) * 3 + k] = (byte) Math.min(255, c[k] + r.nextInt(12));
            }
        }
        return new RgbFrame(w, h, px, 0);
    }
}
