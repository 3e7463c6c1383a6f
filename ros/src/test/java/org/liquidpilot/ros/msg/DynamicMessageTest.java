package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;

/** rostopic pub's argument syntax and rostopic echo's layout. */
class DynamicMessageTest {
    private final DynamicCodec twist = DynamicCodec.of("geometry_msgs/Twist");

    @Test
    void flowMappingFillsNamedFieldsAndZeroesTheRest() {
        Map<String, Object> m = DynamicMessage.fromYaml(twist, "{linear: {x: 1.0}, angular: {z: 0.5}}");
        assertEquals(Twist.of(1.0, 0.5), Twist.CODEC.fromBytes(twist.toBytes(m)));
    }

    @Test
    void positionalArgumentsFillFieldsInOrder() {
        Map<String, Object> m = DynamicMessage.fromArgs(twist, List.of("[1, 0, 0]", "[0, 0, 0.5]"));
        assertEquals(Twist.of(1.0, 0.5), Twist.CODEC.fromBytes(twist.toBytes(m)));
        DynamicCodec string = DynamicCodec.of("std_msgs/String");
        for (String arg : List.of("hello world", "{data: 'hello world'}", "['hello world']")) {
            assertEquals(new StringMessage("hello world"),
                    StringMessage.CODEC.fromBytes(string.toBytes(DynamicMessage.fromYaml(string, arg))), arg);
        }
    }

    @Test
    void blockStyleAsEchoPrintsIsAccepted() {
        Map<String, Object> m = DynamicMessage.fromYaml(twist, "linear:\n  x: 2.0\n  y: 0.0\nangular: \n  z: -1\n");
        assertEquals(Twist.of(2.0, -1.0), Twist.CODEC.fromBytes(twist.toBytes(m)));
    }

    @Test
    void headerAutoAndTimeNowStampTheMessage() {
        DynamicCodec codec = DynamicCodec.of("geometry_msgs/TwistStamped");
        long before = System.currentTimeMillis() / 1000;
        Map<String, Object> m = DynamicMessage.fromYaml(codec, "{header: auto, twist: {linear: {x: 1}}}");
        Header h = Header.CODEC.fromBytes(DynamicCodec.of("std_msgs/Header").toBytes(castMap(m.get("header"))));
        assertTrue(h.stamp().secsUnsigned() >= before);
        Map<String, Object> n = DynamicMessage.fromYaml(codec, "{header: {stamp: now, frame_id: base}}");
        assertTrue(((Time) castMap(n.get("header")).get("stamp")).secsUnsigned() >= before);
        Map<String, Object> t = DynamicMessage.fromYaml(codec, "{header: {stamp: {secs: 3, nsecs: 4}}}");
        assertEquals(new Time(3, 4), castMap(t.get("header")).get("stamp"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void mistakesGetOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DynamicMessage.fromYaml(twist, "{linear: {w: 1}}"));
        assertEquals("geometry_msgs/Twist.linear: geometry_msgs/Vector3 has no field 'w' (fields: x, y, z)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DynamicMessage.fromYaml(twist, "{linear: {x: fast}}"));
        assertThrows(IllegalArgumentException.class, () -> DynamicMessage.fromYaml(twist, "{linear: {x: 1}"));
        assertThrows(IllegalArgumentException.class, () -> DynamicMessage.fromYaml(twist, "[1, 2, 3]"));
        assertThrows(IllegalArgumentException.class,
                () -> DynamicMessage.fromYaml("sensor_msgs/Image", "{height: 4294967296}"));
        assertThrows(IllegalArgumentException.class,
                () -> DynamicMessage.fromYaml("sensor_msgs/CameraInfo", "{K: [1, 2, 3]}"));
        assertThrows(IllegalArgumentException.class, () -> DynamicMessage.fromYaml("std_msgs/Bool", "{data: 2}"));
        assertThrows(IllegalArgumentException.class, () -> twist.toBytes(Map.of("linear", 5)));
    }

    @Test
    void imageDataFromYamlIsRawBytes() {
        DynamicCodec image = DynamicCodec.of("sensor_msgs/Image");
        Map<String, Object> m = DynamicMessage.fromYaml(image,
                "{height: 1, width: 2, encoding: mono8, step: 2, data: [0, 255]}");
        assertArrayEquals(new byte[] {0, (byte) 255}, (byte[]) m.get("data"));
        String echoed = DynamicMessage.toYaml(image, image.fromBytes(image.toBytes(m)));
        assertTrue(echoed.endsWith("encoding: \"mono8\"\nis_bigendian: 0\nstep: 2\ndata: [0, 255]"), echoed);
    }

    @Test
    void echoLayoutOfTwist() {
        assertEquals("linear: \n  x: 1.0\n  y: 0.0\n  z: 0.0\nangular: \n  x: 0.0\n  y: 0.0\n  z: 0.5",
                DynamicMessage.toYaml(twist, DynamicMessage.fromYaml(twist, "{linear: {x: 1}, angular: {z: 0.5}}")));
    }

    @Test
    void floatsPrintLikePython() {
        assertEquals("1e-05", MessageYaml.pythonFloat(1e-5));
        assertEquals("0.0001", MessageYaml.pythonFloat(1e-4));
        assertEquals("1e+16", MessageYaml.pythonFloat(1e16));
        assertEquals("1234567890123456.0", MessageYaml.pythonFloat(1234567890123456.0));
        assertEquals("0.30000000000000004", MessageYaml.pythonFloat(0.1 + 0.2));
        assertEquals("-0.0", MessageYaml.pythonFloat(-0.0));
        assertEquals("5e-324", MessageYaml.pythonFloat(Double.MIN_VALUE));
        assertEquals("1.7976931348623157e+308", MessageYaml.pythonFloat(Double.MAX_VALUE));
        assertEquals("nan", MessageYaml.pythonFloat(Double.NaN));
        assertEquals("2018293284796595.2", MessageYaml.pythonFloat(2018293284796595.25), "ties go to even, as in repr");
    }

    @Test
    void genericYamlFollowsYaml11Scalars() {
        Object v = MessageYaml.parse("{a: 1, b: 1.5, c: yes, d: ~, e: '1', f: [0x10, -2], g: 1e3}");
        assertEquals(Map.of("a", 1L, "b", 1.5, "c", true, "e", "1", "f", List.of(16L, -2L), "g", "1e3"),
                withoutNulls(castMap(v)));
        assertTrue(castMap(v).containsKey("d"));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new java.util.HashMap<>(m);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }
}
