package org.liquidpilot.bags;

import org.liquidpilot.ros.msg.MessageCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a rosbag v2.0 file laid out exactly as python's {@code rosbag.Bag} writes one: the 4096-byte padded header,
 * chunks of about {@code chunkThreshold} uncompressed bytes each followed by their index data records, then the
 * connection and chunk info records. The header's index position stays 0 until {@link #close}, so a crash leaves a
 * file that {@link BagRecovery} (or Debian's {@code rosbag reindex}) repairs.
 * <pre>{@code
 * try (BagWriter bag = BagWriter.create(path, Compression.LZ4)) {
 *     bag.write("/cmd_vel", Twist.CODEC, twist, time);
 * }
 * }</pre>
 * Thread-safe: recorder callbacks may write from several threads.
 */
public final class BagWriter implements RecordingWriter {
    /** rosbag's default: a chunk closes once its uncompressed size exceeds 768 KiB. */
    public static final int DEFAULT_CHUNK_THRESHOLD = 768 * 1024;
    private static final int FILE_HEADER_LENGTH = 4096;

    private final Path path;
    private final FileChannel out;
    private final Compression compression;
    private final int chunkThreshold;
    private final ChunkBuffer chunk = new ChunkBuffer(1 << 20);
    private final Map<ConnectionKey, Connection> byKey = new HashMap<>();
    private final List<Connection> connections = new ArrayList<>();
    private final List<ChunkInfo> chunkInfos = new ArrayList<>();
    /** Index entries of the open chunk per connection id, in first-appearance order: time, offset pairs. */
    private final LinkedHashMap<Integer, long[]> openIndex = new LinkedHashMap<>();
    private final Map<Integer, Integer> openCounts = new LinkedHashMap<>();
    private long chunkStart;
    private long chunkEnd;
    private long position;
    private boolean closed;

    private record ConnectionKey(String topic, Map<String, String> header) {}

    private BagWriter(Path path, Compression compression, int chunkThreshold) throws IOException {
        if (chunkThreshold < 0) throw new IllegalArgumentException("chunk threshold must be >= 0");
        this.path = path;
        this.compression = compression;
        this.chunkThreshold = chunkThreshold;
        this.out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        writeFully(ByteBuffer.wrap(BagFile.MAGIC));
        writeFileHeader(0, 0, 0);
    }

    public static BagWriter create(Path path, Compression compression) throws IOException {
        return new BagWriter(path, compression, DEFAULT_CHUNK_THRESHOLD);
    }

    public static BagWriter create(Path path, Compression compression, int chunkThreshold) throws IOException {
        return new BagWriter(path, compression, chunkThreshold);
    }

    @Override
    public Path path() {
        return path;
    }

    /** Serializes {@code message} with {@code codec} into the bag at bag time {@code time} (nanoseconds). */
    public synchronized <T> void write(String topic, MessageCodec<T> codec, T message, long time) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("topic", topic);
        header.put("type", codec.type());
        header.put("md5sum", codec.md5sum());
        header.put("message_definition", codec.definition());
        Connection c = connection(topic, header);
        int size = codec.encodedSize(message);
        ByteBuffer buf = beginMessage(c, time, size);
        int start = buf.position();
        codec.encode(message, buf);
        if (buf.position() - start != size) {
            throw new IllegalStateException(codec.type() + " codec wrote " + (buf.position() - start) + " bytes, announced " + size);
        }
        endMessage();
    }

    /**
     * Writes already serialized bytes. {@code connectionHeader} holds at least {@code type}, {@code md5sum} and
     * {@code message_definition} (and may hold {@code callerid}, {@code latching}); messages with the same topic and
     * header share a connection, so two publishers on one topic get two connections, as the C++ recorder does.
     */
    @Override
    public synchronized void write(String topic, Map<String, String> connectionHeader, ByteBuffer data, long time) {
        if (!connectionHeader.containsKey("type") || !connectionHeader.containsKey("md5sum")) {
            throw new IllegalArgumentException("connection header for " + topic + " needs 'type' and 'md5sum'");
        }
        Map<String, String> header = connectionHeader;
        if (!header.containsKey("topic")) {
            header = new LinkedHashMap<>();
            header.put("topic", topic);
            header.putAll(connectionHeader);
        }
        Connection c = connection(topic, header);
        ByteBuffer buf = beginMessage(c, time, data.remaining());
        buf.put(data.duplicate());
        endMessage();
    }

    @Override
    public void write(String topic, Map<String, String> connectionHeader, byte[] data, long time) {
        write(topic, connectionHeader, ByteBuffer.wrap(data), time);
    }

    /** Copies a message read from another bag, keeping its connection header. */
    public void write(BagMessage message) {
        write(message.topic(), message.connection().fields(), message.data(), message.time());
    }

    private Connection connection(String topic, Map<String, String> header) {
        ConnectionKey key = new ConnectionKey(topic, header);
        Connection c = byKey.get(key);
        if (c != null) return c;
        checkOpen();
        c = new Connection(connections.size(), topic, RecordHeader.ofStrings(header));
        byKey.put(new ConnectionKey(topic, Map.copyOf(header)), c);
        connections.add(c);
        // As python's writer does: a connection record goes into the chunk where the connection first appears,
        // so a reader walking chunks (reindex, recovery) finds it before its messages.
        writeConnectionRecord(chunk, c);
        return c;
    }

    private ByteBuffer beginMessage(Connection c, long time, int size) {
        checkOpen();
        BagTime.checkRange(time);
        int offset = chunk.size();
        if (openCounts.isEmpty()) {
            chunkStart = time;
            chunkEnd = time;
        }
        chunkStart = Math.min(chunkStart, time);
        chunkEnd = Math.max(chunkEnd, time);
        long[] entries = openIndex.get(c.id());
        int n = openCounts.getOrDefault(c.id(), 0);
        if (entries == null || entries.length < 2 * (n + 1)) {
            entries = entries == null ? new long[32] : java.util.Arrays.copyOf(entries, entries.length * 2);
            openIndex.put(c.id(), entries);
        }
        entries[2 * n] = time;
        entries[2 * n + 1] = offset;
        openCounts.put(c.id(), n + 1);
        ByteBuffer buf = chunk.reserve(4 + 38 + 4 + size);
        buf.putInt(38);
        buf.putInt(4).put((byte) 'o').put((byte) 'p').put((byte) '=').put((byte) Op.MESSAGE_DATA);
        buf.putInt(9).put((byte) 'c').put((byte) 'o').put((byte) 'n').put((byte) 'n').put((byte) '=').putInt(c.id());
        buf.putInt(13).put((byte) 't').put((byte) 'i').put((byte) 'm').put((byte) 'e').put((byte) '=');
        BagTime.write(time, buf);
        buf.putInt(size);
        return buf;
    }

    private void endMessage() {
        if (chunk.size() > chunkThreshold) closeChunk();
    }

    private static void writeConnectionRecord(ChunkBuffer to, Connection c) {
        byte[] recordHeader = RecordHeader.builder().op(Op.CONNECTION).put("topic", c.topic())
                .uint32("conn", c.id()).build().toSizedBytes();
        byte[] data = c.header().toSizedBytes();
        to.reserve(recordHeader.length + data.length).put(recordHeader).put(data);
    }

    /** Writes the open chunk and its index data, so everything written so far survives a crash. */
    @Override
    public synchronized void flush() {
        checkOpen();
        if (!openCounts.isEmpty()) closeChunk();
        try {
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeChunk() {
        long chunkPos = position;
        int size = chunk.size();
        byte[] data = compression.compress(chunk.array(), 0, size);
        byte[] header = RecordHeader.builder().op(Op.CHUNK).put("compression", compression.id())
                .uint32("size", size).build().toSizedBytes();
        ByteBuffer lengths = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, data.length);
        writeFully(ByteBuffer.wrap(header), lengths, ByteBuffer.wrap(data));
        for (Map.Entry<Integer, long[]> e : openIndex.entrySet()) writeIndexData(e.getKey(), e.getValue(), openCounts.get(e.getKey()));
        chunkInfos.add(new ChunkInfo(chunkPos, chunkStart, chunkEnd, openCounts));
        openIndex.clear();
        openCounts.clear();
        chunk.clear();
    }

    private void writeIndexData(int conn, long[] entries, int count) {
        // Entries sorted by time, ties in write order: what python's bisect.insort_right produces.
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(entries[2 * a], entries[2 * b]));
        ByteBuffer data = ByteBuffer.allocate(12 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : order) {
            BagTime.write(entries[2 * i], data);
            data.putInt((int) entries[2 * i + 1]);
        }
        byte[] header = RecordHeader.builder().op(Op.INDEX_DATA).uint32("conn", conn).uint32("ver", 1)
                .uint32("count", count).build().toSizedBytes();
        writeFully(ByteBuffer.wrap(header), lengthOf(data.capacity()), data.flip());
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        try {
            if (!openCounts.isEmpty()) closeChunk();
            long indexPos = position;
            for (Connection c : connections) {
                ChunkBuffer b = new ChunkBuffer(256);
                writeConnectionRecord(b, c);
                writeFully(ByteBuffer.wrap(b.array(), 0, b.size()));
            }
            for (ChunkInfo ci : chunkInfos) {
                ByteBuffer data = ByteBuffer.allocate(8 * ci.counts().size()).order(ByteOrder.LITTLE_ENDIAN);
                ci.counts().forEach((conn, n) -> data.putInt(conn).putInt(n));
                byte[] header = RecordHeader.builder().op(Op.CHUNK_INFO).uint32("ver", 1).int64("chunk_pos", ci.chunkPos())
                        .time("start_time", ci.startTime()).time("end_time", ci.endTime())
                        .uint32("count", ci.counts().size()).build().toSizedBytes();
                writeFully(ByteBuffer.wrap(header), lengthOf(data.capacity()), data.flip());
            }
            position = BagFile.MAGIC.length;
            writeFileHeader(indexPos, connections.size(), chunkInfos.size());
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // the data is already written or lost; nothing more to do with the channel
            }
        }
    }

    private void writeFileHeader(long indexPos, int connCount, int chunkCount) {
        byte[] header = RecordHeader.builder().op(Op.FILE_HEADER).int64("index_pos", indexPos)
                .uint32("conn_count", connCount).uint32("chunk_count", chunkCount).build().toSizedBytes();
        int pad = FILE_HEADER_LENGTH - (header.length - 4);
        byte[] spaces = new byte[pad];
        java.util.Arrays.fill(spaces, (byte) ' ');
        writeFully(ByteBuffer.wrap(header), lengthOf(pad), ByteBuffer.wrap(spaces));
    }

    private static ByteBuffer lengthOf(int n) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, n);
    }

    private void writeFully(ByteBuffer... buffers) {
        try {
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) position += out.write(b, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("bag " + path + " is closed");
    }
}
