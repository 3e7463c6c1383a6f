package org.liquidpilot.ros2.dds;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros2.cdr.CdrCodec;
import us.ihmc.pubsub.common.SerializedPayload;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service payload layout (rmw_cyclonedds's request header) byte by byte, and garbage through its decoder. */
class ServiceTopicTypeTest {
    @Test
    void requestHeaderSitsBetweenEncapsulationAndBody() {
        CdrTopicType<SetBool.Response> type = CdrTopicType.service(new CdrCodec<>(SetBool.Response.CODEC), Ros2Names.serviceResponseType("std_srvs/SetBool"));
        assertEquals("std_srvs::srv::dds_::SetBool_Response_", type.getName());
        SerializedPayload p = new SerializedPayload(256);
        CdrTopicType.Sample<SetBool.Response> out = new CdrTopicType.Sample<>();
        out.message = new SetBool.Response(true, "ok");
        out.clientId = 0x1122334455667788L;
        out.sequence = -2;
        type.serialize(out, p);
        byte[] bytes = new byte[p.getLength()];
        p.getData().get(0, bytes);
        // encapsulation CDR_LE; id and sequence little endian; bool; pad to 4; string length 3 (with NUL), "ok\0".
        assertArrayEquals(new byte[]{0, 1, 0, 0, (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, -2, -1, -1, -1, -1, -1, -1, -1,
                1, 0, 0, 0, 3, 0, 0, 0, 'o', 'k', 0}, bytes);
        CdrTopicType.Sample<SetBool.Response> in = new CdrTopicType.Sample<>();
        type.deserialize(p, in);
        assertEquals(out.message, in.message);
        assertEquals(0x1122334455667788L, in.clientId);
        assertEquals(-2, in.sequence);
    }

    @Test
    void garbageEndsInAnErrorNeverAnException() {
        CdrTopicType<SetMode.Request> type = CdrTopicType.service(new CdrCodec<>(SetMode.Request.CODEC), Ros2Names.serviceRequestType("mavros_msgs/SetMode"));
        Random random = new Random(3);
        SerializedPayload p = new SerializedPayload(1024);
        CdrTopicType.Sample<SetMode.Request> s = new CdrTopicType.Sample<>();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(i % 4 == 0 ? 24 : 300)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length >= 2) {
                junk[0] = 0;
                junk[1] = 1;
            }
            if (i % 8 == 0 && junk.length >= 28) ByteBuffer.wrap(junk).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 0x7ffffff0 - i);
            p.getData().clear().put(junk);
            p.setLength(junk.length);
            type.deserialize(p, s);
            if (s.message != null) decoded++;
            else assertTrue(s.error != null && !s.error.isEmpty());
            if (junk.length < 4 + 16 + 1 + 4) assertNull(s.message, "too short for header, base_mode and a string length: " + junk.length);
        }
        assertTrue(decoded < 20_000);
    }
}
