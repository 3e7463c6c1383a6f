package org.liquidpilot.ros2.interop;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.LoopbackDds;
import org.liquidpilot.ros2.node.Ros2Node;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loopback promise, checked on the wire: while our Fast-DDS nodes and the Cyclone C peer discover each other and
 * exchange Twists and Images, {@code tcpdump} on every non-loopback interface sees no RTPS packet (UDP whose payload
 * starts with "RTPS", or any UDP to the DDS port range 7400–7999). The same capture on {@code lo} must see RTPS,
 * which shows the filter and the capture work.
 */
class NoTrafficOffLoopbackTest {
    /** UDP carrying RTPS (the 4-byte magic after the 8-byte UDP header) or to/from the DDS well-known port range. */
    static final String RTPS_FILTER = "udp and (udp[8:4] = 0x52545053 or portrange 7400-7999)";

    static boolean canCapture() {
        if (!Files.isExecutable(Path.of("/usr/bin/tcpdump")) && !Files.isExecutable(Path.of("/usr/sbin/tcpdump"))) return false;
        try {
            Process p = new ProcessBuilder("tcpdump", "-D").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && "root".equals(System.getProperty("user.name"));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> nonLoopbackInterfaces() throws SocketException {
        List<String> names = new ArrayList<>();
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) names.add(i.getName());
        }
        return names;
    }

    private record Capture(String iface, Process process, Path file) {}

    private static Capture capture(String iface, Path dir) throws IOException {
        Path file = dir.resolve(iface + ".pcap");
        Process p = new ProcessBuilder("tcpdump", "-i", iface, "-n", "-U", "-w", file.toString(), RTPS_FILTER)
                .redirectErrorStream(true).redirectOutput(dir.resolve(iface + ".log").toFile()).start();
        return new Capture(iface, p, file);
    }

    private static List<String> packets(Capture c) throws IOException, InterruptedException {
        c.process().destroy();
        c.process().waitFor(10, TimeUnit.SECONDS);
        if (!Files.exists(c.file())) throw new AssertionError("tcpdump on " + c.iface() + " wrote nothing: " + Files.readString(c.file().resolveSibling(c.iface() + ".log")));
        Process r = new ProcessBuilder("tcpdump", "-n", "-r", c.file().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        r.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void ddsTrafficStaysOnLoopback() throws Exception {
        Assumptions.assumeTrue(Interop.shouldRun("tcpdump run as root (apt tcpdump)", canCapture()));
        CyclonePeer.assumeAvailable();
        LoopbackDds.assumeLoopbackMulticast();
        Path dir = Files.createDirectories(Path.of("target/capture").toAbsolutePath());
        List<String> ifaces = nonLoopbackInterfaces();
        List<Capture> off = new ArrayList<>();
        for (String i : ifaces) off.add(capture(i, dir));
        Capture lo = capture("lo", dir);
        Thread.sleep(1000); // tcpdump opens its sockets
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node a = new Ros2Node("pilot", "/", Map.of(), Map.of(), s); Ros2Node b = new Ros2Node("sim", "/", Map.of(), Map.of(), s);
             CyclonePeer peer = CyclonePeer.start(s, "image-pub", "rt/camera/image_raw", "besteffort,volatile,5", 6, "32", "16");
             CyclonePeer cmdIn = CyclonePeer.start(s, "twist-sub", "rt/cmd_vel", "reliable,volatile,10", 10, "1")) {
            BlockingQueue<Image> images = new ArrayBlockingQueue<>(1000);
            BlockingQueue<Twist> twists = new ArrayBlockingQueue<>(1000);
            a.newSubscriber("camera/image_raw", Image.CODEC).addMessageListener(images::offer);
            b.newSubscriber("cmd_vel", Twist.CODEC).addMessageListener(twists::offer);
            Publisher<Twist> cmd = a.newPublisher("cmd_vel", Twist.CODEC);
            Publisher<Image> cam = b.newPublisher("camera/image_raw", Image.CODEC);
            assertNotNull(images.poll(15, TimeUnit.SECONDS), "no image reached our node");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (System.nanoTime() < end) {
                cmd.publish(new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.5)));
                cam.publish(new Image(new Header(0, new Time(1, 0), "cam"), 16, 32, "rgb8", 0, 96, new byte[32 * 16 * 3]));
                Thread.sleep(50);
            }
            assertNotNull(twists.poll(5, TimeUnit.SECONDS), "no twist between our nodes");
            assertNotNull(cmdIn.next("twist ", 5), "no twist reached the C peer");
        }
        Thread.sleep(500);
        List<String> onLo = packets(lo);
        assertFalse(onLo.isEmpty(), "the capture on lo saw no RTPS: the filter or the capture is broken");
        for (Capture c : off) {
            List<String> seen = packets(c);
            assertEquals(List.of(), seen, "RTPS left the loopback interface on " + c.iface());
        }
        System.err.println("loopback capture: " + onLo.size() + " RTPS packets on lo, none on " + ifaces);
        assertTrue(onLo.size() > 10);
    }
}
