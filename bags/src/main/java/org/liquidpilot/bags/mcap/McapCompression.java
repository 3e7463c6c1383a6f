package org.liquidpilot.bags.mcap;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Chunk compression as the MCAP registry names it: none (the empty string), {@code lz4} (the LZ4 frame format) and
 * {@code zstd}. Decompression grows its output with what actually decodes, never with what a chunk claims, so a
 * forged uncompressed size costs nothing.
 */
public enum McapCompression {
    NONE(""), LZ4("lz4"), ZSTD("zstd");

    /** The largest chunk accepted, compressed or not: far above what any writer produces (a few MiB). */
    public static final long MAX_CHUNK = 256L << 20;
    /** Small independent LZ4 blocks, so that recovery of a cut-off lz4 chunk loses at most 64 KiB of records. */
    private static final LZ4FrameOutputStream.BLOCKSIZE LZ4_BLOCK = LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB;
    private static final int ZSTD_LEVEL = 3;

    private final String id;

    McapCompression(String id) {
        this.id = id;
    }

    /** The name in a chunk record. */
    public String id() {
        return id;
    }

    /** The name for people: {@code none}, {@code lz4}, {@code zstd}. */
    public String label() {
        return this == NONE ? "none" : id;
    }

    /** Parses a command-line name ({@code none}, {@code lz4}, {@code zstd}). */
    public static McapCompression of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "none", "" -> NONE;
            case "lz4" -> LZ4;
            case "zstd" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown MCAP compression '" + name + "' (none, lz4, zstd)");
        };
    }

    /** The compression a chunk record names, or a format error for one this reader does not know. */
    static McapCompression ofChunk(String id) {
        for (McapCompression c : values()) if (c.id.equals(id)) return c;
        throw new McapFormatException("chunk compression '" + id + "' is not supported (none, lz4, zstd)");
    }

    byte[] compress(byte[] data, int length) {
        return switch (this) {
            case NONE -> Arrays.copyOf(data, length);
            case ZSTD -> Zstd.compress(Arrays.copyOf(data, length), ZSTD_LEVEL);
            case LZ4 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
                try (LZ4FrameOutputStream lz = new LZ4FrameOutputStream(out, LZ4_BLOCK, LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE)) {
                    lz.write(data, 0, length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                yield out.toByteArray();
            }
        };
    }

    /**
     * Decompresses a whole chunk that must give exactly {@code uncompressedSize} bytes; returns exactly those.
     *
     * @throws McapFormatException when the data does not decode or decodes to another size
     */
    byte[] decompress(byte[] data, long uncompressedSize) {
        if (uncompressedSize < 0 || uncompressedSize > MAX_CHUNK) {
            throw new McapFormatException("chunk claims " + Long.toUnsignedString(uncompressedSize) + " uncompressed bytes");
        }
        if (this == NONE) {
            if (data.length != uncompressedSize) {
                throw new McapFormatException("uncompressed chunk holds " + data.length + " bytes, its record says " + uncompressedSize);
            }
            return data;
        }
        Prefix p = decodePrefix(data, (int) uncompressedSize + 1);
        if (p.failure() != null) throw new McapFormatException(label() + " chunk does not decompress: " + p.failure());
        if (p.length() != uncompressedSize) {
            throw new McapFormatException(label() + " chunk decompresses to " + (p.length() > uncompressedSize ? "more than " : "")
                    + p.length() + " bytes, its record says " + uncompressedSize);
        }
        return p.bytes().length == uncompressedSize ? p.bytes() : Arrays.copyOf(p.bytes(), (int) uncompressedSize);
    }

    /** What a possibly damaged or cut-off compressed stream gave before it ended or failed. */
    record Prefix(byte[] bytes, int length, String failure) {}

    /** Decodes as much of {@code data} as decodes, up to {@code limit} bytes; for recovery of cut-off chunks. */
    Prefix decodePrefix(byte[] data, int limit) {
        if (this == NONE) return new Prefix(data, Math.min(data.length, limit), null);
        byte[] out = new byte[(int) Math.min(limit, Math.max(64 * 1024L, data.length * 4L))];
        int n = 0;
        String failure = null;
        try (InputStream in = stream(new ByteArrayInputStream(data))) {
            while (n < limit) {
                if (n == out.length) out = Arrays.copyOf(out, (int) Math.min(limit, out.length * 2L));
                int r = in.read(out, n, out.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new Prefix(out, n, failure);
    }

    private InputStream stream(InputStream in) throws IOException {
        return switch (this) {
            case LZ4 -> new LZ4FrameInputStream(in);
            case ZSTD -> new ZstdInputStream(in);
            case NONE -> in;
        };
    }
}
