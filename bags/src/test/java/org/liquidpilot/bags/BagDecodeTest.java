package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagDecodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"flight_small_lz4.bag", "many_topics.bag", "flight_recorded.bag"})
    void everyMessageDecodesAndReencodesToTheSameBytes(String name) throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag(name))) {
            for (Connection c : r.connections().values()) {
                assertEquals(c.md5sum(), r.dynamicCodec(c).md5sum(), "md5 of " + c.type() + " from its definition");
            }
            int n = 0;
            for (BagMessage m : r.messages()) {
                assertArrayEquals(m.bytes(), reencode(r.codec(m.connection()), m), m.topic());
                assertArrayEquals(m.bytes(), reencode(r.dynamicCodec(m.connection()), m), m.topic());
                n++;
            }
            assertEquals(r.messageCount(), n);
        }
    }

    private static <T> byte[] reencode(MessageCodec<T> codec, BagMessage m) {
        T value = m.decode(codec);
        ByteBuffer out = ByteBuffer.allocate(codec.encodedSize(value)).order(ByteOrder.LITTLE_ENDIAN);
        codec.encode(value, out);
        return out.array();
    }

    @Test
    void typedCodecsGiveRecords() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_bz2.bag"))) {
            Image img = r.read("/camera/image_raw", Image.CODEC).findFirst().orElseThrow().message();
            assertEquals(80, img.height());
            assertEquals(160, img.width());
            assertEquals("rgb8", img.encoding());
            assertEquals(38400, img.data().length);
            assertEquals("camera", img.header().frameId());
            List<Twist> cmds = r.read("/cmd_vel", Twist.CODEC).map(BagReader.Decoded::message).toList();
            assertEquals(60, cmds.size());
            assertTrue(Math.abs(cmds.get(0).linear().x() - 2.0) < 0.01);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dynamicDecodingKeepsNanInfNegativeZeroAndNul() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("many_topics.bag"))) {
            BagMessage a5 = r.stream(BagQuery.topics("/array/a5")).findFirst().orElseThrow();
            DynamicCodec dyn = r.dynamicCodec(a5.connection());
            double[] data = (double[]) a5.decode(dyn).get("data");
            assertTrue(Double.isNaN(data[0]));
            assertEquals(Double.POSITIVE_INFINITY, data[1]);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(data[2]));
            boolean nul = r.stream(BagQuery.all()).filter(m -> m.connection().type().equals("std_msgs/String"))
                    .map(m -> (Map<String, Object>) m.decode(r.dynamicCodec(m.connection())))
                    .anyMatch(m -> ((String) m.get("data")).indexOf('\0') >= 0);
            assertTrue(nul, "a string with an embedded NUL survives");
        }
    }
}
