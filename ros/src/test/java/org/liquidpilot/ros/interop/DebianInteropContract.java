package org.liquidpilot.ros.interop;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.MultiArrayDimension;
import org.liquidpilot.ros.msg.std_msgs.MultiArrayLayout;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.ServiceException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What our runtime must do with Debian's real ROS tools. Subclasses choose the master (Debian roscore or our
 * embedded one) and start everything once per class: one master, one Java node, one rospy peer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class DebianInteropContract {
    static final Duration TOOL = Duration.ofSeconds(20);

    static DebianRos ros;
    static ConnectedNode java;
    static Process peer;
    static final Map<String, BlockingQueue<String[]>> peerLines = new ConcurrentHashMap<>();
    static final Map<String, BlockingQueue<Object>> received = new ConcurrentHashMap<>();
    static ScheduledExecutorService ticker;
    static Path tmp;

    static final Twist JAVA_TWIST = new Twist(new Vector3(1.5, -2.25, Math.PI), new Vector3(Double.MIN_VALUE, -0.0, 1e300));
    static final Float32MultiArray JAVA_ARRAY = new Float32MultiArray(
            new MultiArrayLayout(List.of(new MultiArrayDimension("a", 3, 6), new MultiArrayDimension("b", 2, 2)), 0),
            new float[] {0.5f, -1.25f, Float.MIN_VALUE, 3.4e38f, -0.0f, 1 / 3f});
    static final Image JAVA_IMAGE = javaImage();

    /** The master the subclass set up; the graph and the tools all use it. */
    abstract void restartMaster() throws Exception;

    /** Called by subclasses once {@link #ros} points at a running master. */
    static void startPeers() throws Exception {
        tmp = Files.createTempDirectory("lp-interop");
        NodeConfiguration cfg = NodeConfiguration.forMaster(ros.masterUri(), "java_node");
        java = RosNodes.start(cfg);
        Publisher<Twist> twist = java.newPublisher("/java/twist", Twist.CODEC);
        Publisher<Image> image = java.newPublisher("/java/image", Image.CODEC);
        Publisher<Float32MultiArray> array = java.newPublisher("/java/array", Float32MultiArray.CODEC);
        subscribe("/py/twist", Twist.CODEC);
        subscribe("/py/image", Image.CODEC);
        subscribe("/py/array", Float32MultiArray.CODEC);
        subscribe("/cli/twist", Twist.CODEC);
        subscribe("/restart/chatter", StringMessage.CODEC);
        // the server uses the message package's std_srvs descriptor, the client below a hand-written one: both must work
        java.newServiceServer("/java_srv", SetBool.TYPE, req -> new SetBool.Response(!req.data(), "java got " + req.data()));
        ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            twist.publish(JAVA_TWIST);
            image.publish(JAVA_IMAGE);
            array.publish(JAVA_ARRAY);
        }, 0, 50, TimeUnit.MILLISECONDS);
        String script;
        try (InputStream in = DebianInteropContract.class.getResourceAsStream("/interop/rospy_peer.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        peer = ros.startPython(script);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] f = line.trim().split(" ");
                    peerLines.computeIfAbsent(f[0], k -> new LinkedBlockingQueue<>()).add(f);
                }
            } catch (IOException ignored) {
                // the peer was stopped
            }
        }, "rospy-peer-reader");
        reader.setDaemon(true);
        reader.start();
        assertNotNull(peerLine("ready", 20), () -> "rospy peer did not start: " + DebianRos.collect(peer, Duration.ofSeconds(1)));
    }

    private static <T> void subscribe(String topic, org.liquidpilot.ros.msg.MessageCodec<T> codec) {
        BlockingQueue<Object> q = received.computeIfAbsent(topic, k -> new LinkedBlockingQueue<>());
        java.newSubscriber(topic, codec).addMessageListener(q::add);
    }

    static void stopPeers() {
        if (ticker != null) ticker.shutdownNow();
        if (java != null) java.shutdown();
        if (ros != null) ros.close(); // kills the peer and every tool still running
        peerLines.clear();
        received.clear();
    }

    static String[] peerLine(String kind, int seconds) throws InterruptedException {
        return peerLines.computeIfAbsent(kind, k -> new LinkedBlockingQueue<>()).poll(seconds, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    static <T> T next(String topic, int seconds) throws InterruptedException {
        Object o = received.get(topic).poll(seconds, TimeUnit.SECONDS);
        assertNotNull(o, "nothing on " + topic + " within " + seconds + " s");
        return (T) o;
    }

    private static Image javaImage() {
        byte[] pixels = new byte[160 * 80 * 3];
        new java.util.Random(11).nextBytes(pixels);
        return new Image(new Header(7, new Time(1700000000, 123456789), "camera"), 80, 160, "rgb8", 0, 480, pixels);
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static double hex(String pythonHex) {
        return Double.parseDouble(pythonHex);
    }

    // ---- our publishers -> rospy, rostopic ----

    @Test
    @Order(1)
    void ourTwistImageAndNestedArrayReachRospyExactly() throws Exception {
        String[] t = peerLine("twist", 20);
        assertNotNull(t, "rospy got no Twist");
        double[] want = {1.5, -2.25, Math.PI, Double.MIN_VALUE, -0.0, 1e300};
        for (int i = 0; i < 6; i++) {
            assertEquals(Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(hex(t[1 + i])), "twist field " + i);
        }
        String[] im = peerLine("image", 20);
        assertNotNull(im, "rospy got no Image");
        assertEquals(List.of("7", "1700000000", "123456789", "camera", "80", "160", "rgb8", "0", "480", sha256(JAVA_IMAGE.data())),
                List.of(im).subList(1, 11));
        String[] a = peerLine("array", 20);
        assertNotNull(a, "rospy got no Float32MultiArray");
        assertEquals(List.of("2", "a", "3", "6", "b", "2", "2", "0", "6"), List.of(a).subList(1, 10));
        for (int i = 0; i < 6; i++) {
            assertEquals(Float.floatToRawIntBits(JAVA_ARRAY.data()[i]), Float.floatToRawIntBits((float) hex(a[10 + i])), "array element " + i);
        }
    }

    @Test
    @Order(2)
    void rostopicEchoPrintsOurTwist() throws Exception {
        DebianRos.Result r = ros.run(TOOL, "rostopic", "echo", "-n", "1", "/java/twist");
        assertTrue(r.ok(), r::toString);
        assertTrue(r.stdout().contains("x: 1.5") && r.stdout().contains("y: -2.25") && r.stdout().contains("z: 3.14159265"), r::toString);
        assertTrue(r.stdout().contains("z: 1e+300"), r::toString);
    }

    // ---- rospy, rostopic pub -> our subscribers ----

    @Test
    @Order(3)
    void rospyTwistImageAndNestedArrayReachUsExactly() throws Exception {
        Twist t = next("/py/twist", 20);
        assertEquals(new Twist(new Vector3(0.1, -2.5, 3e-10), new Vector3(-0.0, 1e300, 0.3333333333333333)), t);
        Image im = next("/py/image", 20);
        byte[] pixels = new byte[160 * 80 * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) ((i * 7 + 3) % 256);
        assertEquals(new Time(1700000001, 987654321), im.header().stamp());
        assertEquals("py_camera", im.header().frameId());
        assertEquals(List.of(80, 160, "rgb8", 0, 480), List.of(im.height(), im.width(), im.encoding(), im.isBigendian(), im.step()));
        assertArrayEquals(pixels, im.data());
        Float32MultiArray a = next("/py/array", 20);
        assertEquals(new MultiArrayLayout(List.of(new MultiArrayDimension("rows", 2, 6), new MultiArrayDimension("cols", 3, 3)), 1), a.layout());
        assertArrayEquals(new float[] {1.5f, -2.25f, 3.0f, 0.1f, 1e-30f, -7.0f, 65504.0f}, a.data());
    }

    @Test
    @Order(4)
    void rostopicPubReachesOurSubscriber() throws Exception {
        Process pub = ros.start("rostopic", "pub", "-r", "10", "/cli/twist", "geometry_msgs/Twist",
                "{linear: {x: 0.25, y: 0.0, z: 0.0}, angular: {x: 0.0, y: 0.0, z: -1.0}}");
        try {
            Twist t = next("/cli/twist", 20);
            assertEquals(new Twist(new Vector3(0.25, 0, 0), new Vector3(0, 0, -1.0)), t);
        } finally {
            DebianRos.kill(pub);
        }
    }

    // ---- bags, graph tools, services, params ----

    @Test
    @Order(5)
    void rosbagRecordRecordsOurTopics() throws Exception {
        Path bag = tmp.resolve("ours.bag");
        DebianRos.Result rec = ros.run(TOOL, "rosbag", "record", "-O", bag.toString(), "-l", "3", "/java/twist", "/java/image");
        assertTrue(Files.exists(bag), rec::toString);
        DebianRos.Result info = ros.run(TOOL, "rosbag", "info", bag.toString());
        assertTrue(info.ok(), info::toString);
        String out = info.stdout();
        assertTrue(out.contains("/java/twist") && out.contains("/java/image"), out);
        assertTrue(out.contains("geometry_msgs/Twist [9f195f881246fdfa2798d1d3eebca84a]"), out);
        assertTrue(out.contains("sensor_msgs/Image   [060021388200f6f0f447d0fcd9c64743]"), out);
        assertTrue(out.matches("(?s).*/java/twist\\s+3 msgs.*"), out);
    }

    @Test
    @Order(6)
    void rosnodeAndRostopicShowOurNodeAndTopics() throws Exception {
        DebianRos.Result nodes = ros.run(TOOL, "rosnode", "list");
        assertTrue(nodes.stdout().lines().anyMatch("/java_node"::equals), nodes::toString);
        DebianRos.Result topics = ros.run(TOOL, "rostopic", "list");
        for (String t : List.of("/java/twist", "/java/image", "/java/array", "/py/twist", "/rosout")) {
            assertTrue(topics.stdout().lines().anyMatch(t::equals), () -> t + " missing: " + topics);
        }
        DebianRos.Result info = ros.run(TOOL, "rostopic", "info", "/java/twist");
        assertTrue(info.ok(), info::toString);
        assertTrue(info.stdout().contains("Type: geometry_msgs/Twist"), info::toString);
        assertTrue(info.stdout().contains(" * /java_node (" + java.getUri() + ")"), info::toString);
        assertTrue(info.stdout().matches("(?s).*Subscribers:.*\\* /py_peer .*"), info::toString);
        DebianRos.Result node = ros.run(TOOL, "rosnode", "info", "/java_node");
        assertTrue(node.ok(), node::toString);
        assertTrue(node.stdout().contains("Pid: " + ProcessHandle.current().pid()), node::toString);
        assertTrue(node.stdout().contains("topic: /java/twist") && node.stdout().contains("* to: /py_peer"), node::toString);
    }

    @Test
    @Order(7)
    void servicesWorkBothWays() throws Exception {
        TestSrvs.SetBoolResponse r = callWithRetry();
        assertEquals(new TestSrvs.SetBoolResponse(false, "py got True"), r);
        DebianRos.Result cli = ros.run(TOOL, "rosservice", "call", "/java_srv", "data: false");
        assertTrue(cli.ok(), cli::toString);
        assertEquals("success: True\nmessage: \"java got false\"", cli.stdout().strip(), cli::toString);
        String[] srv = peerLine("srv", 30);
        assertNotNull(srv, "rospy never called our service");
        assertEquals("False java got true", String.join(" ", List.of(srv).subList(1, srv.length)));
    }

    private static TestSrvs.SetBoolResponse callWithRetry() throws Exception {
        ServiceException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return java.newServiceClient("/py_srv", TestSrvs.SET_BOOL).call(new TestSrvs.SetBoolRequest(true));
            } catch (ServiceException e) {
                last = e; // the peer registers its service a moment after it says ready
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Test
    @Order(8)
    void rosparamSetAndGetInteroperateWithOurParameters() throws Exception {
        assertTrue(ros.run(TOOL, "rosparam", "set", "/it/gain", "2.5").ok());
        assertEquals(2.5, java.getParameterTree().getDouble("/it/gain", 0), 0);
        java.getParameterTree().set("/it/label", "liquid");
        java.getParameterTree().set("/it/dict", Map.of("a", 1, "b", List.of(true, "x")));
        DebianRos.Result label = ros.run(TOOL, "rosparam", "get", "/it/label");
        assertEquals("liquid", label.stdout().trim(), label::toString);
        DebianRos.Result dict = ros.run(TOOL, "rosparam", "get", "/it/dict");
        assertTrue(dict.stdout().contains("a: 1") && dict.stdout().contains("- true") && dict.stdout().contains("- x"), dict::toString);
    }

    // ---- restarts ----

    @Test
    @Order(9)
    void subscriptionRecoversWithinTwoSecondsWhenARospyPublisherRestarts() throws Exception {
        received.get("/restart/chatter").clear();
        Process first = ros.start("rostopic", "pub", "-r", "20", "/restart/chatter", "std_msgs/String", "data: first", "__name:=chatter_a");
        StringMessage m = next("/restart/chatter", 20);
        assertEquals("first", m.data());
        DebianRos.kill(first);
        Process second = ros.start("rostopic", "pub", "-r", "20", "/restart/chatter", "std_msgs/String", "data: second", "__name:=chatter_b");
        try {
            long registered = waitUntil(() -> ros.masterStateMentions("/chatter_b"), 20_000);
            long got = waitUntil(() -> {
                Object o = received.get("/restart/chatter").poll();
                return o instanceof StringMessage s && s.data().equals("second");
            }, 5_000);
            assertTrue(got - registered < 2_000_000_000L, "recovered " + (got - registered) / 1e6 + " ms after the new publisher registered");
        } finally {
            DebianRos.kill(second);
        }
    }

    @Test
    @Order(10)
    void ourNodeRegistersAgainWithinTwoSecondsOfAMasterRestart() throws Exception {
        restartMaster();
        long up = System.nanoTime();
        long back = waitUntil(() -> ros.masterStateMentions("/java_node"), 5_000);
        assertTrue(back - up < 2_000_000_000L, "re-registered " + (back - up) / 1e6 + " ms after the master came back");
        // the connection to the rospy publisher, which never registers again, survives the restart
        received.get("/py/twist").clear();
        assertNotNull(next("/py/twist", 2));
        // a publisher that only the new master knows reaches the old subscription
        ConnectedNode late = RosNodes.start(NodeConfiguration.forMaster(ros.masterUri(), "java_late"));
        try {
            Publisher<StringMessage> p = late.newPublisher("/restart/chatter", StringMessage.CODEC);
            received.get("/restart/chatter").clear();
            long start = System.nanoTime();
            long got = waitUntil(() -> {
                p.publish(new StringMessage("after restart"));
                Object o = received.get("/restart/chatter").poll(20, TimeUnit.MILLISECONDS);
                return o instanceof StringMessage s && s.data().equals("after restart");
            }, 5_000);
            assertTrue(got - start < 2_000_000_000L, "late publisher reached us after " + (got - start) / 1e6 + " ms");
            DebianRos.Result nodes = ros.run(TOOL, "rosnode", "list");
            assertTrue(nodes.stdout().lines().anyMatch("/java_node"::equals), nodes::toString);
        } finally {
            late.shutdown();
        }
        assertFalse(java.isShutdown());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /** Polls until {@code check} holds and returns System.nanoTime() at that moment. */
    static long waitUntil(Check check, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (check.ok()) return System.nanoTime();
            Thread.sleep(10);
        }
        throw new AssertionError("condition not met within " + timeoutMs + " ms");
    }
}
