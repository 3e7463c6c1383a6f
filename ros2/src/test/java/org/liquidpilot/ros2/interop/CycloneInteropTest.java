package org.liquidpilot.ros2.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.Subscriber;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.LoopbackDds;
import org.liquidpilot.ros2.node.Ros2Node;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our ROS 2 node (Fast-DDS) against a Cyclone DDS 0.10 peer written in C from the ROS 2 IDL, both on loopback only:
 * Twist and Image both ways with every value checked, the QoS pairs that must match, and the ones that must not.
 */
class CycloneInteropTest {
    @BeforeAll
    static void tools() {
        CyclonePeer.assumeAvailable();
        LoopbackDds.assumeLoopbackMulticast();
    }

    private static Ros2Node node(DdsSettings s) throws Exception {
        return new Ros2Node("pilot", "/", Map.of(), Map.of(), s);
    }

    private static void awaitMatch(java.util.function.IntSupplier count, double seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (count.getAsInt() == 0) {
            if (System.nanoTime() > end) throw new AssertionError("no match: " + what);
            Thread.sleep(10);
        }
    }

    private static final Twist[] TWISTS = {new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, -0.125)),
            new Twist(new Vector3(1.0 / 3, -2.5e-7, 1e300), new Vector3(-0.0, 7, Math.PI)),
            new Twist(new Vector3(0, 0.25, 0), new Vector3(0, 0, 0.75))};

    private static String line(Twist t) {
        return String.format("%s %s %s %s %s %s", g(t.linear().x()), g(t.linear().y()), g(t.linear().z()), g(t.angular().x()),
                g(t.angular().y()), g(t.angular().z()));
    }

    private static String g(double d) {
        return String.valueOf(d);
    }

    private static Twist parse(String line) {
        String[] p = line.split(" ");
        return new Twist(new Vector3(Double.parseDouble(p[1]), Double.parseDouble(p[2]), Double.parseDouble(p[3])),
                new Vector3(Double.parseDouble(p[4]), Double.parseDouble(p[5]), Double.parseDouble(p[6])));
    }

    @Test
    void ourCmdVelArrivesInTheCPeerWithItsValues() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node n = node(s); CyclonePeer peer = CyclonePeer.start(s, "twist-sub", "rt/cmd_vel", "reliable,volatile,10", 20, "3")) {
            Publisher<Twist> cmd = n.newPublisher("cmd_vel", Twist.CODEC);
            awaitMatch(cmd::getNumberOfSubscribers, 15, "the C reader of rt/cmd_vel");
            // Discovery is not symmetric: our writer can see the reader before the reader knows our writer, and a volatile
            // Cyclone reader starts at the writer's next sample once it does. So both sides must report the match first.
            assertNotNull(peer.next("matched 1", 15), "the C reader never matched our writer: " + peer.output());
            for (Twist t : TWISTS) cmd.publish(t);
            for (Twist t : TWISTS) {
                String l = peer.next("twist ", 10);
                assertNotNull(l, "the C peer got no twist: " + peer.output());
                assertEquals(t, parse(l), "C peer printed " + l + ", we sent " + line(t));
            }
            assertEquals(0, peer.waitFor(10));
        }
    }

    @Test
    void twistsFromTheCPeerArriveInOurNode() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node n = node(s)) {
            BlockingQueue<Twist> got = new ArrayBlockingQueue<>(1000);
            n.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(got::offer);
            Twist t = TWISTS[1];
            try (CyclonePeer peer = CyclonePeer.start(s, "twist-pub", "rt/cmd_vel", "reliable,volatile,10", 20,
                    g(t.linear().x()), g(t.linear().y()), g(t.linear().z()), g(t.angular().x()), g(t.angular().y()), g(t.angular().z()))) {
                Twist first = got.poll(15, TimeUnit.SECONDS);
                assertNotNull(first, "no twist from the C peer: " + peer.output());
                assertEquals(t, first);
            }
        }
    }

    @Test
    void imagesFromTheCPeerArriveInOurNode() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node n = node(s)) {
            BlockingQueue<Image> got = new ArrayBlockingQueue<>(1000);
            n.newSubscriber("camera/image_raw", Image.CODEC).addMessageListener(got::offer);
            try (CyclonePeer peer = CyclonePeer.start(s, "image-pub", "rt/camera/image_raw", "besteffort,volatile,5", 20, "160", "80")) {
                Image img = got.poll(15, TimeUnit.SECONDS);
                assertNotNull(img, "no image from the C peer: " + peer.output());
                assertEquals(160, img.width());
                assertEquals(80, img.height());
                assertEquals("rgb8", img.encoding());
                assertEquals(480, img.step());
                assertEquals(new Time(42, 7), img.header().stamp());
                assertEquals("cpeer", img.header().frameId());
                assertEquals(160 * 80 * 3, img.data().length);
                for (int i = 0; i < img.data().length; i++) assertEquals((byte) (i * 7), img.data()[i], "pixel byte " + i);
            }
        }
    }

    @Test
    void ourImagesArriveInTheCPeer() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        byte[] pixels = new byte[64 * 48 * 3];
        int sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 13 + 1);
            sum = sum * 31 + (pixels[i] & 0xff);
        }
        Image img = new Image(new Header(0, new Time(9, 123456789), "sim_camera"), 48, 64, "rgb8", 0, 192, pixels);
        try (Ros2Node n = node(s); CyclonePeer peer = CyclonePeer.start(s, "image-sub", "rt/camera/image_raw", "besteffort,volatile,5", 20, "1")) {
            Publisher<Image> cam = n.newPublisher("camera/image_raw", Image.CODEC);
            awaitMatch(cam::getNumberOfSubscribers, 15, "the C image reader");
            String l = null;
            for (int i = 0; i < 40 && l == null; i++) {
                cam.publish(img);
                l = peer.next("image ", 0.25);
            }
            assertEquals("image 64 48 rgb8 9 123456789 sim_camera " + pixels.length + " " + Integer.toUnsignedString(sum), l);
        }
    }

    /** The QoS pairs: reliable↔reliable and reliable writer→best-effort reader match; best effort→reliable does not. */
    @Test
    void qosPairsMatchAsDdsRulesSay() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node n = node(s)) {
            // Our camera reader is best effort (sensor_data): a reliable C writer must match it.
            Subscriber<Image> images = n.newSubscriber("/camera/image_raw", Image.CODEC);
            // Our command reader is reliable: a best-effort C writer must not match it, and nothing may arrive.
            BlockingQueue<Twist> cmds = new ArrayBlockingQueue<>(100);
            Subscriber<Twist> reliable = n.newSubscriber("/cmd_vel", Twist.CODEC);
            reliable.addMessageListener(cmds::offer);
            try (CyclonePeer good = CyclonePeer.start(s, "image-pub", "rt/camera/image_raw", "reliable,volatile,10", 8, "8", "8");
                 CyclonePeer bad = CyclonePeer.start(s, "twist-pub", "rt/cmd_vel", "besteffort,volatile,5", 8, "1", "2", "3", "4", "5", "6")) {
                awaitMatch(images::getNumberOfPublishers, 15, "reliable C writer → our best-effort image reader");
                assertNotNull(good.next("matched 1", 5), "the C writer saw the match too");
                // Give the mismatched pair the same time the matching one needed, and more.
                Thread.sleep(3000);
                assertEquals(0, reliable.getNumberOfPublishers(), "a best-effort writer matched a reliable reader");
                assertNull(cmds.poll(0, TimeUnit.SECONDS), "a twist crossed a best-effort → reliable pair");
                assertTrue(bad.output().stream().noneMatch(l -> l.startsWith("matched 1")), "the C writer reported a match: " + bad.output());
            }
        }
    }

    /** Transient local: a latched status reaches a C reader that joins later; a volatile writer never matches it. */
    @Test
    void latchedStatusIsTransientLocal() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node n = node(s)) {
            Publisher<Twist> latched = n.newPublisher("/latched_twist", Twist.CODEC, org.liquidpilot.ros.node.PublisherOptions.DEFAULT.latched());
            Publisher<Twist> volatileOut = n.newPublisher("/volatile_twist", Twist.CODEC);
            latched.publish(TWISTS[0]);
            volatileOut.publish(TWISTS[0]);
            try (CyclonePeer late = CyclonePeer.start(s, "twist-sub", "rt/latched_twist", "reliable,transientlocal,1", 15, "1");
                 CyclonePeer mismatched = CyclonePeer.start(s, "twist-sub", "rt/volatile_twist", "reliable,transientlocal,1", 4, "1")) {
                String l = late.next("twist ", 15);
                assertNotNull(l, "the late transient-local reader got nothing: " + late.output());
                assertEquals(TWISTS[0], parse(l));
                assertEquals(3, mismatched.waitFor(10), "a transient-local reader must not match a volatile writer: " + mismatched.output());
                assertEquals(0, volatileOut.getNumberOfSubscribers());
            }
        }
    }
}
