package org.liquidpilot.ros.tcpros;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionHeaderTest {

    private static Map<String, byte[]> captured() throws IOException {
        try (InputStream in = ConnectionHeaderTest.class.getResourceAsStream("/tcpros/raw_handshakes.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(l -> l.split(": ", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> HexFormat.of().parseHex(p[1].trim())));
        }
    }

    @Test
    void decodesAndReencodesRospysPublisherReplyByteForByte() throws IOException {
        byte[] good = captured().get("good");
        ByteArrayInputStream in = new ByteArrayInputStream(good);
        ConnectionHeader h = ConnectionHeader.read(in);
        assertEquals(Map.of("callerid", "/sa_pub", "latching", "0", "md5sum", "992ce8a1687cec8c8bd883ec73ca41d1",
                "message_definition", "string data\n", "topic", "/sa_chatter", "type", "std_msgs/String"), h.fields());
        byte[] header = java.util.Arrays.copyOf(good, good.length - in.available());
        assertArrayEquals(header, h.encode()); // rospy sorts the keys as we do
        FrameReader frames = new FrameReader(in);
        java.nio.ByteBuffer msg = frames.next();
        assertEquals(9, msg.remaining()); // the latched-less first message: "hello" as a std_msgs/String
        assertEquals(5, msg.getInt());
    }

    @Test
    void errorRepliesAreOneField() throws IOException {
        ConnectionHeader bad = ConnectionHeader.read(new ByteArrayInputStream(captured().get("bad_md5")));
        assertEquals(List.of("error"), List.copyOf(bad.fields().keySet()));
        assertArrayEquals(captured().get("missing_md5"), ConnectionHeader.error("Missing required 'md5sum' field").encode());
    }

    @Test
    void aFourGigabytePrefixIsRefusedBeforeAllocating() {
        byte[] prefix = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(TcpRosFormatException.class, () -> ConnectionHeader.read(new ByteArrayInputStream(prefix)));
        assertThrows(TcpRosFormatException.class, () -> new FrameReader(new ByteArrayInputStream(prefix)).next());
        // a claimed 100 MB frame that never arrives costs only what arrived
        byte[] claim = {0, 0, 0, 6, 1, 2, 3};
        assertThrows(EOFException.class, () -> new FrameReader(new ByteArrayInputStream(claim)).next());
    }

    @Property(tries = 500)
    void randomBytesFailCleanly(@ForAll @Size(max = 200) byte[] junk) {
        try {
            ConnectionHeader.read(new ByteArrayInputStream(junk));
        } catch (TcpRosFormatException | IOException expected) {
            // a clean rejection
        }
        try {
            ConnectionHeader.decodeFields(junk);
        } catch (TcpRosFormatException expected) {
            // a clean rejection
        }
    }

    @Property(tries = 300)
    void truncatedOrCorruptedCapturedHeadersFailCleanly(@ForAll @IntRange(min = 0, max = 400) int cut,
                                                       @ForAll @IntRange(min = 0, max = 400) int flip) throws IOException {
        for (byte[] real : captured().values()) {
            byte[] t = java.util.Arrays.copyOf(real, Math.min(cut, real.length));
            byte[] f = real.clone();
            f[flip % f.length] ^= (byte) 0xa5;
            for (byte[] bytes : List.of(t, f)) {
                try {
                    ConnectionHeader.read(new ByteArrayInputStream(bytes));
                } catch (TcpRosFormatException | IOException expected) {
                    // a clean rejection
                }
            }
        }
    }
}
