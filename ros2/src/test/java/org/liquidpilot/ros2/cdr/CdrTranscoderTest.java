package org.liquidpilot.ros2.cdr;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.MsgRegistry;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Empty;
import org.liquidpilot.ros.msg.std_msgs.Header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CdrTranscoderTest {

    private static <T> byte[] cdr(CdrCodec<T> codec, T message) {
        ByteSink out = ByteSink.growable(16);
        codec.encode(message, out);
        ByteBuffer b = out.written();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void twistIsSixDoublesAsRos2WritesIt() {
        CdrCodec<Twist> c = new CdrCodec<>(Twist.CODEC);
        Twist t = new Twist(new Vector3(1.5, -2, 3), new Vector3(0, 0, 0.25));
        ByteBuffer want = le(48);
        for (double d : new double[] {1.5, -2, 3, 0, 0, 0.25}) want.putDouble(d);
        assertArrayEquals(want.array(), cdr(c, t));
        assertEquals(t, c.decode(ByteBuffer.wrap(want.array())));
    }

    @Test
    void headerLosesSeqStringGetsNulAndDoublesAlignToEight() {
        CdrCodec<TwistStamped> c = new CdrCodec<>(TwistStamped.CODEC);
        TwistStamped m = new TwistStamped(new Header(77, new Time(12, 345), "map"), new Twist(new Vector3(1, 2, 3), new Vector3(4, 5, 6)));
        // stamp.sec, stamp.nanosec, frame_id length 4 ("map" + NUL), "map\0", then 4 bytes of padding to offset 16.
        ByteBuffer want = le(16 + 48);
        want.putInt(12).putInt(345).putInt(4).put(new byte[] {'m', 'a', 'p', 0}).position(16);
        for (double d = 1; d <= 6; d++) want.putDouble(d);
        assertEquals(HexFormat.of().formatHex(want.array()), HexFormat.of().formatHex(cdr(c, m)));
        TwistStamped back = c.decode(ByteBuffer.wrap(want.array()));
        assertEquals(new Header(0, new Time(12, 345), "map"), back.header(), "ROS 2 has no seq: it reads back as 0");
        assertEquals(m.twist(), back.twist());
    }

    @Test
    void imageLayout() {
        CdrCodec<Image> c = new CdrCodec<>(Image.CODEC);
        Image img = new Image(new Header(0, new Time(1, 2), "cam"), 2, 3, "mono8", 0, 3, new byte[] {1, 2, 3, 4, 5, 6});
        ByteBuffer want = le(64);
        want.putInt(1).putInt(2).putInt(4).put("cam\0".getBytes()) // header: 16 bytes
                .putInt(2).putInt(3) // height, width
                .putInt(6).put("mono8\0".getBytes()) // encoding: 24 + 4 + 6 = 34
                .put((byte) 0) // is_bigendian at 34
                .put((byte) 0).putInt(3) // step aligned to 36
                .putInt(6).put(new byte[] {1, 2, 3, 4, 5, 6});
        byte[] expected = Arrays.copyOf(want.array(), want.position());
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(cdr(c, img)));
        Image back = c.decode(ByteBuffer.wrap(expected));
        assertArrayEquals(img.data(), back.data());
        assertEquals(img.encoding(), back.encoding());
        assertEquals(img.step(), back.step());
    }

    @Test
    void anEmptyMessageIsOneByteInRos2() {
        CdrCodec<Empty> c = new CdrCodec<>(Empty.CODEC);
        assertArrayEquals(new byte[] {0}, cdr(c, new Empty()));
        assertEquals(new Empty(), c.decode(ByteBuffer.wrap(new byte[] {0})));
    }

    @Test
    void trailingPaddingAfterTheMessageIsIgnored() {
        CdrCodec<Empty> c = new CdrCodec<>(Empty.CODEC);
        assertEquals(new Empty(), c.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 0})));
    }

    /** Every type the project defines survives ROS 1 → CDR → ROS 1 byte for byte (Header seq is 0 on both sides). */
    @Test
    void everyBuiltinTypeRoundTrips() {
        MsgRegistry registry = MsgRegistry.builtin();
        int checked = 0;
        for (String type : registry.types()) {
            CdrTranscoder t = new CdrTranscoder(registry, type);
            RandomRos1 gen = new RandomRos1(registry, type.hashCode());
            for (int i = 0; i < 20; i++) {
                byte[] ros1 = gen.message(type);
                ByteSink cdr = ByteSink.growable(16);
                ByteBuffer in = ByteBuffer.wrap(ros1);
                t.toCdr(in, cdr);
                assertEquals(ros1.length, in.position(), type + ": consumed the whole ROS 1 message");
                ByteSink back = ByteSink.growable(16);
                t.toRos1(cdr.written(), back);
                ByteBuffer b = back.written();
                byte[] again = new byte[b.remaining()];
                b.get(again);
                assertArrayEquals(ros1, again, type);
                checked++;
            }
        }
        assertEquals(registry.types().size() * 20, checked);
    }
}
