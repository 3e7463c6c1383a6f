package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_srvs.SetBool;

class MessagesTest {

    @Test
    void typedCodecWhenTheMd5MatchesElseDynamic() {
        assertSame(Twist.CODEC, Messages.codec("geometry_msgs/Twist"));
        assertSame(Twist.CODEC, Messages.codec("geometry_msgs/Twist", Twist.CODEC.md5sum(), Twist.CODEC.definition()));
        // a peer with another definition of the same name gets a codec built from its own text
        String other = "float32 speed\nfloat32 turn\n";
        MessageCodec<?> c = Messages.codec("geometry_msgs/Twist", "0123456789abcdef0123456789abcdef", other);
        assertInstanceOf(DynamicCodec.class, c);
        assertEquals(MsgRegistry.hex("float32 speed\nfloat32 turn"), c.md5sum());
        assertInstanceOf(DynamicCodec.class, Messages.codec("std_msgs/UInt8MultiArray"), "shipped type without a record");
        assertThrows(InvalidDefinitionException.class, () -> Messages.codec("nope_msgs/Nope"));
    }

    @Test
    void servicesHaveTheirRosMd5() {
        assertEquals("09fb03525b03e7ea1fd3992bafd87e16", SetBool.TYPE.md5sum());
        assertSame(SetBool.TYPE, Messages.service("std_srvs/SetBool").orElseThrow());
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Messages.md5("std_srvs/Empty"));
        assertEquals("std_srvs/SetBoolRequest", SetBool.TYPE.request().type());
        assertEquals("8b94c1b53db61fb6aed406028ad6332a", SetBool.TYPE.request().md5sum()); // genpy SetBoolRequest._md5sum
        assertEquals("bool data # e.g. for hardware enabling / disabling\n", SetBool.TYPE.request().definition());
    }

    @Test
    void timeConversions() {
        Time t = new Time(-1, 999_999_999);
        assertEquals(4294967295L, t.secsUnsigned());
        assertEquals(t, Time.ofNanos(t.toNanos()));
        assertEquals(new Time(1, 500_000_000), Time.ofSeconds(1.5));
        assertThrows(IllegalArgumentException.class, () -> Time.ofNanos(-1));
        assertEquals(new Duration(-2, 500_000_000), Duration.ofNanos(-1_500_000_000L));
        assertEquals(-1.5, Duration.ofNanos(-1_500_000_000L).toSeconds(), 1e-12);
    }
}
