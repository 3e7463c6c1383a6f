package org.liquidpilot.ros2.node;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.Subscriber;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.dds.Ros2Qos;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two nodes, each with its own Fast-DDS participant on loopback, talking through the node API. */
class Ros2NodeTest {
    @BeforeAll
    static void loopback() {
        LoopbackDds.assumeLoopbackMulticast();
    }

    private static Ros2Node node(String name, String ns, DdsSettings s) throws Exception {
        return new Ros2Node(name, ns, Map.of(), Map.of(), s);
    }

    static void await(BooleanSupplier what, long ms, String why) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (!what.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out: " + why);
            Thread.sleep(10);
        }
    }

    @Test
    void twistsImagesAndLatchedStatusArrive() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node a = node("talker", "/uav1", s); Ros2Node b = node("listener", "/uav1", s)) {
            BlockingQueue<Twist> twists = new ArrayBlockingQueue<>(10);
            BlockingQueue<Image> images = new ArrayBlockingQueue<>(10);
            Subscriber<Twist> twistIn = b.newSubscriber("cmd_vel", Twist.CODEC);
            twistIn.addMessageListener(twists::add);
            b.newSubscriber("/camera/image_raw", Image.CODEC).addMessageListener(images::add);
            Publisher<Twist> cmd = a.newPublisher("cmd_vel", Twist.CODEC);
            Publisher<Image> cam = a.newPublisher("/camera/image_raw", Image.CODEC);
            assertEquals("/uav1/cmd_vel", cmd.getTopicName());
            // Both ends must have matched: a volatile reader that learns of the writer late starts after what was already sent.
            await(() -> cmd.getNumberOfSubscribers() == 1 && cam.getNumberOfSubscribers() == 1 && twistIn.getNumberOfPublishers() == 1,
                    10_000, "discovery on loopback");
            Twist t = new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, -0.25));
            cmd.publish(t);
            assertEquals(t, twists.poll(5, TimeUnit.SECONDS));
            byte[] pixels = new byte[160 * 80 * 3];
            for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) i;
            Image img = new Image(new Header(0, new Time(3, 4), "camera"), 80, 160, "rgb8", 0, 480, pixels);
            // Best effort: a frame may be lost, so send until one arrives.
            Image got = null;
            for (int i = 0; i < 20 && got == null; i++) {
                cam.publish(img);
                got = images.poll(250, TimeUnit.MILLISECONDS);
            }
            assertNotNull(got, "no image arrived");
            assertArrayEquals(pixels, got.data());
            assertEquals(new Time(3, 4), got.header().stamp());

            // A latched (transient-local) status reaches a subscriber that joins after it was sent.
            Publisher<StringMessage> status = a.newPublisher("~status", StringMessage.CODEC, PublisherOptions.DEFAULT.latched());
            assertTrue(status.isLatched());
            status.publish(new StringMessage("ACTIVE"));
            try (Ros2Node late = node("late", "/", s)) {
                BlockingQueue<StringMessage> st = new ArrayBlockingQueue<>(10);
                var sub = late.newSubscriber("/uav1/talker/status", StringMessage.CODEC);
                sub.addMessageListener(st::add);
                await(() -> sub.getNumberOfPublishers() == 1, 15_000, "the late subscriber matching the latched writer");
                StringMessage latchedSample = st.poll(15, TimeUnit.SECONDS);
                assertNotNull(latchedSample, "matched, but the latched sample did not arrive");
                assertEquals("ACTIVE", latchedSample.data());
            }
        }
    }

    @Test
    void aNodeMainRunsOnRos2WithRosArgs() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        BlockingQueue<String> seen = new ArrayBlockingQueue<>(4);
        NodeMain main = new NodeMain() {
            @Override
            public String getDefaultNodeName() {
                return "echo";
            }

            @Override
            public void onStart(ConnectedNode node) {
                String prefix = node.getParameterTree().getString("~prefix", "?");
                Publisher<StringMessage> out = node.newPublisher("out", StringMessage.CODEC);
                node.newSubscriber("in", StringMessage.CODEC).addMessageListener(m -> out.publish(new StringMessage(prefix + m.data())));
            }
        };
        Ros2Args args = Ros2Args.parse("--ros-args", "-r", "__ns:=/car", "-r", "__node:=relay", "-p", "prefix:=got ", "-r", "in:=/chatter");
        try (Ros2Node relay = Ros2Node.execute(main, args, s); Ros2Node peer = node("peer", "/", s)) {
            assertEquals("/car/relay", relay.getName());
            Subscriber<StringMessage> out = peer.newSubscriber("/car/out", StringMessage.CODEC);
            out.addMessageListener(m -> seen.add(m.data()));
            Publisher<StringMessage> chatter = peer.newPublisher("/chatter", StringMessage.CODEC);
            await(() -> chatter.getNumberOfSubscribers() == 1 && out.getNumberOfPublishers() == 1, 10_000, "the relay's /chatter and /car/out");
            // The relay's own reader may learn of our writer a moment after we see it, and would then skip what came before.
            String got = null;
            for (int i = 0; i < 20 && got == null; i++) {
                chatter.publish(new StringMessage("hello"));
                got = seen.poll(250, TimeUnit.MILLISECONDS);
            }
            assertEquals("got hello", got);
        }
    }

    @Test
    void qosByRole() {
        assertEquals(Ros2Qos.SENSOR_DATA, Ros2Qos.forPublisher("sensor_msgs/Image", "/camera/image_raw", false));
        assertEquals(Ros2Qos.SENSOR_DATA, Ros2Qos.forSubscriber("sensor_msgs/CompressedImage", "/camera/image_raw/compressed"));
        assertEquals(new Ros2Qos(true, false, 10), Ros2Qos.forPublisher("geometry_msgs/Twist", "/cmd_vel", false));
        assertEquals(new Ros2Qos(true, true, 1), Ros2Qos.forPublisher("std_msgs/String", "/pilot/status", true));
        assertEquals(Ros2Qos.STATUS, Ros2Qos.forSubscriber("std_msgs/String", "/pilot/status"));
        assertTrue(Ros2Qos.SENSOR_DATA.readerMatches(Ros2Qos.DEFAULT));
        assertTrue(!Ros2Qos.DEFAULT.readerMatches(Ros2Qos.SENSOR_DATA), "a reliable reader never matches a best-effort writer");
    }
}
