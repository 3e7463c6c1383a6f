package org.liquidpilot.bags.mcap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of cut-off MCAP files keeps every complete message before the cut. The ground truth comes from walking
 * the complete file: where each message's record ends in the file (uncompressed chunks) and where each chunk ends.
 */
class McapRecoveryTest {
    /** A message as recovery must give it back, and the file offsets that decide whether it survives a cut. */
    record Placed(int channel, long time, String sha256, long recordEnd, long chunkEnd) {}

    private static final Map<McapCompression, Path> FILES = new EnumMap<>(McapCompression.class);
    private static final Map<McapCompression, List<Placed>> PLACED = new EnumMap<>(McapCompression.class);

    /** many_topics.bag (418 messages) as MCAP in 8 KiB chunks, with every message's place. */
    static synchronized Path source(McapCompression c) {
        return FILES.computeIfAbsent(c, k -> {
            try {
                Path dir = Files.createTempDirectory("mcap-recovery");
                dir.toFile().deleteOnExit();
                Path p = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("many_topics." + c.label() + ".mcap"), c, 8 * 1024);
                p.toFile().deleteOnExit();
                PLACED.put(c, placed(p));
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<Placed> placed(Path mcap) throws IOException {
        List<Placed> out = new ArrayList<>();
        try (McapReader r = McapReader.open(mcap)) {
            for (ChunkIndex ci : r.chunkIndexes()) {
                ByteBuffer rec = r.readAt(ci.chunkStartOffset() + Opcode.PREFIX, ci.chunkLength() - Opcode.PREFIX);
                Records.Chunk chunk = Records.chunk(new RecordReader(rec, 0, rec.limit(), "chunk"));
                byte[] packed = Arrays.copyOfRange(rec.array(), chunk.records(), chunk.records() + (int) chunk.recordsLength());
                ByteBuffer plain = ByteBuffer.wrap(chunk.compression().decompress(packed, chunk.uncompressedSize()));
                long recordsAt = ci.chunkStartOffset() + Opcode.PREFIX + chunk.records();
                long chunkEnd = ci.chunkStartOffset() + ci.chunkLength();
                RecordCursor cur = new RecordCursor(plain, plain.limit(), false, "chunk");
                while (cur.next()) {
                    if (cur.op() != Opcode.MESSAGE) continue;
                    McapMessage m = Records.message(cur.content("message"));
                    // In an uncompressed chunk the records lie in the file as they are; compressed, only the chunk's end counts.
                    long end = chunk.compression() == McapCompression.NONE ? recordsAt + cur.recordEnd() : chunkEnd;
                    out.add(new Placed(m.channelId(), m.logTime(), McapFixtures.sha256(m.bytes()), end, chunkEnd));
                }
            }
        }
        return out;
    }

    private static List<String> keys(List<Placed> ps) {
        return ps.stream().map(p -> p.channel() + " " + p.time() + " " + p.sha256()).toList();
    }

    /** Cuts the source at {@code cut} bytes, recovers it, and returns the messages the output holds, in order. */
    private static List<String> recoverCut(McapCompression c, long cut, Path dir) throws IOException {
        byte[] all = Files.readAllBytes(source(c));
        Path in = dir.resolve("cut-" + cut + ".mcap"), out = dir.resolve("rec-" + cut + ".mcap");
        Files.write(in, Arrays.copyOf(all, (int) cut));
        McapRecovery.Report report = McapRecovery.recover(in, out, null);
        List<String> got = new ArrayList<>();
        try (McapReader r = McapReader.open(out)) {
            for (McapMessage m : r.messages()) got.add(m.channelId() + " " + m.logTime() + " " + McapFixtures.sha256(m.bytes()));
            assertEquals(r.messageCount(), report.messages());
            assertEquals(c, McapCompression.ofChunk(r.chunkIndexes().isEmpty() ? c.id() : r.chunkIndexes().get(0).compression()), "keeps the input's compression");
        }
        Files.delete(in);
        Files.delete(out);
        return got;
    }

    /** Uncompressed: exactly the messages whose records end at or before the cut, at 120 offsets across the file. */
    @Test
    void uncompressedKeepsExactlyTheMessagesBeforeTheCut(@TempDir Path dir) throws IOException {
        Path src = source(McapCompression.NONE);
        List<Placed> all = PLACED.get(McapCompression.NONE);
        long size = Files.size(src);
        int kept = 0;
        for (int i = 0; i < 120; i++) {
            long cut = 8 + (size - 8) * i / 120;
            List<Placed> expected = all.stream().filter(p -> p.recordEnd() <= cut).toList();
            assertEquals(keys(expected), recoverCut(McapCompression.NONE, cut, dir), "cut at " + cut);
            if (expected.stream().anyMatch(p -> p.chunkEnd() > cut)) kept++;
        }
        assertTrue(kept > 50, "most cuts fall inside a chunk and still keep its complete records: " + kept);
    }

    @Property(tries = 40)
    void anyCutOfAnUncompressedFileKeepsEveryMessageBeforeIt(@ForAll @IntRange(min = 8, max = 1 << 30) int at) throws IOException {
        Path dir = Files.createTempDirectory("mcap-cut");
        try {
            long size = Files.size(source(McapCompression.NONE));
            long cut = 8 + at % (size - 8);
            List<Placed> expected = PLACED.get(McapCompression.NONE).stream().filter(p -> p.recordEnd() <= cut).toList();
            assertEquals(keys(expected), recoverCut(McapCompression.NONE, cut, dir), "cut at " + cut);
        } finally {
            Files.delete(dir);
        }
    }

    /** lz4 and zstd: every message of every whole chunk, plus what decodes of the cut chunk; always a prefix of the file. */
    @ParameterizedTest
    @EnumSource(value = McapCompression.class, names = {"LZ4", "ZSTD"})
    void compressedKeepsEveryWholeChunk(McapCompression c, @TempDir Path dir) throws IOException {
        Path src = source(c);
        List<String> all = keys(PLACED.get(c));
        long size = Files.size(src);
        for (int i = 0; i < 60; i++) {
            long cut = 8 + (size - 8) * i / 60;
            List<String> got = recoverCut(c, cut, dir);
            long whole = PLACED.get(c).stream().filter(p -> p.chunkEnd() <= cut).count();
            assertTrue(got.size() >= whole, "cut at " + cut + ": " + got.size() + " < " + whole);
            assertEquals(all.subList(0, got.size()), got, "cut at " + cut + ": a prefix of the file's messages");
        }
        assertEquals(all, recoverCut(c, size - 1, dir), "a cut in the footer loses nothing");
    }

    @Test
    void damagedChunkIsLeftOutAndTheRestKept(@TempDir Path dir) throws IOException {
        Path src = source(McapCompression.ZSTD);
        List<Placed> all = PLACED.get(McapCompression.ZSTD);
        byte[] b = Files.readAllBytes(src);
        long chunk2;
        try (McapReader r = McapReader.open(src)) {
            chunk2 = r.chunkIndexes().get(2).chunkStartOffset();
        }
        b[(int) chunk2 + 80] ^= 0x5A;
        Path in = dir.resolve("damaged.mcap"), out = dir.resolve("out.mcap");
        Files.write(in, b);
        McapRecovery.Report report = McapRecovery.recover(in, out, null);
        assertEquals(1, report.damagedChunks());
        long inChunk2 = all.stream().filter(p -> p.chunkEnd() > chunk2 && p.chunkEnd() - chunk2 < 16 * 1024 && p.chunkEnd() == all.stream()
                .filter(q -> q.chunkEnd() > chunk2).mapToLong(Placed::chunkEnd).min().orElseThrow()).count();
        assertTrue(inChunk2 > 0);
        assertEquals(all.size() - inChunk2, report.messages());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("damaged")), report.notes().toString());
    }

    @Test
    void notMcapIsRefused(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("x.mcap");
        Files.write(in, new byte[] {1, 2, 3});
        assertThrows(McapFormatException.class, () -> McapRecovery.recover(in, dir.resolve("y.mcap"), null));
    }

}
