package org.liquidpilot.bags.mcap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liquidpilot.bags.BagFormatException;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.bags.Connection;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.bags.RecordingWriter;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McapRoundTripTest {

    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void debianBagsGoToMcapAndBackUnchanged(McapCompression c, @TempDir Path dir) throws Exception {
        for (String name : List.of("flight_small.bag", "many_topics.bag", "flight_recorded.bag")) {
            Path bag = McapFixtures.bag(name);
            List<McapFixtures.Msg> original;
            try (BagReader r = BagReader.open(bag)) {
                original = McapFixtures.messages(r);
            }
            Path mcap = McapFixtures.toMcap(bag, dir.resolve(name + "." + c.label() + ".mcap"), c, 64 * 1024);
            try (Recording r = Recording.open(mcap)) {
                McapRecording m = assertInstanceOf(McapRecording.class, r);
                assertTrue(m.reader().readFromSummary(), "read through the summary");
                assertTrue(m.reader().chunkIndexes().size() > 1, "several chunks");
                for (ChunkIndex ci : m.reader().chunkIndexes()) assertEquals(c.id(), ci.compression());
                assertEquals(original, McapFixtures.messages(r), name + " as MCAP");
                assertEquals(original.size(), r.messageCount());
            }
            Path back = dir.resolve(name + "." + c.label() + ".bag");
            try (Recording in = Recording.open(mcap); BagWriter w = BagWriter.create(back, Compression.LZ4)) {
                RecordingWriter.copy(in, w);
            }
            try (BagReader r = BagReader.open(back)) {
                assertEquals(original, McapFixtures.messages(r), name + " back to a bag");
            }
        }
    }

    @Test
    void ros1ProfileKeepsCalleridLatchingAndMd5InChannelMetadata(@TempDir Path dir) throws Exception {
        Path mcap = McapFixtures.toMcap(McapFixtures.bag("flight_recorded.bag"), dir.resolve("r.mcap"), McapCompression.ZSTD, 1 << 20);
        try (McapReader r = McapReader.open(mcap)) {
            assertEquals("ros1", r.header().profile());
            McapChannel latched = r.channels().values().stream().filter(ch -> ch.topic().equals("/map_name")).findFirst().orElseThrow();
            assertEquals("true", latched.metadata().get("latching"));
            assertEquals("ros1", latched.messageEncoding());
            McapSchema s = r.schema(latched);
            assertEquals("ros1msg", s.encoding());
            assertEquals("std_msgs/String", s.name());
            assertEquals(StringMessage.CODEC.md5sum(), latched.metadata().get("md5sum"));
            assertEquals(2, r.channels().values().stream().filter(ch -> ch.topic().equals("/chatter")).count(), "one channel per publisher");
        }
    }

    /** Each chunk's message index records point at its messages: every message once, with its time, sorted by time. */
    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void messageIndexesPointAtEveryMessage(McapCompression c, @TempDir Path dir) throws Exception {
        Path mcap = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("ix.mcap"), c, 16 * 1024);
        long indexed = 0;
        try (McapReader r = McapReader.open(mcap)) {
            for (ChunkIndex ci : r.chunkIndexes()) {
                ByteBuffer rec = r.readAt(ci.chunkStartOffset() + Opcode.PREFIX, ci.chunkLength() - Opcode.PREFIX);
                Records.Chunk chunk = Records.chunk(new RecordReader(rec, 0, rec.limit(), "chunk"));
                byte[] packed = java.util.Arrays.copyOfRange(rec.array(), chunk.records(), chunk.records() + (int) chunk.recordsLength());
                ByteBuffer plain = ByteBuffer.wrap(chunk.compression().decompress(packed, chunk.uncompressedSize())).order(ByteOrder.LITTLE_ENDIAN);
                int inChunk = 0;
                RecordCursor cur = new RecordCursor(plain, plain.limit(), false, "chunk");
                while (cur.next()) if (cur.op() == Opcode.MESSAGE) inChunk++;
                long indexBytes = 0, entries = 0;
                for (var e : ci.messageIndexOffsets().entrySet()) {
                    ByteBuffer prefix = r.readAt(e.getValue(), Opcode.PREFIX);
                    assertEquals(Opcode.MESSAGE_INDEX, prefix.get(0));
                    long len = prefix.getLong(1);
                    indexBytes += Opcode.PREFIX + len;
                    RecordReader ix = new RecordReader(r.readAt(e.getValue() + Opcode.PREFIX, len), 0, (int) len, "message index");
                    assertEquals((int) e.getKey(), ix.u16("channel"));
                    long n = ix.u32("entries") / 16;
                    long last = Long.MIN_VALUE;
                    for (long i = 0; i < n; i++) {
                        long time = ix.u64("time"), offset = ix.u64("offset");
                        assertTrue(time >= last, "sorted by time");
                        last = time;
                        McapMessage m = Records.message(new RecordReader(plain, (int) offset + Opcode.PREFIX, (int) plain.getLong((int) offset + 1), "message"));
                        assertEquals(Opcode.MESSAGE, plain.get((int) offset));
                        assertEquals((int) e.getKey(), m.channelId());
                        assertEquals(time, m.logTime());
                        entries++;
                    }
                }
                assertEquals(inChunk, entries, "every message of the chunk is indexed once");
                assertEquals(ci.messageIndexLength(), indexBytes);
                assertEquals(ci.chunkStartOffset() + ci.chunkLength(), ci.messageIndexOffsets().values().stream().mapToLong(Long::longValue).min().orElseThrow(),
                        "the message indexes follow their chunk");
                indexed += entries;
            }
        }
        assertEquals(418, indexed);
    }

    @Test
    void fileWithoutSummaryIsScannedLinearly(@TempDir Path dir) throws Exception {
        Path mcap = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("m.mcap"), McapCompression.LZ4, 16 * 1024);
        List<McapFixtures.Msg> expected;
        try (Recording r = Recording.open(mcap)) {
            expected = McapFixtures.messages(r);
        }
        // Footer with no summary: summary_start, summary_offset_start and summary_crc all 0, as the format allows.
        try (FileChannel f = FileChannel.open(mcap, StandardOpenOption.WRITE)) {
            f.write(ByteBuffer.allocate(20), f.size() - 8 - 20);
        }
        try (Recording r = Recording.open(mcap)) {
            assertFalse(((McapRecording) r).reader().readFromSummary());
            assertEquals(expected, McapFixtures.messages(r));
            assertEquals(418, r.messageCount());
        }
    }

    @Test
    void messagesComeInLogTimeOrderAcrossOverlappingChunks(@TempDir Path dir) throws Exception {
        Path mcap = dir.resolve("o.mcap");
        long[] times = {50, 10, 40, 20, 30, 10, 60, 0};
        try (McapWriter w = McapWriter.create(mcap, new McapWriter.Options("", McapCompression.NONE, 40))) {
            w.addChannel(new McapChannel(7, 0, "/t", "json", Map.of()));
            for (int i = 0; i < times.length; i++) w.write(7, i, times[i], times[i], ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        try (McapReader r = McapReader.open(mcap)) {
            List<Long> got = new ArrayList<>();
            List<Integer> payload = new ArrayList<>();
            for (McapMessage m : r.messages()) {
                got.add(m.logTime());
                payload.add((int) m.data().get(0));
            }
            assertEquals(List.of(0L, 10L, 10L, 20L, 30L, 40L, 50L, 60L), got);
            assertEquals(List.of(7, 1, 5, 3, 4, 2, 0, 6), payload, "equal times keep file order");
            assertTrue(r.chunkIndexes().size() > 2);
            List<Long> window = new ArrayList<>();
            for (McapMessage m : r.messages(Set.of(7), 20, 40)) window.add(m.logTime());
            assertEquals(List.of(20L, 30L, 40L), window);
        }
    }

    @Test
    void ros2ProfileIsReadAtContainerLevelAndRefusedForDecoding(@TempDir Path dir) throws Exception {
        Path mcap = dir.resolve("ros2.mcap");
        try (McapWriter w = McapWriter.create(mcap, new McapWriter.Options("ros2", McapCompression.ZSTD, 1024))) {
            w.addSchema(new McapSchema(1, "std_msgs/msg/String", "ros2msg", "string data".getBytes(StandardCharsets.UTF_8)));
            w.addChannel(new McapChannel(1, 1, "/chatter", "cdr", Map.of("offered_qos_profiles", "")));
            for (int i = 0; i < 100; i++) w.write(1, i, 1_000_000_000L * i, 1_000_000_000L * i, McapFixtures.cdrString("hello " + i));
        }
        try (Recording r = Recording.open(mcap)) {
            assertEquals(100, r.messageCount());
            Connection c = r.connections().get(1);
            assertEquals("std_msgs/msg/String", c.type());
            assertEquals("string data", c.messageDefinition());
            int i = 0;
            for (var m : r.messages(org.liquidpilot.bags.BagQuery.all())) {
                assertArrayEquals(McapFixtures.cdrString("hello " + i++).array(), m.bytes());
            }
            BagFormatException e = assertThrows(BagFormatException.class, () -> r.requireRos1("training"));
            assertTrue(e.getMessage().contains("ros2 profile") && e.getMessage().contains("cdr"), e.getMessage());
            assertThrows(BagFormatException.class, () -> r.codec(c));
        }
    }

    @Test
    void damagedChunkFailsItsCrc(@TempDir Path dir) throws Exception {
        Path mcap = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("c.mcap"), McapCompression.NONE, 16 * 1024);
        long chunkPos;
        try (McapReader r = McapReader.open(mcap)) {
            chunkPos = r.chunkIndexes().get(1).chunkStartOffset();
        }
        byte[] b = Files.readAllBytes(mcap);
        b[(int) chunkPos + 200] ^= 0x10;
        Files.write(mcap, b);
        McapFormatException e = assertThrows(McapFormatException.class, () -> McapReader.open(mcap).close());
        assertTrue(e.getMessage().contains("data section CRC"), e.getMessage());
        // With the data section CRC left out (0, as writers may), the chunk's own CRC catches it when the chunk is read.
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long summaryStart = bb.getLong(b.length - 8 - 20);
        bb.putInt((int) summaryStart - 4, 0);
        Files.write(mcap, b);
        try (McapReader r = McapReader.open(mcap)) {
            McapFormatException c = assertThrows(McapFormatException.class, () -> r.messages().forEach(m -> { }));
            assertTrue(c.getMessage().contains("fails its CRC"), c.getMessage());
            assertFalse(c.getMessage().contains("\n"));
        }
    }

    @Test
    void cutOffFileNamesRecovery(@TempDir Path dir) throws Exception {
        Path mcap = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("t.mcap"), McapCompression.NONE, 16 * 1024);
        byte[] b = Files.readAllBytes(mcap);
        Path cut = dir.resolve("cut.mcap");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        McapFormatException e = assertThrows(McapFormatException.class, () -> Recording.open(cut).close());
        assertTrue(e.getMessage().contains("bag recover"), e.getMessage());
        Path notMcap = dir.resolve("x.mcap");
        Files.writeString(notMcap, "hello, world");
        assertThrows(BagFormatException.class, () -> Recording.open(notMcap).close());
    }
}
