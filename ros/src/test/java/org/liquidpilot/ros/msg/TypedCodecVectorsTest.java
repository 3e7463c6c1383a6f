package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** Typed codecs against the raw bytes Debian's rosbag wrote (see msg/README.md). */
class TypedCodecVectorsTest {

    @Test
    void twistFromFlightBag() {
        byte[] raw = Fixtures.hex("d973c0a0aa580140 0000000000000000 0000000000000000 0000000000000000"
                + " 0000000000000000 f3e7cb94154bd33f");
        Twist t = Twist.CODEC.fromBytes(raw);
        assertEquals(2 + 0.2 * Math.sin(1.0), t.linear().x(), 1e-12); // bag README: linear.x = 2 + 0.2 sin t
        assertEquals(0.0, t.linear().y());
        assertEquals(0.30145778208645807, t.angular().z(), 0.0);
        assertArrayEquals(raw, Twist.CODEC.toBytes(t));
    }

    @Test
    void imageHeaderFromFlightBag() {
        byte[] head = Fixtures.hex("00000000 00f15365 00000000 06000000 63616d657261 50000000 a0000000 04000000"
                + " 72676238 00 e0010000 00960000");
        byte[] raw = new byte[head.length + 38400];
        System.arraycopy(head, 0, raw, 0, head.length);
        for (int i = 0; i < 38400; i++) {
            raw[head.length + i] = (byte) (i * 7);
        }
        Image img = Image.CODEC.fromBytes(raw);
        assertEquals(new Header(0, new Time(1700000000, 0), "camera"), img.header());
        assertEquals(80, img.height());
        assertEquals(160, img.width());
        assertEquals("rgb8", img.encoding());
        assertEquals(480, img.step());
        assertEquals(38400, img.data().length);
        assertEquals(38447, Image.CODEC.encodedSize(img));
        assertArrayEquals(raw, Image.CODEC.toBytes(img));
    }

    @Test
    void stringFrameCapturedFromRospy() {
        // TCPROS frame rospy sent to rostopic echo (capture conn /sa_chatter): uint32 frame length 9, then the message
        byte[] frame = Fixtures.hex("090000000500000068656c6c6f");
        ByteBuffer in = ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(9, in.getInt());
        assertEquals(new org.liquidpilot.ros.msg.std_msgs.StringMessage("hello"),
                org.liquidpilot.ros.msg.std_msgs.StringMessage.CODEC.decode(in));
        assertEquals(0, in.remaining());
    }

    @Test
    void truncatedAndForgedLengthsFailCleanly() {
        byte[] raw = Twist.CODEC.toBytes(Twist.of(1, 0.5));
        for (int cut = 0; cut < raw.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(raw, cut);
            assertThrows(MessageFormatException.class, () -> Twist.CODEC.fromBytes(part));
        }
        // header with a 4 GB frame_id length: must fail before allocating
        byte[] forged = Fixtures.hex("00000000 00f15365 00000000 ffffffff 63616d657261");
        assertThrows(MessageFormatException.class, () -> Header.CODEC.fromBytes(forged));
        assertThrows(IllegalArgumentException.class,
                () -> Twist.CODEC.decode(ByteBuffer.wrap(raw)), "big-endian buffers are refused");
    }
}
