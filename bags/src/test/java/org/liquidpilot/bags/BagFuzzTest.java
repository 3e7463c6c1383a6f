package org.liquidpilot.bags;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Garbage in: random bytes, a real bag with flipped bytes, huge length prefixes. Every entry point either works or
 * throws {@link BagFormatException}; nothing hangs, allocates without bound, or escapes as another exception.
 */
class BagFuzzTest {
    private static final byte[] SMALL = read("many_topics.bag");
    private static final byte[] LZ4 = read("flight_small_lz4.bag");

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(Fixtures.bag(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 100)
    void randomBytesAfterTheMagic(@ForAll @Size(max = 3000) byte[] tail) throws Exception {
        byte[] file = new byte[BagFile.MAGIC.length + tail.length];
        System.arraycopy(BagFile.MAGIC, 0, file, 0, BagFile.MAGIC.length);
        System.arraycopy(tail, 0, file, BagFile.MAGIC.length, tail.length);
        exercise(file);
    }

    @Property(tries = 60)
    void flippedBytesInARealBag(@ForAll("positions") List<Integer> positions, @ForAll byte value) throws Exception {
        byte[] file = (positions.get(0) % 2 == 0 ? SMALL : LZ4).clone();
        for (int p : positions) file[p % file.length] ^= (byte) (value | 1);
        exercise(file);
    }

    @Property(tries = 80)
    void hugeOrNegativeLengthPrefixes(@ForAll @IntRange(min = 0, max = 400) int recordIndex,
                                      @ForAll("lengths") int length, @ForAll boolean dataLength) throws Exception {
        byte[] file = SMALL.clone();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        // Walk top-level records to the chosen one and overwrite its header or data length.
        int pos = BagFile.MAGIC.length;
        for (int i = 0; i < recordIndex && pos + 8 < file.length; i++) {
            int hl = b.getInt(pos);
            int dl = b.getInt(pos + 4 + hl);
            pos += 8 + hl + dl;
        }
        if (pos + 8 >= file.length) return;
        int at = dataLength ? pos + 4 + b.getInt(pos) : pos;
        b.putInt(at, length);
        exercise(file);
    }

    @Property(tries = 100)
    void lz4FramesWithGarbage(@ForAll @Size(min = 0, max = 600) byte[] junk, @ForAll @IntRange(min = 0, max = 1 << 20) int size) {
        byte[] frame = Lz4Frames.compress(junk, 0, junk.length);
        for (int i = 0; i < junk.length && i < frame.length; i += 7) frame[i] ^= junk[i];
        for (boolean partial : new boolean[] {false, true}) {
            try {
                byte[] out = Compression.LZ4.decompress(ByteBuffer.wrap(frame), 0, frame.length, size, partial);
                if (!partial && out.length != size) throw new AssertionError("a whole decode must give the declared size");
            } catch (BagFormatException expected) {
                // rejected cleanly
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(Arbitraries.of(-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFFFFF0, 0, 1, 16 << 20, (16 << 20) + 1),
                Arbitraries.integers());
    }

    private static void exercise(byte[] file) throws IOException {
        Path p = Files.createTempFile("fuzz", ".bag");
        try {
            Files.write(p, file);
            try (BagReader r = BagReader.open(p)) {
                for (BagMessage m : r.messages()) m.bytes();
            } catch (BagFormatException expected) {
                // rejected cleanly
            }
            BagCheck.Result check = BagCheck.check(p);
            if (check.sound()) BagReader.open(p).close();
            Path out = Files.createTempFile("fuzz-out", ".bag");
            try {
                BagRecovery.recover(p, out);
                try (BagReader r = BagReader.open(out)) {
                    for (BagMessage m : r.messages()) m.bytes();
                }
            } catch (BagFormatException expected) {
                // not even a bag header to start from
            } finally {
                Files.deleteIfExists(out);
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
