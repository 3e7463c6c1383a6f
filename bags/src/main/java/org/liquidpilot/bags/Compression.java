package org.liquidpilot.bags;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Chunk compression as rosbag names it in a chunk's {@code compression} field. */
public enum Compression {
    NONE("none"),
    BZ2("bz2"),
    LZ4("lz4");

    private final String id;

    Compression(String id) {
        this.id = id;
    }

    /** The name in the bag and on the command line. */
    public String id() {
        return id;
    }

    public static Compression of(String id) {
        for (Compression c : values()) {
            if (c.id.equals(id.toLowerCase(Locale.ROOT))) return c;
        }
        throw new IllegalArgumentException("unknown compression '" + id + "' (none, bz2 or lz4)");
    }

    /** Compressed form of {@code len} bytes at {@code off}. */
    public byte[] compress(byte[] src, int off, int len) {
        return switch (this) {
            case NONE -> java.util.Arrays.copyOfRange(src, off, off + len);
            case LZ4 -> Lz4Frames.compress(src, off, len);
            case BZ2 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(len / 4 + 64);
                try (BZip2CompressorOutputStream bz = new BZip2CompressorOutputStream(out, 9)) {
                    bz.write(src, off, len);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                yield out.toByteArray();
            }
        };
    }

    /** No chunk is allowed to claim more than this uncompressed; rosbag's chunks are ~1 MiB. */
    public static final int MAX_CHUNK = 256 << 20;

    /**
     * Decompresses {@code len} bytes at {@code off} of a chunk whose header declares {@code size} uncompressed bytes.
     * Memory is bounded by what the compressed bytes can possibly expand to, so a lying size cannot exhaust the heap.
     *
     * @param partial keep what decodes from a cut-off chunk instead of failing (recovery)
     * @return the uncompressed bytes: exactly {@code size} of them unless {@code partial} and the data ended early
     */
    public byte[] decompress(java.nio.ByteBuffer src, int off, int len, int size, boolean partial) {
        if (size < 0 || size > MAX_CHUNK) {
            throw new BagFormatException("chunk claims " + Integer.toUnsignedString(size) + " uncompressed bytes (limit " + MAX_CHUNK + ")");
        }
        byte[] out;
        int n;
        switch (this) {
            case NONE -> {
                if (len > size || (len < size && !partial)) {
                    throw new BagFormatException("uncompressed chunk holds " + len + " bytes, its header says " + size);
                }
                out = new byte[len];
                src.get(off, out);
                return out;
            }
            case LZ4 -> {
                // LZ4 expands at most 255-fold.
                if (size > 255L * len + 64) throw new BagFormatException("lz4 chunk of " + len + " bytes cannot hold " + size);
                out = new byte[size];
                n = Lz4Frames.decompress(src, off, len, out, partial);
            }
            default -> {
                byte[] packed = new byte[len];
                src.get(off, packed);
                return bunzip(packed, size, partial);
            }
        }
        if (n != size && !partial) throw new BagFormatException(id + " chunk decompressed to " + n + " bytes, its header says " + size);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static byte[] bunzip(byte[] packed, int size, boolean partial) {
        // bz2 can expand enormously, so the buffer grows with the output instead of trusting the declared size.
        byte[] dest = new byte[Math.min(size, Math.max(1 << 16, packed.length * 8))];
        int n = 0;
        try (InputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(packed), false)) {
            while (n < size) {
                if (n == dest.length) dest = java.util.Arrays.copyOf(dest, (int) Math.min(size, 2L * dest.length));
                int r = in.read(dest, n, dest.length - n);
                if (r < 0) break;
                n += r;
            }
            if (n == size && in.read() >= 0) throw new BagFormatException("bz2 chunk holds more bytes than its declared size");
        } catch (IOException | RuntimeException e) {
            if (!partial) {
                if (e instanceof BagFormatException bfe) throw bfe;
                throw new BagFormatException("bz2 chunk does not decompress: " + e.getMessage(), e);
            }
        }
        if (n != size && !partial) throw new BagFormatException("bz2 chunk decompressed to " + n + " bytes, its header says " + size);
        return n == dest.length ? dest : java.util.Arrays.copyOf(dest, n);
    }
}
