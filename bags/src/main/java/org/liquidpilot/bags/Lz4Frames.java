package org.liquidpilot.bags;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The LZ4 frame format as ROS's roslz4 writes it: magic, FLG {@code 0x64} (version 1, independent blocks, content
 * checksum), BD {@code 0x60} (1 MiB blocks), header checksum, blocks, end mark, xxHash32 of the content. Decoding
 * accepts any frame with independent blocks; it works straight on arrays so a chunk costs one pass of liblz4.
 */
final class Lz4Frames {
    private Lz4Frames() {}

    static final int MAGIC = 0x184D2204;
    private static final int BLOCK_SIZE = 1 << 20;
    private static final int FLG = 0x64;
    private static final int BD = 0x60;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    private static final XXHash32 XXH = XXHashFactory.fastestInstance().hash32();

    static byte[] compress(byte[] src, int off, int len) {
        int blocks = Math.max(1, (len + BLOCK_SIZE - 1) / BLOCK_SIZE);
        byte[] out = new byte[7 + blocks * (4 + COMPRESSOR.maxCompressedLength(BLOCK_SIZE)) + 8];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put((byte) FLG).put((byte) BD);
        b.put((byte) ((XXH.hash(out, 4, 2, 0) >> 8) & 0xFF));
        for (int p = 0; p < len; p += BLOCK_SIZE) {
            int n = Math.min(BLOCK_SIZE, len - p);
            // Always a compressed block, as roslz4 writes them: some readers handle no other kind.
            int c = COMPRESSOR.compress(src, off + p, n, out, b.position() + 4, out.length - b.position() - 4);
            b.putInt(c);
            b.position(b.position() + c);
        }
        b.putInt(0);
        b.putInt(XXH.hash(src, off, len, 0));
        return java.util.Arrays.copyOf(out, b.position());
    }

    /**
     * Decodes a frame of {@code len} bytes at {@code off} into {@code dest}, which is the expected uncompressed size.
     *
     * @param partial when true (recovery), a frame cut off after some blocks yields the bytes of its complete
     *                blocks instead of an error
     * @return the number of bytes written
     */
    static int decompress(ByteBuffer src, int off, int len, byte[] dest, boolean partial) {
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.wrap(dest);
        int end = off + len;
        if (len < 7) throw new BagFormatException("lz4 frame of " + len + " bytes is too short");
        if (b.getInt(off) != MAGIC) throw new BagFormatException("lz4 chunk does not start with the LZ4 frame magic");
        int flg = b.get(off + 4) & 0xFF;
        int bd = b.get(off + 5) & 0xFF;
        if ((flg >> 6) != 1) throw new BagFormatException("lz4 frame version " + (flg >> 6) + " is not 1");
        if ((flg & 0x20) == 0) throw new BagFormatException("lz4 frames with linked blocks are not supported");
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean contentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        boolean dictId = (flg & 0x01) != 0;
        int maxBlock = switch ((bd >> 4) & 7) {
            case 4 -> 64 << 10;
            case 5 -> 256 << 10;
            case 6 -> 1 << 20;
            case 7 -> 4 << 20;
            default -> throw new BagFormatException("lz4 frame with block size id " + ((bd >> 4) & 7));
        };
        int p = off + 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0);
        if (p >= end) throw new BagFormatException("lz4 frame header is cut off");
        int hc = (XXH.hash(b, off + 4, p - off - 4, 0) >> 8) & 0xFF;
        if ((b.get(p) & 0xFF) != hc) throw new BagFormatException("lz4 frame header checksum mismatch");
        p++;
        int written = 0;
        while (true) {
            if (end - p < 4) {
                if (partial) return written;
                throw new BagFormatException("lz4 frame is cut off before its end mark");
            }
            int word = b.getInt(p);
            p += 4;
            if (word == 0) break;
            boolean stored = word < 0;
            int size = word & 0x7FFFFFFF;
            if (size > maxBlock) throw new BagFormatException("lz4 block of " + size + " bytes exceeds the frame's block size");
            if (size > end - p - (blockChecksum ? 4 : 0)) {
                if (partial) return written;
                throw new BagFormatException("lz4 block runs past the end of the chunk");
            }
            if (stored) {
                if (size > dest.length - written) throw new BagFormatException("lz4 data exceeds the chunk's declared size");
                b.get(p, dest, written, size);
                written += size;
            } else {
                try {
                    written += DECOMPRESSOR.decompress(b, p, size, out, written, dest.length - written);
                } catch (LZ4Exception e) {
                    if (partial) return written;
                    throw new BagFormatException("lz4 block is corrupt or exceeds the chunk's declared size", e);
                }
            }
            p += size + (blockChecksum ? 4 : 0);
        }
        if (contentChecksum) {
            if (end - p < 4) {
                if (partial) return written;
                throw new BagFormatException("lz4 frame is cut off before its checksum");
            }
            if (b.getInt(p) != XXH.hash(dest, 0, written, 0)) {
                if (partial) return written;
                throw new BagFormatException("lz4 frame content checksum mismatch");
            }
        }
        return written;
    }
}
