package org.liquidpilot.ros.node;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.tcpros.ConnectionHeader;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our nodes talking to each other through our embedded master: no outside software. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeTest {
    private static EmbeddedMaster master;
    private static final List<ConnectedNode> nodes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startMaster() throws IOException {
        master = EmbeddedMaster.start(0);
    }

    @AfterAll
    static void stopAll() {
        nodes.forEach(ConnectedNode::shutdown);
        master.close();
    }

    private static ConnectedNode node(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("__master:=" + master.uri());
        all.add("__name:=" + name);
        ConnectedNode n = RosNodes.start(NodeConfiguration.fromArgs(name, Map.of(), all.toArray(String[]::new)));
        nodes.add(n);
        return n;
    }

    private static <T> T poll(BlockingQueue<T> q, long ms) throws InterruptedException {
        T t = q.poll(ms, TimeUnit.MILLISECONDS);
        assertNotNull(t, "nothing arrived within " + ms + " ms");
        return t;
    }

    /** Publishes until the subscriber has a connection, then returns the first message it got. */
    private static <T> T publishUntilReceived(Publisher<T> pub, T msg, BlockingQueue<T> got, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < deadline) {
            pub.publish(msg);
            T t = got.poll(20, TimeUnit.MILLISECONDS);
            if (t != null) return t;
        }
        throw new AssertionError("nothing arrived within " + ms + " ms");
    }

    @Test
    void twistAndImageRoundTripExactly() throws Exception {
        ConnectedNode a = node("rt_pub");
        ConnectedNode b = node("rt_sub");
        BlockingQueue<Twist> twists = new LinkedBlockingQueue<>();
        BlockingQueue<Image> images = new LinkedBlockingQueue<>();
        b.newSubscriber("/rt/cmd_vel", Twist.CODEC).addMessageListener(twists::add);
        b.newSubscriber("/rt/image", Image.CODEC).addMessageListener(images::add);
        Publisher<Twist> tp = a.newPublisher("/rt/cmd_vel", Twist.CODEC);
        Publisher<Image> ip = a.newPublisher("/rt/image", Image.CODEC);
        Twist t = new Twist(new Vector3(1.5, -2.25, Math.PI), new Vector3(Double.MIN_VALUE, -0.0, 1e300));
        assertEquals(t, publishUntilReceived(tp, t, twists, 5000));
        byte[] pixels = new byte[160 * 80 * 3];
        new java.util.Random(4).nextBytes(pixels);
        Image img = new Image(new Header(7, new Time(1700000000, 123456789), "camera"), 80, 160, "rgb8", 0, 480, pixels);
        Image got = publishUntilReceived(ip, img, images, 5000);
        assertEquals(img.header(), got.header());
        assertEquals(List.of(80, 160, "rgb8", 0, 480), List.of(got.height(), got.width(), got.encoding(), got.isBigendian(), got.step()));
        assertArrayEquals(pixels, got.data());
        a.shutdown();
        b.shutdown();
    }

    @Test
    void aSerializedSubscriberGetsEachMessagesBytesOnItsReceiveThread() throws Exception {
        try (ConnectedNode a = node("ser_pub"); ConnectedNode b = node("ser_sub")) {
            serializedDelivery(a, b);
        }
    }

    private void serializedDelivery(ConnectedNode a, ConnectedNode b) throws Exception {
        BlockingQueue<StringMessage> got = new LinkedBlockingQueue<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        b.newSerializedSubscriber("/ser/text", StringMessage.CODEC, SubscriberOptions.DEFAULT, bytes -> {
            threads.add(Thread.currentThread().getName());
            got.add(StringMessage.CODEC.decode(bytes)); // during the call: the buffer is reused afterwards
        });
        Publisher<StringMessage> p = a.newPublisher("/ser/text", StringMessage.CODEC);
        assertEquals("hello", publishUntilReceived(p, new StringMessage("hello"), got, 5000).data());
        Thread.sleep(200);
        got.clear();
        // Sizes that grow and shrink pass through the publisher's reused buffer and the reader's reused view.
        String big = "x".repeat(100_000);
        for (String s : List.of("a", big, "bc", big + "y", "")) {
            p.publish(new StringMessage(s));
            assertEquals(s, poll(got, 5000).data());
        }
        assertTrue(threads.stream().allMatch(n -> n.startsWith("tcpros-sub-/ser/text")), threads.toString());
    }

    @Test
    void latchedPublisherSendsItsLastMessageToLateSubscribers() throws Exception {
        ConnectedNode a = node("latch_pub");
        Publisher<StringMessage> p = a.newPublisher("latched_topic", StringMessage.CODEC, PublisherOptions.DEFAULT.latched());
        p.publish(new StringMessage("first"));
        p.publish(new StringMessage("last"));
        ConnectedNode b = node("latch_sub");
        BlockingQueue<StringMessage> got = new LinkedBlockingQueue<>();
        b.newSubscriber("/latched_topic", StringMessage.CODEC).addMessageListener(got::add);
        assertEquals("last", poll(got, 5000).data());
        a.shutdown();
        b.shutdown();
    }

    @Test
    void namesResolveWithNamespacesPrivateNamesAndRemapping() throws Exception {
        ConnectedNode n = node("namer", "__ns:=/robot", "image:=/camera/image_raw", "~out:=/cmd_vel", "_rate_hz:=15");
        assertEquals("/robot/namer", n.getName());
        assertEquals("/robot/odom", n.resolveName("odom"));
        assertEquals("/camera/image_raw", n.resolveName("image"));
        assertEquals("/robot/namer/speed", n.resolveName("~speed"));
        assertEquals("/cmd_vel", n.resolveName("~out"));
        assertEquals(15, n.getParameterTree().getInteger("~rate_hz", 0));
        assertThrows(IllegalArgumentException.class, () -> n.resolveName("bad name"));
        n.shutdown();
    }

    @Test
    void parametersAndParameterListeners() throws Exception {
        ConnectedNode n = node("param_user");
        ParameterTree params = n.getParameterTree();
        params.set("/cfg/speed", 6.5);
        params.set("/cfg/nested", Map.of("a", 1, "b", List.of("x", true)));
        assertEquals(6.5, params.getDouble("/cfg/speed", 0), 0);
        assertEquals(Map.of("speed", 6.5, "nested", Map.of("a", 1, "b", List.of("x", true))), params.getMap("/cfg", Map.of()));
        assertNull(params.get("/cfg/none"));
        assertEquals(3, params.getInteger("/cfg/none", 3));
        assertThrows(IllegalArgumentException.class, () -> params.getBoolean("/cfg/speed", false));
        BlockingQueue<Object> updates = new LinkedBlockingQueue<>();
        params.addParameterListener("/cfg/speed", updates::add);
        node("param_setter").getParameterTree().set("/cfg/speed", 8.0);
        assertEquals(8.0, poll(updates, 5000));
        params.delete("/cfg");
        assertTrue(!params.has("/cfg/speed"));
        n.shutdown();
    }

    @Test
    void aStringXml10CannotCarryIsRefusedAndTheParameterTreeStaysReadable() throws Exception {
        ConnectedNode n = node("xml_chars");
        ParameterTree params = n.getParameterTree();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params.set("/xml_chars/p", "a\u0000b"));
        assertTrue(e.getMessage().contains("XML 1.0 cannot carry U+0000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> params.set("/xml_chars/d", Map.of("k", List.of("ok", "\u0007"))));
        // the same value as a character reference, as Python's xmlrpc would send it escaped by hand, is a fault
        byte[] body = ("<?xml version=\"1.0\"?><methodCall><methodName>setParam</methodName><params>"
                + "<param><value><string>/raw</string></value></param><param><value><string>/xml_chars/p</string></value></param>"
                + "<param><value><string>a&#0;b</string></value></param></params></methodCall>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Socket s = new Socket(master.uri().getHost(), master.port())) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("POST / HTTP/1.0\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            String reply = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(reply.contains("<fault>") && reply.contains("reference to invalid character number"), reply);
        }
        assertTrue(!params.has("/xml_chars/p") && !params.has("/xml_chars/d"), "nothing was stored");
        params.set("/xml_chars/fine", "tab\tnewline\n\u00e9\uD83D\uDE81");
        assertTrue(params.getMap("/", Map.of()).containsKey("xml_chars"), "getParam / still parses");
        assertEquals("tab\tnewline\n\u00e9\uD83D\uDE81", params.getString("/xml_chars/fine", ""));
        n.shutdown();
    }

    @Test
    void wrongMd5GetsAnErrorReplyAsRospyGives() throws Exception {
        ConnectedNode a = node("md5_pub");
        a.newPublisher("/md5_topic", StringMessage.CODEC);
        URI slave = a.getUri();
        Object r = new org.liquidpilot.ros.xmlrpc.XmlRpcClient(slave).call("requestTopic", "/raw", "/md5_topic", List.of(List.of("TCPROS")));
        List<?> proto = (List<?>) ((List<?>) r).get(2);
        try (Socket s = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
            s.getOutputStream().write(ConnectionHeader.of("callerid", "/raw", "md5sum", "0123456789abcdef0123456789abcdef",
                    "topic", "/md5_topic", "type", "std_msgs/String").encode());
            ConnectionHeader reply = ConnectionHeader.read(s.getInputStream());
            assertEquals("Client [/raw] wants topic [/md5_topic] to have datatype/md5sum [std_msgs/String/0123456789abcdef0123456789abcdef],"
                    + " but our version has [std_msgs/String/992ce8a1687cec8c8bd883ec73ca41d1] Dropping connection.", reply.error());
            assertEquals(1, reply.fields().size());
        }
        try (Socket s = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
            s.getOutputStream().write(ConnectionHeader.of("callerid", "/raw", "topic", "/md5_topic").encode());
            assertEquals("Missing required 'md5sum' field", ConnectionHeader.read(s.getInputStream()).error());
        }
        a.shutdown();
    }

    @Test
    void aStalledSubscriberNeverBlocksPublishAndLosesOnlyItsOldestFrames() throws Exception {
        ConnectedNode a = node("stall_pub");
        Publisher<Image> p = a.newPublisher("/stall/image", Image.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        Object r = new org.liquidpilot.ros.xmlrpc.XmlRpcClient(a.getUri()).call("requestTopic", "/staller", "/stall/image", List.of(List.of("TCPROS")));
        List<?> proto = (List<?>) ((List<?>) r).get(2);
        try (Socket s = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
            s.setReceiveBufferSize(4096);
            s.getOutputStream().write(ConnectionHeader.of("callerid", "/staller", "md5sum", "*", "topic", "/stall/image",
                    "type", "*", "tcp_nodelay", "0").encode());
            InputStream in = s.getInputStream();
            assertNull(ConnectionHeader.read(in).error());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (p.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(1, p.getNumberOfSubscribers());
            byte[] pixels = new byte[160 * 80 * 3];
            Image img = new Image(new Header(0, new Time(0, 0), "c"), 80, 160, "rgb8", 0, 480, pixels);
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) p.publish(img); // ~77 MB into a socket nobody reads
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 10_000, "publish() blocked for " + ms + " ms");
            PublisherConnection c = ((PublisherImpl<Image>) p).connections().get(0);
            assertTrue(c.dropped() > 1000, "dropped " + c.dropped());
            assertTrue(c.messagesSent() < 1000, "sent " + c.messagesSent());
        }
        a.shutdown();
    }

    @Test
    void silentConnectionsAreDroppedAndDoNotStopTheNode() throws Exception {
        ConnectedNode a = node("flooded");
        Publisher<StringMessage> p = a.newPublisher("/flood/topic", StringMessage.CODEC);
        Object r = new org.liquidpilot.ros.xmlrpc.XmlRpcClient(a.getUri()).call("requestTopic", "/x", "/flood/topic", List.of(List.of("TCPROS")));
        List<?> proto = (List<?>) ((List<?>) r).get(2);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) silent.add(new Socket((String) proto.get(1), (Integer) proto.get(2)));
            // a 4 GB header length prefix is refused without allocating
            try (Socket s = new Socket((String) proto.get(1), (Integer) proto.get(2))) {
                s.getOutputStream().write(new byte[] {-1, -1, -1, -1});
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read());
            } catch (java.net.SocketException reset) {
                // closed at accept while the flood is being served: also fine
            }
        } finally {
            for (Socket s : silent) s.close();
        }
        ConnectedNode b = node("after_flood");
        BlockingQueue<StringMessage> got = new LinkedBlockingQueue<>();
        b.newSubscriber("/flood/topic", StringMessage.CODEC).addMessageListener(got::add);
        assertEquals("still here", publishUntilReceived(p, new StringMessage("still here"), got, 10_000).data());
        a.shutdown();
        b.shutdown();
    }

    @Test
    void servicesAnswerAndReportErrors() throws Exception {
        ConnectedNode server = node("adder");
        ConnectedNode client = node("adder_client");
        server.newServiceServer("~add", ADD, req -> {
            if (req[0] < 0) throw new ServiceException("negative");
            return new int[] {req[0] + req[1]};
        });
        ServiceClient<int[], int[]> add = client.newServiceClient("/adder/add", ADD);
        assertEquals(5, add.call(new int[] {2, 3})[0]);
        ServiceException e = assertThrows(ServiceException.class, () -> add.call(new int[] {-1, 3}));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(ServiceException.class, () -> client.newServiceClient("/nobody", ADD).call(new int[] {1, 1}));
        server.shutdown();
        client.shutdown();
    }

    @Test
    void subscriptionRecoversWhenThePublisherRestarts() throws Exception {
        ConnectedNode sub = node("restart_sub");
        BlockingQueue<StringMessage> got = new LinkedBlockingQueue<>();
        sub.newSubscriber("/restart_topic", StringMessage.CODEC).addMessageListener(got::add);
        ConnectedNode pub1 = node("restart_pub");
        publishUntilReceived(pub1.newPublisher("/restart_topic", StringMessage.CODEC), new StringMessage("one"), got, 5000);
        pub1.shutdown();
        ConnectedNode pub2 = node("restart_pub");
        Publisher<StringMessage> p2 = pub2.newPublisher("/restart_topic", StringMessage.CODEC);
        got.clear();
        long start = System.nanoTime();
        publishUntilReceived(p2, new StringMessage("two"), got, 2000);
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        sub.shutdown();
        pub2.shutdown();
    }

    @Test
    void nodesRegisterAgainWhenTheMasterRestarts() throws Exception {
        EmbeddedMaster own = EmbeddedMaster.start(0);
        int port = own.port();
        NodeConfiguration cfg = NodeConfiguration.forMaster(own.uri(), "mr_sub");
        ConnectedNode sub = RosNodes.start(cfg);
        ConnectedNode pub = RosNodes.start(cfg.withName("mr_pub"));
        try {
            BlockingQueue<StringMessage> got = new LinkedBlockingQueue<>();
            sub.newSubscriber("/mr_topic", StringMessage.CODEC).addMessageListener(got::add);
            Publisher<StringMessage> p = pub.newPublisher("/mr_topic", StringMessage.CODEC);
            publishUntilReceived(p, new StringMessage("before"), got, 5000);
            own.close();
            EmbeddedMaster again = EmbeddedMaster.start(port);
            own = again;
            // a publisher that only the new master knows about: the subscriber finds it after re-registering
            ConnectedNode late = RosNodes.start(cfg.withName("mr_late").withMasterUri(again.uri()));
            Publisher<StringMessage> lp = late.newPublisher("/mr_topic", StringMessage.CODEC);
            got.clear();
            long start = System.nanoTime();
            StringMessage m;
            do {
                m = publishUntilReceived(lp, new StringMessage("late"), got, 2500);
            } while (!m.data().equals("late"));
            assertTrue(System.nanoTime() - start < 2_500_000_000L, "recovered in " + (System.nanoTime() - start) / 1e6 + " ms");
            late.shutdown();
        } finally {
            sub.shutdown();
            pub.shutdown();
            own.close();
        }
    }

    @Test
    void logLinesGoToRosout() throws Exception {
        ConnectedNode listener = node("rosout_listener");
        BlockingQueue<GraphMessages.LogLine> lines = new LinkedBlockingQueue<>();
        listener.newSubscriber("/rosout", GraphMessages.LOG).addMessageListener(lines::add);
        ConnectedNode talker = node("talker", "__ns:=/team");
        talker.newPublisher("chatter", StringMessage.CODEC);
        long deadline = System.nanoTime() + 5_000_000_000L;
        GraphMessages.LogLine line = null;
        while (line == null && System.nanoTime() < deadline) {
            talker.getLog().warn("battery low");
            GraphMessages.LogLine l = lines.poll(50, TimeUnit.MILLISECONDS);
            if (l != null && l.name().equals("/team/talker")) line = l;
        }
        assertNotNull(line, "no /rosout line from /team/talker");
        assertEquals("battery low", line.msg());
        assertEquals(GraphMessages.WARN, line.level());
        assertTrue(line.topics().contains("/team/chatter"), line.topics().toString());
        talker.shutdown();
        listener.shutdown();
    }

    @Test
    void simTimeFollowsClockWhenUseSimTimeIsSet() throws Exception {
        EmbeddedMaster own = EmbeddedMaster.start(0);
        try {
            ConnectedNode clock = RosNodes.start(NodeConfiguration.forMaster(own.uri(), "clock_source"));
            clock.getParameterTree().set("/use_sim_time", true);
            ConnectedNode sim = RosNodes.start(NodeConfiguration.forMaster(own.uri(), "sim_user"));
            assertEquals(java.time.Instant.EPOCH, sim.getCurrentTime()); // no /clock yet: time zero, as rospy
            Publisher<java.time.Instant> p = clock.newPublisher("/clock", GraphMessages.CLOCK);
            java.time.Instant t = java.time.Instant.ofEpochSecond(42, 500_000_000);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!sim.getCurrentTime().equals(t) && System.nanoTime() < deadline) {
                p.publish(t);
                Thread.sleep(20);
            }
            assertEquals(t, sim.getCurrentTime());
            clock.getParameterTree().set("/use_sim_time", false);
            ConnectedNode wall2 = RosNodes.start(NodeConfiguration.forMaster(own.uri(), "wall_user2"));
            assertTrue(wall2.getCurrentTime().getEpochSecond() > 1_600_000_000L);
            wall2.shutdown();
            sim.shutdown();
            clock.shutdown();
        } finally {
            own.close();
        }
    }

    /** A tiny two-int service type, standing in for any request/response pair. */
    static final MessageCodec<int[]> INTS = new MessageCodec<>() {
        public String type() {
            return "test_srvs/AddRequest";
        }

        public String md5sum() {
            return "00000000000000000000000000000001";
        }

        public String definition() {
            return "int32[] v\n";
        }

        public int encodedSize(int[] m) {
            return 4 + 4 * m.length;
        }

        public void encode(int[] m, ByteBuffer out) {
            out.putInt(m.length);
            for (int v : m) out.putInt(v);
        }

        public int[] decode(ByteBuffer in) {
            if (in.remaining() < 4) throw new MessageFormatException("short");
            int n = in.getInt();
            if (n < 0 || n > in.remaining() / 4) throw new MessageFormatException("bad length");
            int[] v = new int[n];
            for (int i = 0; i < n; i++) v[i] = in.getInt();
            return v;
        }
    };
    static final ServiceType<int[], int[]> ADD = new ServiceType<>("test_srvs/Add", "0123456789abcdef0123456789abcdef", INTS, INTS);
}
