package org.liquidpilot.bags;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bounded record access to a bag file. Files under 2 GiB are memory-mapped once, so uncompressed chunks and
 * message payloads are slices of the page cache rather than copies; larger ones are read piecewise.
 */
final class BagFile implements Closeable {
    static final byte[] MAGIC = "#ROSBAG V2.0\n".getBytes(StandardCharsets.US_ASCII);
    /** Connection headers carry full message definitions (tens of KB); anything past this is garbage. */
    static final int MAX_HEADER = 16 << 20;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer mapped;

    private BagFile(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.mapped = size > 0 && size <= Integer.MAX_VALUE
                ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN) : null;
    }

    static BagFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            BagFile f = new BagFile(path, ch);
            f.checkMagic();
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    private void checkMagic() {
        if (size < MAGIC.length) throw new BagFormatException(path + " is not a bag: too short for the '#ROSBAG V2.0' line");
        ByteBuffer b = slice(0, MAGIC.length);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new BagFormatException(path + " is not a rosbag v2.0 file (it does not start with '#ROSBAG V2.0')");
            }
        }
    }

    /** {@code len} bytes at {@code pos}, little-endian, positioned at 0; fails if they run past the end of the file. */
    ByteBuffer slice(long pos, int len) {
        if (pos < 0 || len < 0 || pos + len > size) {
            throw new BagTruncatedException("the file ends at byte " + size + ", before " + (pos + len));
        }
        if (mapped != null) return mapped.slice((int) pos, len).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining()) {
                if (channel.read(b, pos + b.position()) < 0) throw new BagTruncatedException("the file ends early at " + pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.flip();
    }

    /** The record at {@code pos}; its data must lie within the file. */
    RawRecord record(long pos) {
        if (size - pos < 4) throw new BagTruncatedException("the file ends at byte " + size + " inside a record at " + pos);
        long headerLen = Integer.toUnsignedLong(slice(pos, 4).getInt(0));
        if (headerLen > MAX_HEADER) {
            throw new BagFormatException("record at byte " + pos + " claims a " + headerLen + "-byte header");
        }
        if (pos + 4 + headerLen + 4 > size) {
            throw new BagTruncatedException("record at byte " + pos + " is cut off by the end of the file at " + size);
        }
        RecordHeader header = RecordHeader.parse(slice(pos + 4, (int) headerLen), 0, (int) headerLen);
        long dataLen = Integer.toUnsignedLong(slice(pos + 4 + headerLen, 4).getInt(0));
        long dataPos = pos + 8 + headerLen;
        if (dataLen > Integer.MAX_VALUE) throw new BagFormatException("record at byte " + pos + " claims " + dataLen + " bytes of data");
        if (dataPos + dataLen > size) {
            throw new BagTruncatedException("record at byte " + pos + " (" + (header.has("op") ? Op.name(header.op()) : "no op")
                    + ") has " + dataLen + " bytes of data but the file ends at " + size);
        }
        return new RawRecord(pos, header, dataPos, (int) dataLen, dataLen);
    }

    /**
     * The record at {@code pos} for recovery: a record whose data is cut off by the end of the file comes back with
     * the bytes that exist ({@link RawRecord#cut()}); null when not even its header is there.
     */
    RawRecord recordAllowingCut(long pos) {
        if (size - pos < 4) return null;
        long headerLen = Integer.toUnsignedLong(slice(pos, 4).getInt(0));
        if (headerLen > MAX_HEADER) throw new BagFormatException("record at byte " + pos + " claims a " + headerLen + "-byte header");
        if (pos + 4 + headerLen + 4 > size) return null;
        RecordHeader header = RecordHeader.parse(slice(pos + 4, (int) headerLen), 0, (int) headerLen);
        long dataLen = Integer.toUnsignedLong(slice(pos + 4 + headerLen, 4).getInt(0));
        long dataPos = pos + 8 + headerLen;
        if (dataLen > Integer.MAX_VALUE) throw new BagFormatException("record at byte " + pos + " claims " + dataLen + " bytes of data");
        int available = (int) Math.min(dataLen, size - dataPos);
        return new RawRecord(pos, header, dataPos, available, dataLen);
    }

    ByteBuffer data(RawRecord r) {
        return slice(r.dataPos(), r.dataLength());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
