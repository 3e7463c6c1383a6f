package org.liquidpilot.bags.mcap;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.bags.RecordingWriter;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The Debian-written bags of the test resources as MCAP sources, and what a recording holds, message by message. */
final class McapFixtures {
    private McapFixtures() {}

    static Path bag(String name) {
        try {
            return Path.of(McapFixtures.class.getResource("/bags/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource bags/" + name, e);
        }
    }

    /** One message with everything a conversion must keep: topic, time, full connection header, payload digest. */
    record Msg(String topic, long time, Map<String, String> connection, int length, String sha256) {}

    static List<Msg> messages(Recording r) {
        List<Msg> out = new ArrayList<>();
        for (BagMessage m : r.messages(BagQuery.all())) out.add(msg(m));
        return out;
    }

    static Msg msg(BagMessage m) {
        return new Msg(m.topic(), m.time(), m.connection().fields(), m.data().remaining(), sha256(m.bytes()));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code bag} rewritten as a ros1-profile MCAP. */
    static Path toMcap(Path bag, Path out, McapCompression c, int chunkSize) throws IOException {
        try (BagReader in = BagReader.open(bag); RecordingWriter w = McapRos1Writer.create(out, c, chunkSize)) {
            RecordingWriter.copy(in, w);
        }
        return out;
    }

    /** A std_msgs/String in CDR: encapsulation header (little-endian CDR), uint32 length with the NUL, bytes, NUL. */
    static ByteBuffer cdrString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + b.length + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0, 1, 0, 0}).putInt(b.length + 1).put(b).put((byte) 0);
        return out.flip();
    }
}
