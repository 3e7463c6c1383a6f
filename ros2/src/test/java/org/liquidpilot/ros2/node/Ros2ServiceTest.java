package org.liquidpilot.ros2.node;

import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.std_srvs.Empty;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros.msg.std_srvs.Trigger;
import org.liquidpilot.ros.node.ServiceClient;
import org.liquidpilot.ros.node.ServiceException;
import org.liquidpilot.ros2.dds.DdsParticipants;
import org.liquidpilot.ros2.dds.DdsSettings;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.participant.Participant;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROS 2 services between our own nodes over DDS on loopback: rq/…Request and rr/…Reply with the request header. */
class Ros2ServiceTest {
    @BeforeAll
    static void loopback() {
        LoopbackDds.assumeLoopbackMulticast();
    }

    private static Ros2Node node(String name, String ns, DdsSettings s) throws Exception {
        return new Ros2Node(name, ns, Map.of(), Map.of(), s);
    }

    @Test
    void stdSrvsAndMavrosServicesAnswerTheirOwnCallers() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node server = node("fcu", "/uav1", s); Ros2Node caller = node("pilot", "/uav1", s)) {
            AtomicInteger triggers = new AtomicInteger();
            server.newServiceServer("~enable", SetBool.TYPE, q -> new SetBool.Response(true, q.data() ? "on" : "off"));
            server.newServiceServer("trigger", Trigger.TYPE, q -> new Trigger.Response(true, "n=" + triggers.incrementAndGet()));
            server.newServiceServer("reset", Empty.TYPE, q -> Empty.Response.INSTANCE);
            server.newServiceServer("mavros/cmd/arming", CommandBool.TYPE, q -> new CommandBool.Response(q.value(), q.value() ? 0 : 4));
            server.newServiceServer("mavros/set_mode", SetMode.TYPE, q -> new SetMode.Response(q.customMode().equals("OFFBOARD")));

            ServiceClient<SetBool.Request, SetBool.Response> enable = caller.newServiceClient("/uav1/fcu/enable", SetBool.TYPE);
            assertEquals("/uav1/fcu/enable", enable.getName());
            assertEquals(new SetBool.Response(true, "on"), enable.call(new SetBool.Request(true)));
            assertEquals(new SetBool.Response(true, "off"), enable.call(new SetBool.Request(false)));
            var trigger = caller.newServiceClient("trigger", Trigger.TYPE);
            assertEquals(new Trigger.Response(true, "n=1"), trigger.call(Trigger.Request.INSTANCE));
            assertEquals(new Trigger.Response(true, "n=2"), trigger.call(Trigger.Request.INSTANCE));
            assertEquals(Empty.Response.INSTANCE, caller.newServiceClient("reset", Empty.TYPE).call(Empty.Request.INSTANCE));
            var arming = caller.newServiceClient("mavros/cmd/arming", CommandBool.TYPE);
            assertEquals(new CommandBool.Response(true, 0), arming.call(new CommandBool.Request(true)));
            assertEquals(new CommandBool.Response(false, 4), arming.call(new CommandBool.Request(false)));
            var mode = caller.newServiceClient("mavros/set_mode", SetMode.TYPE);
            assertTrue(mode.call(SetMode.Request.custom("OFFBOARD")).modeSent());
            assertFalse(mode.call(SetMode.Request.custom("AUTO.LAND")).modeSent());
        }
    }

    @Test
    void concurrentClientsEachGetTheirOwnReplies() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Ros2Node server = node("echo", "/", s); Ros2Node a = node("a", "/", s); Ros2Node b = node("b", "/", s)) {
            server.newServiceServer("/echo", SetMode.TYPE, q -> new SetMode.Response(q.baseMode() % 2 == 0));
            // Two clients in one node and one in another: every client reads every reply, and must keep only its own.
            List<ServiceClient<SetMode.Request, SetMode.Response>> clients = List.of(
                    a.newServiceClient("/echo", SetMode.TYPE), a.newServiceClient("/echo", SetMode.TYPE), b.newServiceClient("/echo", SetMode.TYPE));
            List<Future<Integer>> runs = new ArrayList<>();
            for (int c = 0; c < clients.size(); c++) {
                var client = clients.get(c);
                int offset = c;
                runs.add(pool.submit(() -> {
                    int right = 0;
                    for (int i = 0; i < 30; i++) {
                        int base = offset + i; // varied parity across clients at the same sequence number
                        if (client.call(new SetMode.Request(base & 0xff, "M" + base)).modeSent() == (base % 2 == 0)) right++;
                    }
                    return right;
                }));
            }
            for (Future<Integer> r : runs) assertEquals(30, r.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callsTimeOutWithAClearExceptionRatherThanHang() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        try (Ros2Node server = node("srv", "/", s); Ros2Node caller = node("caller", "/", s)) {
            var nobody = caller.newServiceClient("/nobody", SetBool.TYPE, Duration.ofMillis(800));
            long t0 = System.nanoTime();
            ServiceException e = assertThrows(ServiceException.class, () -> nobody.call(new SetBool.Request(true)));
            double took = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.getMessage().contains("/nobody") && e.getMessage().contains("not available"), e.getMessage());
            assertTrue(took >= 0.7 && took < 5, "took " + took + " s");

            // A server that fails the request sends no reply (ROS 2 replies have no error), so the call times out.
            server.newServiceServer("/refuses", SetBool.TYPE, q -> {
                throw new ServiceException("no");
            });
            var refused = caller.newServiceClient("/refuses", SetBool.TYPE, Duration.ofSeconds(5));
            e = assertThrows(ServiceException.class, () -> refused.call(new SetBool.Request(true)));
            assertTrue(e.getMessage().contains("did not reply"), e.getMessage());
        }
    }

    @Test
    void garbageRequestsAreDroppedAndCountedAndTheServerStaysUp() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        Domain domain = DdsParticipants.domain();
        Participant raw = DdsParticipants.create("garbage", s);
        try (Ros2Node server = node("victim", "/", s); Ros2Node caller = node("caller", "/", s)) {
            AtomicInteger handled = new AtomicInteger();
            var srv = (Ros2ServiceServer<SetBool.Request, SetBool.Response>) server.newServiceServer("/victim/enable", SetBool.TYPE,
                    q -> new SetBool.Response(true, "n=" + handled.incrementAndGet()));
            GarbageOverDdsTest.RawType type = new GarbageOverDdsTest.RawType("std_srvs::srv::dds_::SetBool_Request_");
            domain.registerType(raw, type);
            var writer = domain.createPublisher(raw, PublisherAttributes.create().topicDataType(type).topicName("rq/victim/enableRequest")
                    .reliabilityKind(ReliabilityQosKindPolicyType.RELIABLE).durabilityKind(DurabilityQosKindPolicyType.VOLATILE)
                    .historyQosPolicyKind(HistoryQosKindPolicyType.KEEP_LAST).historyDepth(100));
            var probe = caller.newServiceClient("/victim/enable", SetBool.TYPE);
            assertEquals(new SetBool.Response(true, "n=1"), probe.call(new SetBool.Request(true)));
            Random random = new Random(7);
            int surelyBad = 0;
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[1 + random.nextInt(i % 3 == 0 ? 24 : 200)];
                random.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 2) {
                    junk[0] = 0;
                    junk[1] = 1; // a valid CDR_LE header over a random request header and body
                }
                if (i % 10 == 0 && junk.length >= 28) ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0x7ffffff0);
                // Not CDR_LE, or no room for the request header and a bool: 21 bytes, less the 4 that the library adds to
                // every received length (see CdrTopicType), so a 17..20-byte payload may decode from stale buffer bytes.
                boolean bad = junk.length < 17 || junk[0] != 0 || junk[1] != 1;
                if (bad) surelyBad++;
                long dropped0 = srv.malformedCount(), answered0 = handled.get();
                writer.write(junk);
                // One at a time, so no history overflows: each payload is either dropped and counted, or (random bytes
                // that happen to be a SetBool request) answered.
                int n = i;
                Ros2NodeTest.await(() -> srv.malformedCount() + handled.get() == dropped0 + answered0 + 1, 10_000,
                        "garbage payload " + n + " (" + junk.length + " bytes) neither dropped nor answered");
                if (bad) assertEquals(dropped0 + 1, srv.malformedCount(), "payload " + i + " (" + junk.length + " bytes) cannot be a request");
            }
            assertTrue(srv.malformedCount() >= surelyBad && surelyBad > 100, srv.malformedCount() + " dropped, " + surelyBad + " could not be requests");
            int before = handled.get();
            assertEquals(new SetBool.Response(true, "n=" + (before + 1)), probe.call(new SetBool.Request(false)));
        } finally {
            domain.removeParticipant(raw);
        }
    }
}
