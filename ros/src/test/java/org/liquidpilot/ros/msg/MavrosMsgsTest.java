package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.std_msgs.Header;

/**
 * The mavros_msgs types an offboard pilot needs: md5 sums equal genmsg's (msg/mavros/md5sums.json), the Java
 * constants equal the .msg constants, records round-trip, and garbage or truncated bytes give a
 * {@link MessageFormatException}.
 */
class MavrosMsgsTest {
    private static final Header HEADER = new Header(7, new Time(1700000000, 250_000_000), "base_link");

    private static Map<String, String> referenceMd5s() {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher x = Pattern.compile("\"(mavros_msgs/\\w+)\":\\s*\"([0-9a-f]{32})\"").matcher(Fixtures.text("mavros/md5sums.json"));
        while (x.find()) {
            m.put(x.group(1), x.group(2));
        }
        return m;
    }

    @Test
    void md5SumsEqualGenmsgs() {
        Map<String, String> ref = referenceMd5s();
        assertEquals(4, ref.size(), ref.toString());
        assertEquals(ref.get("mavros_msgs/State"), State.CODEC.md5sum());
        assertEquals(ref.get("mavros_msgs/PositionTarget"), PositionTarget.CODEC.md5sum());
        assertEquals(ref.get("mavros_msgs/SetMode"), SetMode.TYPE.md5sum());
        assertEquals(ref.get("mavros_msgs/CommandBool"), CommandBool.TYPE.md5sum());
        assertEquals(ref.get("mavros_msgs/PositionTarget"), Messages.md5("mavros_msgs/PositionTarget"));
        assertSame(SetMode.TYPE, Messages.service("mavros_msgs/SetMode").orElseThrow());
        assertSame(CommandBool.TYPE, Messages.service("mavros_msgs/CommandBool").orElseThrow());
        assertSame(PositionTarget.CODEC, Messages.codec("mavros_msgs/PositionTarget"));
        assertSame(State.CODEC, Messages.codec("mavros_msgs/State"));
    }

    @Test
    void definitionsAreTheShippedTextWithNestedTypes() {
        String def = PositionTarget.CODEC.definition();
        assertTrue(def.startsWith("std_msgs/Header header\n\nuint8 coordinate_frame\nuint8 FRAME_LOCAL_NED = 1\n"), def);
        assertTrue(def.contains("\nMSG: std_msgs/Header\n") && def.contains("\nMSG: geometry_msgs/Point\n")
                && def.contains("\nMSG: geometry_msgs/Vector3\n"), def);
        // the request of SetMode keeps its tab-aligned constants; genmsg's md5 text has them without blanks
        assertTrue(MsgRegistry.builtin().md5Text("mavros_msgs/SetModeRequest")
                .startsWith("uint8 MAV_MODE_PREFLIGHT=0\nuint8 MAV_MODE_STABILIZE_DISARMED=80\n"));
    }

    @Test
    void javaConstantsEqualTheDefinitionsConstants() {
        Map<String, Long> want = constants("mavros_msgs/PositionTarget");
        assertEquals(16, want.size());
        assertEquals(want.get("FRAME_LOCAL_NED"), (long) PositionTarget.FRAME_LOCAL_NED);
        assertEquals(want.get("FRAME_LOCAL_OFFSET_NED"), (long) PositionTarget.FRAME_LOCAL_OFFSET_NED);
        assertEquals(want.get("FRAME_BODY_NED"), (long) PositionTarget.FRAME_BODY_NED);
        assertEquals(want.get("FRAME_BODY_OFFSET_NED"), (long) PositionTarget.FRAME_BODY_OFFSET_NED);
        assertEquals(want.get("IGNORE_PX"), (long) PositionTarget.IGNORE_PX);
        assertEquals(want.get("IGNORE_PY"), (long) PositionTarget.IGNORE_PY);
        assertEquals(want.get("IGNORE_PZ"), (long) PositionTarget.IGNORE_PZ);
        assertEquals(want.get("IGNORE_VX"), (long) PositionTarget.IGNORE_VX);
        assertEquals(want.get("IGNORE_VY"), (long) PositionTarget.IGNORE_VY);
        assertEquals(want.get("IGNORE_VZ"), (long) PositionTarget.IGNORE_VZ);
        assertEquals(want.get("IGNORE_AFX"), (long) PositionTarget.IGNORE_AFX);
        assertEquals(want.get("IGNORE_AFY"), (long) PositionTarget.IGNORE_AFY);
        assertEquals(want.get("IGNORE_AFZ"), (long) PositionTarget.IGNORE_AFZ);
        assertEquals(want.get("FORCE"), (long) PositionTarget.FORCE);
        assertEquals(want.get("IGNORE_YAW"), (long) PositionTarget.IGNORE_YAW);
        assertEquals(want.get("IGNORE_YAW_RATE"), (long) PositionTarget.IGNORE_YAW_RATE);
        assertEquals(1479, PositionTarget.VELOCITY_AND_YAW_RATE);

        Map<String, Long> modes = constants("mavros_msgs/SetModeRequest");
        assertEquals(11, modes.size());
        assertEquals(modes.get("MAV_MODE_PREFLIGHT"), (long) SetMode.MAV_MODE_PREFLIGHT);
        assertEquals(modes.get("MAV_MODE_STABILIZE_DISARMED"), (long) SetMode.MAV_MODE_STABILIZE_DISARMED);
        assertEquals(modes.get("MAV_MODE_STABILIZE_ARMED"), (long) SetMode.MAV_MODE_STABILIZE_ARMED);
        assertEquals(modes.get("MAV_MODE_MANUAL_DISARMED"), (long) SetMode.MAV_MODE_MANUAL_DISARMED);
        assertEquals(modes.get("MAV_MODE_MANUAL_ARMED"), (long) SetMode.MAV_MODE_MANUAL_ARMED);
        assertEquals(modes.get("MAV_MODE_GUIDED_DISARMED"), (long) SetMode.MAV_MODE_GUIDED_DISARMED);
        assertEquals(modes.get("MAV_MODE_GUIDED_ARMED"), (long) SetMode.MAV_MODE_GUIDED_ARMED);
        assertEquals(modes.get("MAV_MODE_AUTO_DISARMED"), (long) SetMode.MAV_MODE_AUTO_DISARMED);
        assertEquals(modes.get("MAV_MODE_AUTO_ARMED"), (long) SetMode.MAV_MODE_AUTO_ARMED);
        assertEquals(modes.get("MAV_MODE_TEST_DISARMED"), (long) SetMode.MAV_MODE_TEST_DISARMED);
        assertEquals(modes.get("MAV_MODE_TEST_ARMED"), (long) SetMode.MAV_MODE_TEST_ARMED);
    }

    private static Map<String, Long> constants(String type) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MsgConstant c : MsgRegistry.builtin().spec(type).constants()) {
            m.put(c.name(), Long.parseLong(c.valueText()));
        }
        return m;
    }

    @Test
    void bodyVelocitySetpointRoundTripsWithItsWireLayout() {
        PositionTarget sp = PositionTarget.bodyVelocity(HEADER, 2.5, -0.25, 0.5, 0.3);
        assertEquals(PositionTarget.FRAME_BODY_NED, sp.coordinateFrame());
        assertEquals(1479, sp.typeMask());
        byte[] b = PositionTarget.CODEC.toBytes(sp);
        assertEquals(PositionTarget.CODEC.encodedSize(sp), b.length);
        assertEquals(sp, PositionTarget.CODEC.fromBytes(b));
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        in.position(Header.CODEC.encodedSize(HEADER));
        assertEquals(8, in.get(), "coordinate_frame right after the header");
        assertEquals(1479, in.getShort(), "type_mask, uint16 little-endian");
        in.position(in.position() + 24);
        assertEquals(2.5, in.getDouble(), "velocity.x = forward");
        assertEquals(-0.25, in.getDouble(), "velocity.y = left");
        assertEquals(0.5, in.getDouble(), "velocity.z = up");
        in.position(in.position() + 24);
        assertEquals(0f, in.getFloat(), "yaw");
        assertEquals(0.3f, in.getFloat(), "yaw_rate last");
        assertEquals(0, in.remaining());
        // the dynamic codec (driven by the .msg text alone) reads the same bytes the same way
        Map<String, Object> dyn = DynamicCodec.of("mavros_msgs/PositionTarget").fromBytes(b);
        assertEquals((short) 8, dyn.get("coordinate_frame"));
        assertEquals(1479, dyn.get("type_mask"));
        assertEquals(0.3f, dyn.get("yaw_rate"));
    }

    @Test
    void everyTypeRoundTripsIncludingEdgeValues() {
        List<Object> samples = List.of(
                new State(HEADER, true, true, true, false, "OFFBOARD", 4),
                new State(new Header(-1, new Time(-1, 999_999_999), ""), false, false, false, true, "AUTO.LAND ✓", 255),
                new PositionTarget(HEADER, 255, 0xFFFF, new Point(1, -2, 3), new Vector3(Double.NaN, -0.0, 1e300),
                        new Vector3(0, 0, -9.81), Float.NaN, Float.NEGATIVE_INFINITY),
                SetMode.Request.custom("OFFBOARD"), new SetMode.Request(SetMode.MAV_MODE_AUTO_ARMED, ""),
                new SetMode.Response(true), new SetMode.Response(false),
                new CommandBool.Request(true), new CommandBool.Request(false),
                new CommandBool.Response(true, 0), new CommandBool.Response(false, 255));
        for (Object m : samples) {
            TypedCodec<Object> c = codecOf(m);
            byte[] b = c.toBytes(m);
            assertEquals(c.encodedSize(m), b.length, c.type());
            assertEquals(m, c.fromBytes(b), c.type());
            assertArrayEquals(b, DynamicCodec.of(c.type()).toBytes(DynamicCodec.of(c.type()).fromBytes(b)), c.type());
        }
        assertArrayEquals(new byte[] {0, 8, 0, 0, 0, 'O', 'F', 'F', 'B', 'O', 'A', 'R', 'D'},
                SetMode.Request.CODEC.toBytes(SetMode.Request.custom("OFFBOARD")));
        assertArrayEquals(new byte[] {1}, CommandBool.Request.CODEC.toBytes(new CommandBool.Request(true)));
    }

    @Test
    void outOfRangeUnsignedFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new State(HEADER, true, true, true, true, "", 256));
        assertThrows(IllegalArgumentException.class, () -> new PositionTarget(HEADER, -1, 0, Point.ORIGIN, Vector3.ZERO, Vector3.ZERO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PositionTarget(HEADER, 8, 0x10000, Point.ORIGIN, Vector3.ZERO, Vector3.ZERO, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SetMode.Request(300, "OFFBOARD"));
        assertThrows(IllegalArgumentException.class, () -> new CommandBool.Response(true, -1));
        assertThrows(NullPointerException.class, () -> new State(HEADER, true, true, true, true, null, 0));
    }

    @Test
    void truncatedForgedAndRandomBytesFailCleanly() {
        List<Object> samples = List.of(new State(HEADER, true, true, false, false, "OFFBOARD", 3),
                PositionTarget.bodyVelocity(HEADER, 1, 0, 0, 0.1), SetMode.Request.custom("AUTO.LAND"),
                new SetMode.Response(true), new CommandBool.Request(true), new CommandBool.Response(true, 0));
        for (Object m : samples) {
            TypedCodec<Object> c = codecOf(m);
            byte[] full = c.toBytes(m);
            for (int cut = 0; cut < full.length; cut++) {
                byte[] part = Arrays.copyOf(full, cut);
                MessageFormatException e = assertThrows(MessageFormatException.class, () -> c.fromBytes(part), c.type() + " cut at " + cut);
                assertTrue(e.getMessage().contains(c.type()) || e.getMessage().contains("truncated")
                        || e.getMessage().contains("exceeds"), e.getMessage());
            }
            byte[] longer = Arrays.copyOf(full, full.length + 3);
            assertThrows(MessageFormatException.class, () -> c.fromBytes(longer), c.type() + " trailing bytes");
        }
        // a State whose mode string claims 4 GB: refused before allocating
        byte[] state = State.CODEC.toBytes(new State(HEADER, true, true, false, false, "OFFBOARD", 3));
        int modeAt = Header.CODEC.encodedSize(HEADER) + 4;
        ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN).putInt(modeAt, 0xFFFF_FFFF);
        assertThrows(MessageFormatException.class, () -> State.CODEC.fromBytes(state));
        // random bytes: a message or a MessageFormatException, nothing else
        Random r = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(120)];
            r.nextBytes(junk);
            for (TypedCodec<?> c : List.of(State.CODEC, PositionTarget.CODEC, SetMode.Request.CODEC, CommandBool.Response.CODEC)) {
                try {
                    c.fromBytes(junk);
                } catch (MessageFormatException expected) {
                    // fine
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static TypedCodec<Object> codecOf(Object m) {
        String type;
        if (m instanceof State) {
            type = "mavros_msgs/State";
        } else if (m instanceof PositionTarget) {
            type = "mavros_msgs/PositionTarget";
        } else {
            // service halves: SetMode.Request -> mavros_msgs/SetModeRequest
            Class<?> c = m.getClass();
            type = "mavros_msgs/" + c.getEnclosingClass().getSimpleName() + c.getSimpleName();
        }
        return (TypedCodec<Object>) Messages.typed(type).orElseThrow();
    }
}
