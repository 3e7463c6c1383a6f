package org.liquidpilot.bags.mcap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.liquidpilot.bags.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Garbage in: random bytes after the magic, real MCAP files (none, lz4, zstd) with flipped bytes, cut off at random
 * lengths, and with huge values written over record lengths and other fields. The reader either reads the file or
 * throws {@link McapFormatException}; recovery returns and writes a sound file; nothing hangs, and no case allocates
 * more than a fixed bound however large a length it meets.
 */
class McapFuzzTest {
    /** Far below what believing any forged length (up to 2^63) would take; the inputs are about 100 KiB. */
    private static final long ALLOCATION_BOUND = 96L << 20;
    /** The three compressions, then the same files with every CRC set to 0 ("not computed"), so damage reaches the parsers. */
    private static final byte[][] SOURCES = {source(McapCompression.NONE), source(McapCompression.LZ4), source(McapCompression.ZSTD),
            withoutCrcs(source(McapCompression.NONE)), withoutCrcs(source(McapCompression.LZ4)), withoutCrcs(source(McapCompression.ZSTD))};

    private static byte[] source(McapCompression c) {
        try {
            Path dir = Files.createTempDirectory("mcap-fuzz");
            Path p = McapFixtures.toMcap(McapFixtures.bag("many_topics.bag"), dir.resolve("m.mcap"), c, 8 * 1024);
            byte[] b = Files.readAllBytes(p);
            Files.delete(p);
            Files.delete(dir);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withoutCrcs(byte[] file) {
        try {
            Path p = Files.createTempFile("mcap-fuzz", ".mcap");
            Files.write(p, file);
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            try (McapReader r = McapReader.open(p)) {
                // uncompressed_crc follows the record prefix and three uint64 fields
                for (ChunkIndex ci : r.chunkIndexes()) b.putInt((int) ci.chunkStartOffset() + Opcode.PREFIX + 24, 0);
            } finally {
                Files.delete(p);
            }
            long summaryStart = b.getLong(file.length - 8 - 20);
            b.putInt((int) summaryStart - 4, 0);
            b.putInt(file.length - 8 - 4, 0);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 80)
    void randomBytesAfterTheMagic(@ForAll @Size(max = 4000) byte[] tail) throws Exception {
        byte[] file = new byte[McapWriter.MAGIC.length + tail.length];
        System.arraycopy(McapWriter.MAGIC, 0, file, 0, McapWriter.MAGIC.length);
        System.arraycopy(tail, 0, file, McapWriter.MAGIC.length, tail.length);
        exercise(file);
    }

    @Property(tries = 200)
    void flippedBytes(@ForAll @IntRange(min = 0, max = 5) int source, @ForAll("positions") List<Integer> positions, @ForAll byte value) throws Exception {
        byte[] file = SOURCES[source].clone();
        for (int p : positions) file[p % file.length] ^= (byte) (value | 1);
        exercise(file);
    }

    @Property(tries = 60)
    void truncated(@ForAll @IntRange(min = 0, max = 5) int source, @ForAll @IntRange(min = 0, max = 1 << 30) int at) throws Exception {
        byte[] file = SOURCES[source];
        exercise(java.util.Arrays.copyOf(file, at % file.length));
    }

    /** A record's uint64 length, or 4/8 bytes anywhere (string, map, array and chunk lengths), set to a huge value. */
    @Property(tries = 250)
    void hugeLengthFields(@ForAll @IntRange(min = 0, max = 5) int source, @ForAll @IntRange(min = 0, max = 200) int recordIndex,
                          @ForAll("huge") long value, @ForAll boolean anywhere, @ForAll @IntRange(min = 0, max = 1 << 30) int at) throws Exception {
        byte[] file = SOURCES[source].clone();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (anywhere) {
            int pos = 8 + at % (file.length - 16);
            if (at % 2 == 0) b.putInt(pos, (int) value);
            else b.putLong(pos, value);
        } else {
            int pos = McapWriter.MAGIC.length;
            for (int i = 0; i < recordIndex && pos + 9 < file.length - 8; i++) pos += (int) (Opcode.PREFIX + b.getLong(pos + 1));
            if (pos + 9 >= file.length - 8) return;
            b.putLong(pos + 1, value);
        }
        exercise(file);
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(8, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Long> huge() {
        return Arbitraries.oneOf(Arbitraries.of(-1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 0xFFFF_FFFFL, 0x7FFF_FFFFL, 1L << 40, 300_000_000L),
                Arbitraries.longs());
    }

    private static void exercise(byte[] file) throws Exception {
        Path dir = Files.createTempDirectory("mcap-fuzz");
        Path in = dir.resolve("in.mcap"), out = dir.resolve("out.mcap");
        Files.write(in, file);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long before = mx.getCurrentThreadAllocatedBytes();
                read(in);
                try {
                    McapRecovery.Report r = McapRecovery.recover(in, out, null);
                    try (McapReader back = McapReader.open(out)) {
                        long n = 0;
                        for (McapMessage m : back.messages()) n++;
                        assertEquals(r.messages(), n, "recovery writes a sound file with what it reports");
                    }
                } catch (McapFormatException noMagic) {
                    assertTrue(noMagic.getMessage().contains("magic"), noMagic.getMessage());
                }
                long used = mx.getCurrentThreadAllocatedBytes() - before;
                assertTrue(used < ALLOCATION_BOUND, "allocated " + used + " bytes for a " + file.length + "-byte file");
            });
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.delete(dir);
        }
    }

    /** Everything a command does with a file: open, info, every message, and through the Recording interface. */
    private static void read(Path in) throws IOException {
        try (McapReader r = McapReader.open(in)) {
            McapInfo.format(r);
            for (McapMessage m : r.messages()) m.data().remaining();
        } catch (McapFormatException expected) {
            return;
        }
        try (Recording r = Recording.open(in)) {
            for (var m : r.messages(org.liquidpilot.bags.BagQuery.all())) {
                try {
                    r.decode(m);
                } catch (RuntimeException undecodable) {
                    // a flipped payload byte may not decode; the container read is what is under test here
                }
            }
        }
    }
}
