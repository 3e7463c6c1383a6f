package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liquidpilot.ros.msg.MessageCodec;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagWriterTest {

    @Test
    void rewritingPythonsBagReproducesItByteForByte(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("copy.bag");
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small.bag"));
             BagWriter w = BagWriter.create(copy, Compression.NONE)) {
            for (BagMessage m : r.messages()) w.write(m);
        }
        assertArrayEquals(Files.readAllBytes(Fixtures.bag("flight_small.bag")), Files.readAllBytes(copy));
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void roundTripsEveryCompression(Compression compression, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("rt.bag");
        try (BagReader r = BagReader.open(Fixtures.bag("many_topics.bag"));
             BagWriter w = BagWriter.create(out, compression, 4096)) {
            for (BagMessage m : r.messages()) w.write(m);
        }
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        try (BagReader r = BagReader.open(out)) {
            assertTrue(r.chunkInfos().size() > 10);
            for (ChunkInfo ci : r.chunkInfos()) assertEquals(compression, r.chunkHeader(ci).compression());
        }
    }

    @Test
    void writesThroughACodecAndKeepsConnectionsPerPublisher(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("codec.bag");
        MessageCodec<Float> f32 = new Float32Codec();
        Map<String, String> a = new LinkedHashMap<>(Map.of("type", "std_msgs/Float32", "md5sum", f32.md5sum(),
                "message_definition", f32.definition(), "callerid", "/a"));
        Map<String, String> b = new LinkedHashMap<>(a);
        b.put("callerid", "/b");
        try (BagWriter w = BagWriter.create(out, Compression.LZ4)) {
            for (int i = 0; i < 50; i++) w.write("/alt", f32, (float) i, BagTime.toNanos(100 + i, 0));
            w.write("/pub", a, new byte[] {0, 0, (byte) 0x80, 0x3f}, BagTime.toNanos(200, 5));
            w.write("/pub", b, new byte[] {0, 0, 0, 0x40}, BagTime.toNanos(200, 6));
        }
        try (BagReader r = BagReader.open(out)) {
            assertEquals(3, r.connections().size());
            List<Float> alt = r.read("/alt", f32).map(BagReader.Decoded::message).toList();
            assertEquals(50, alt.size());
            assertEquals(49f, alt.get(49));
            List<BagMessage> pub = r.stream(BagQuery.topics("/pub")).toList();
            assertEquals(List.of("/a", "/b"), pub.stream().map(m -> m.connection().callerid()).toList());
            assertEquals(2f, pub.get(1).decode(f32));
            assertThrows(IllegalArgumentException.class, () -> r.stream(BagQuery.topics("/pub")).findFirst().orElseThrow()
                    .decode(new OtherCodec()));
        }
    }

    @Test
    void outOfOrderTimesComeBackSorted(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("unordered.bag");
        Random rnd = new Random(3);
        List<Long> times = new ArrayList<>();
        Float32Codec f32 = new Float32Codec();
        try (BagWriter w = BagWriter.create(out, Compression.NONE, 200)) {
            for (int i = 0; i < 300; i++) {
                long t = BagTime.toNanos(10 + rnd.nextInt(20), rnd.nextInt(1_000_000_000));
                times.add(t);
                w.write("/t" + (i % 3), f32, (float) i, t);
            }
        }
        times.sort(null);
        try (BagReader r = BagReader.open(out)) {
            assertEquals(times, r.stream(BagQuery.all()).map(BagMessage::time).toList());
            assertTrue(r.chunkInfos().size() > 20);
        }
    }

    @Test
    void anUnclosedWriterLeavesAnUnindexedBagThatRecovers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("crash.bag");
        BagWriter w = BagWriter.create(out, Compression.LZ4, 1000);
        Float32Codec f32 = new Float32Codec();
        for (int i = 0; i < 500; i++) w.write("/x", f32, (float) i, BagTime.toNanos(1, i));
        w.flush();
        // no close: the process "dies" here
        assertThrows(BagUnindexedException.class, () -> BagReader.open(out));
        Path fixed = dir.resolve("fixed.bag");
        BagRecovery.Report rep = BagRecovery.recover(out, fixed);
        assertEquals(500, rep.messages());
        assertEquals(500, Fixtures.read(fixed).size());
    }

    @Test
    void anEmptyBagIsSoundAndEmpty(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("empty.bag");
        BagWriter.create(out, Compression.LZ4).close();
        assertEquals(4117, Files.size(out), "just the version line and the padded header, as python writes it");
        try (BagReader r = BagReader.open(out)) {
            assertEquals(0, r.messageCount());
            assertEquals(0, r.stream(BagQuery.all()).count());
            assertTrue(BagInfo.format(r).contains("version:"));
        }
        assertTrue(BagCheck.check(out).sound());
    }

    @Test
    void hugeConnectionIdsWork(@TempDir Path dir) throws Exception {
        // Another writer may number connections sparsely; the reader must not size anything by the largest id.
        Path src = dir.resolve("src.bag");
        try (BagWriter w = BagWriter.create(src, Compression.NONE)) {
            w.write("/x", new Float32Codec(), 1f, 5);
        }
        byte[] b = Files.readAllBytes(src);
        ByteBuffer bb = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] conn = "conn=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int patched = 0;
        for (int i = 0; i + conn.length + 4 <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + conn.length, conn, 0, conn.length) && bb.getInt(i + conn.length) == 0) {
                bb.putInt(i + conn.length, 0x7FFF_FFF0);
                patched++;
            }
        }
        assertEquals(4, patched, "connection record in the chunk, message, index data, index connection record");
        // The chunk info's data holds (conn, count) pairs: the last 8 bytes of the file here.
        bb.putInt(b.length - 8, 0x7FFF_FFF0);
        Files.write(src, b);
        try (BagReader r = BagReader.open(src)) {
            assertEquals(1, r.stream(BagQuery.topics("/x")).count());
        }
        assertTrue(BagCheck.check(src).sound(), BagCheck.check(src).problem());
    }

    @Test
    void rejectsTimesOutsideRosRange(@TempDir Path dir) throws Exception {
        try (BagWriter w = BagWriter.create(dir.resolve("t.bag"), Compression.NONE)) {
            assertThrows(IllegalArgumentException.class, () -> w.write("/x", new Float32Codec(), 1f, -1));
        }
    }

    /** std_msgs/Float32, written here so the bag tests need nothing but the codec interface. */
    static final class Float32Codec implements MessageCodec<Float> {
        public String type() { return "std_msgs/Float32"; }
        public String md5sum() { return "73fcbf46b49191e672908e50842a83d4"; }
        public String definition() { return "float32 data\n"; }
        public int encodedSize(Float m) { return 4; }
        public void encode(Float m, ByteBuffer out) { out.putFloat(m); }
        public Float decode(ByteBuffer in) { return in.getFloat(); }
    }

    static final class OtherCodec implements MessageCodec<Integer> {
        public String type() { return "std_msgs/Int32"; }
        public String md5sum() { return "da5909fbe378aeaf85e547e830cc1bb7"; }
        public String definition() { return "int32 data\n"; }
        public int encodedSize(Integer m) { return 4; }
        public void encode(Integer m, ByteBuffer out) { out.putInt(m); }
        public Integer decode(ByteBuffer in) { return in.getInt(); }
    }

    /**
     * Equal times keep file order across chunks, whatever the chunks' start times. The case a recorder on simulated
     * time writes: a burst of frames under one clock reading spreads over several small chunks, one of which starts
     * earlier because another topic's message came in under an older reading; read by start time, its frames would
     * come before earlier ones of the same time.
     */
    @Test
    void equalTimesKeepFileOrderAcrossOverlappingChunks(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("order.bag");
        Float32Codec f32 = new Float32Codec();
        try (BagWriter w = BagWriter.create(out, Compression.NONE, 64)) {
            for (int i = 0; i < 4; i++) w.write("/frame", f32, (float) i, 500);
            w.write("/other", f32, -1f, 100);
            for (int i = 4; i < 8; i++) w.write("/frame", f32, (float) i, 500);
            w.write("/frame", f32, 8f, 900);
        }
        try (BagReader r = BagReader.open(out)) {
            assertTrue(r.chunkInfos().size() >= 3, "the test needs several chunks: " + r.chunkInfos());
            assertEquals(List.of(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f), r.read("/frame", f32).map(BagReader.Decoded::message).toList());
        }
    }
}
