package org.liquidpilot.ros2.interop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.LoopbackDds;
import org.liquidpilot.ros2.node.Ros2Node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Services between our nodes and the Cyclone DDS C peer, whose request and reply types spell rmw_cyclonedds's
 * request header as their two leading members (ros2_types.idl): so the bytes it reads and writes are those of a
 * ROS 2 node on rmw_cyclonedds, and our header's place, byte order and alignment are checked against a compiler
 * that knows nothing of our code.
 */
class CycloneServiceInteropTest {
    @BeforeAll
    static void tools() {
        CyclonePeer.assumeAvailable();
        LoopbackDds.assumeLoopbackMulticast();
    }

    private static final String QOS = "reliable,volatile,10";

    @Test
    void ourServerAnswersTheCPeersCalls() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        try (Ros2Node node = new Ros2Node("fcu", "/", Map.of(), Map.of(), s)) {
            node.newServiceServer("/lp_enable", SetBool.TYPE, q -> {
                seen.add(q.data());
                return new SetBool.Response(q.data(), "java " + (q.data() ? "on" : "off"));
            });
            try (CyclonePeer peer = CyclonePeer.start(s, "setbool-call", "/lp_enable", QOS, 30, "3")) {
                // The peer's id 0x1122334455667788 and its sequence numbers come back in each reply, with our answer.
                for (int seq = 1; seq <= 3; seq++) {
                    boolean data = seq % 2 == 1;
                    String line = peer.next("reply ", 30);
                    assertNotNull(line, "no reply " + seq + " reached the C peer: " + peer.output());
                    assertEquals("reply 1234605616436508552 " + seq + " " + (data ? 1 : 0) + " java " + (data ? "on" : "off"), line);
                }
                assertEquals(0, peer.waitFor(10), peer.output().toString());
            }
            assertEquals(List.of(true, false, true), seen);
        }
    }

    @Test
    void ourClientCallsTheCPeersServer() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (CyclonePeer peer = CyclonePeer.start(s, "setbool-serve", "/cpeer_enable", QOS, 40, "2");
             Ros2Node node = new Ros2Node("pilot", "/", Map.of(), Map.of(), s)) {
            var client = node.newServiceClient("/cpeer_enable", SetBool.TYPE, Duration.ofSeconds(20));
            try {
                assertEquals(new SetBool.Response(true, "cpeer on"), client.call(new SetBool.Request(true)));
            } catch (org.liquidpilot.ros.node.ServiceException e) {
                throw new AssertionError(e.getMessage() + "; C peer: " + peer.output(), e);
            }
            assertEquals(new SetBool.Response(false, "cpeer off"), client.call(new SetBool.Request(false)));
            String first = peer.next("request ", 10), second = peer.next("request ", 10);
            assertNotNull(second, peer.output().toString());
            String[] a = first.split(" "), b = second.split(" ");
            // Our id as the C side read it: the same in both requests, not zero; sequence numbers 1 and 2.
            assertEquals(a[1], b[1]);
            assertNotEquals("0", a[1]);
            assertEquals(List.of("1", "1"), List.of(a[2], a[3]));
            assertEquals(List.of("2", "0"), List.of(b[2], b[3]));
            assertEquals(0, peer.waitFor(10), peer.output().toString());
        }
    }
}
