package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class WireTest {

    @Property(tries = 500)
    void stringSizeMatchesWhatIsWritten(@ForAll String s) {
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Wire.utf8Length(s));
        ByteBuffer out = ByteBuffer.allocate(Wire.stringSize(s)).order(ByteOrder.LITTLE_ENDIAN);
        Wire.writeString(out, s);
        assertEquals(0, out.remaining());
    }

    @Property(tries = 50)
    void loneSurrogatesCountAsOneByte(@ForAll char c) {
        String s = "a" + (char) (0xD800 + (c % 0x800)) + "b";
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Wire.utf8Length(s));
    }
}
