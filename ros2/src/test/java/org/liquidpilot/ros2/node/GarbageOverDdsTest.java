package org.liquidpilot.ros2.node;

import com.eprosima.xmlschemas.fastrtps_profiles.DurabilityQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.HistoryQosKindPolicyType;
import com.eprosima.xmlschemas.fastrtps_profiles.ReliabilityQosKindPolicyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros2.dds.DdsParticipants;
import org.liquidpilot.ros2.dds.DdsSettings;
import us.ihmc.idl.CDR;
import us.ihmc.idl.InterchangeSerializer;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.TopicDataType;
import us.ihmc.pubsub.attributes.PublisherAttributes;
import us.ihmc.pubsub.common.SerializedPayload;
import us.ihmc.pubsub.participant.Participant;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage on the wire: a raw DDS writer sends random payloads (some with a valid encapsulation header, some not, some
 * claiming huge lengths) under the Image type to our node's subscription. The node drops and counts them, never
 * throws into the library, and still delivers the real Image sent afterwards.
 */
class GarbageOverDdsTest {
    @BeforeAll
    static void loopback() {
        LoopbackDds.assumeLoopbackMulticast();
    }

    /** Writes whatever bytes it is given as the serialized payload, under the DDS type name it is given. */
    static final class RawType implements TopicDataType<byte[]> {
        private final String name;

        RawType(String name) {
            this.name = name;
        }

        @Override
        public void serialize(byte[] data, SerializedPayload p) {
            p.getData().clear();
            p.getData().put(data);
            p.setLength(data.length);
        }

        @Override
        public void deserialize(SerializedPayload p, byte[] data) {}

        @Override
        public void serialize(byte[] data, InterchangeSerializer s) {}

        @Override
        public void deserialize(InterchangeSerializer s, byte[] data) {}

        @Override
        public void serialize(byte[] data, CDR cdr) {}

        @Override
        public void deserialize(byte[] data, CDR cdr) {}

        @Override
        public void copy(byte[] src, byte[] dest) {}

        @Override
        public int getTypeSize() {
            return 1 << 16;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public byte[] createData() {
            return new byte[0];
        }

        @Override
        public TopicDataType<byte[]> newInstance() {
            return new RawType(name);
        }
    }

    @Test
    void garbageIsDroppedAndTheNextImageArrives() throws Exception {
        DdsSettings s = LoopbackDds.freshDomain();
        Domain domain = DdsParticipants.domain();
        Participant raw = DdsParticipants.create("garbage", s);
        try (Ros2Node node = new Ros2Node("victim", "/", Map.of(), Map.of(), s); Ros2Node peer = new Ros2Node("peer", "/", Map.of(), Map.of(), s)) {
            BlockingQueue<Image> got = new ArrayBlockingQueue<>(100);
            Ros2Subscriber<Image> sub = (Ros2Subscriber<Image>) node.newSubscriber("/camera/image_raw", Image.CODEC);
            sub.addMessageListener(got::offer);
            RawType type = new RawType("sensor_msgs::msg::dds_::Image_");
            domain.registerType(raw, type);
            var writer = domain.createPublisher(raw, PublisherAttributes.create().topicDataType(type).topicName("rt/camera/image_raw")
                    .reliabilityKind(ReliabilityQosKindPolicyType.RELIABLE).durabilityKind(DurabilityQosKindPolicyType.VOLATILE)
                    .historyQosPolicyKind(HistoryQosKindPolicyType.KEEP_LAST).historyDepth(100));
            Ros2NodeTest.await(() -> sub.getNumberOfPublishers() >= 1, 15_000, "the raw writer matching our reader");
            Random random = new Random(18);
            int sent = 0;
            for (int i = 0; i < 300; i++) {
                byte[] junk = new byte[i % 10 == 0 ? 16 + random.nextInt(400) : 1 + random.nextInt(400)];
                random.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 2) {
                    junk[0] = 0;
                    junk[1] = 1; // a valid CDR_LE header over a random body
                }
                if (i % 10 == 0) {
                    java.nio.ByteBuffer.wrap(junk).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 1).putInt(8, 2).putInt(12, 0x7ffffff0);
                }
                writer.write(junk);
                sent++;
                if (i % 5 == 0) Thread.sleep(2);
            }
            // The camera reader is best effort with a history of 5 (sensor_data), so on a busy machine it may drop
            // some of a burst: what matters is that what arrives is counted and dropped, not that all of it arrives.
            Ros2NodeTest.await(() -> sub.malformedCount() >= 50, 15_000, "the garbage being counted");
            assertEquals(0, got.stream().count(), "no garbage payload became an Image");
            Publisher<Image> cam = peer.newPublisher("/camera/image_raw", Image.CODEC);
            Ros2NodeTest.await(() -> cam.getNumberOfSubscribers() >= 1, 15_000, "the real camera matching");
            Image img = new Image(new org.liquidpilot.ros.msg.std_msgs.Header(0, new org.liquidpilot.ros.msg.Time(1, 2), "cam"), 2, 2, "mono8", 0, 2,
                    new byte[] {1, 2, 3, 4});
            Image back = null;
            for (int i = 0; i < 40 && back == null; i++) {
                cam.publish(img);
                back = got.poll(250, TimeUnit.MILLISECONDS);
            }
            assertNotNull(back, "the node stopped receiving after the garbage");
            assertEquals("cam", back.header().frameId());
            assertTrue(sub.malformedCount() <= sent);
        } finally {
            domain.removeParticipant(raw);
        }
    }
}
