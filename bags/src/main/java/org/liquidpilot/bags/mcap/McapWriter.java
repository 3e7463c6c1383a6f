package org.liquidpilot.bags.mcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file: magic and header; schema and channel records in the data section as they are added (before
 * the chunk that first uses them, so a cut-off file keeps them); chunks of about {@code chunkSize} uncompressed bytes,
 * each followed by one message index record per channel; data end with the CRC32 of the data section; a summary
 * (schemas, channels, statistics, chunk indexes) with summary offsets; the footer with the summary CRC; magic.
 * <pre>{@code
 * try (McapWriter w = McapWriter.create(path, new McapWriter.Options("ros1", McapCompression.ZSTD, McapWriter.DEFAULT_CHUNK_SIZE))) {
 *     w.addSchema(new McapSchema(1, "std_msgs/String", "ros1msg", def));
 *     w.addChannel(new McapChannel(1, 1, "/chatter", "ros1", Map.of()));
 *     w.write(1, 0, time, time, payload);
 * }
 * }</pre>
 * Thread-safe. Nothing but the open chunk is held in memory, plus one small index entry per chunk.
 */
public final class McapWriter implements Closeable {
    /** The eight bytes an MCAP file starts and ends with. */
    public static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    public static final int DEFAULT_CHUNK_SIZE = 1 << 20;
    static final String LIBRARY = "liquidpilot";

    /** The header's profile ({@code ros1}, {@code ros2}, or empty), chunk compression and chunk size in uncompressed bytes. */
    public record Options(String profile, McapCompression compression, int chunkSize) {
        public Options {
            if (chunkSize < 0 || chunkSize > McapCompression.MAX_CHUNK / 2) throw new IllegalArgumentException("chunk size " + chunkSize + " is out of range");
        }
    }

    private final Path path;
    private final FileChannel out;
    private final Options options;
    private final CRC32 dataCrc = new CRC32();
    private CRC32 summaryCrc;
    private boolean inData = true;
    private long position;

    private final RecordBuilder chunk = new RecordBuilder(64 * 1024);
    private final RecordBuilder scratch = new RecordBuilder(1024);
    private final Map<Integer, IndexEntries> openIndex = new TreeMap<>();
    private long chunkStart = Long.MAX_VALUE, chunkEnd = Long.MIN_VALUE;

    private final Map<Integer, McapSchema> schemas = new LinkedHashMap<>();
    private final Map<Integer, McapChannel> channels = new LinkedHashMap<>();
    private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
    private final Map<Integer, Long> channelCounts = new TreeMap<>();
    private long messageCount;
    private long start = Long.MAX_VALUE, end = Long.MIN_VALUE;
    private boolean closed;

    /** One channel's (log time, offset in chunk) pairs in the open chunk. */
    private static final class IndexEntries {
        long[] pairs = new long[32];
        int n;
        boolean sorted = true;

        void add(long time, long offset) {
            if (n * 2 == pairs.length) pairs = Arrays.copyOf(pairs, pairs.length * 2);
            if (n > 0 && time < pairs[n * 2 - 2]) sorted = false;
            pairs[n * 2] = time;
            pairs[n * 2 + 1] = offset;
            n++;
        }
    }

    private McapWriter(Path path, Options options) throws IOException {
        this.path = path;
        this.options = options;
        this.out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        try {
            scratch.raw(MAGIC, 0, MAGIC.length);
            int at = scratch.begin(Opcode.HEADER);
            scratch.string(options.profile()).string(LIBRARY);
            scratch.end(at);
            emitScratch();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    public static McapWriter create(Path path, Options options) throws IOException {
        return new McapWriter(path, options);
    }

    public Path path() {
        return path;
    }

    public Options options() {
        return options;
    }

    /** Adds a schema (written at once); adding the same schema again does nothing, another one with its id is an error. */
    public synchronized void addSchema(McapSchema s) {
        open();
        McapSchema old = schemas.get(s.id());
        if (old != null) {
            if (!old.equals(s)) throw new IllegalArgumentException("schema id " + s.id() + " is already " + old.name());
            return;
        }
        schemas.put(s.id(), s);
        schemaRecord(scratch, s);
        emitScratchUnchecked();
    }

    /** Adds a channel (written at once); its schema must have been added (or be 0, none). */
    public synchronized void addChannel(McapChannel c) {
        open();
        if (c.schemaId() != 0 && !schemas.containsKey(c.schemaId())) {
            throw new IllegalArgumentException("channel " + c.id() + " on " + c.topic() + " names unknown schema " + c.schemaId());
        }
        McapChannel old = channels.get(c.id());
        if (old != null) {
            if (!old.equals(c)) throw new IllegalArgumentException("channel id " + c.id() + " is already " + old.topic());
            return;
        }
        channels.put(c.id(), c);
        channelRecord(scratch, c);
        emitScratchUnchecked();
    }

    public synchronized boolean hasChannel(int id) {
        return channels.containsKey(id);
    }

    /** Appends a message to the open chunk; closes the chunk once it holds {@code chunkSize} bytes. */
    public synchronized void write(int channelId, long sequence, long logTime, long publishTime, ByteBuffer data) {
        open();
        if (!channels.containsKey(channelId)) throw new IllegalArgumentException("message on unknown channel " + channelId);
        if (logTime < 0 || publishTime < 0) throw new IllegalArgumentException("negative message time " + logTime);
        int offset = chunk.size();
        int at = chunk.begin(Opcode.MESSAGE);
        chunk.u16(channelId).u32(sequence).u64(logTime).u64(publishTime).raw(data);
        chunk.end(at);
        openIndex.computeIfAbsent(channelId, k -> new IndexEntries()).add(logTime, offset);
        chunkStart = Math.min(chunkStart, logTime);
        chunkEnd = Math.max(chunkEnd, logTime);
        start = Math.min(start, logTime);
        end = Math.max(end, logTime);
        messageCount++;
        channelCounts.merge(channelId, 1L, Long::sum);
        if (chunk.size() >= options.chunkSize()) flushChunkUnchecked();
    }

    public void write(McapMessage m) {
        write(m.channelId(), m.sequence(), m.logTime(), m.publishTime(), m.data());
    }

    /** Writes the open chunk, so that everything written so far survives a crash. */
    public synchronized void flush() {
        open();
        flushChunkUnchecked();
    }

    public synchronized long messageCount() {
        return messageCount;
    }

    private void open() {
        if (closed) throw new IllegalStateException(path + " is closed");
    }

    private void flushChunkUnchecked() {
        try {
            flushChunk();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private void flushChunk() throws IOException {
        if (openIndex.isEmpty()) return;
        int size = chunk.size();
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 0, size);
        byte[] packed = options.compression().compress(chunk.array(), size);
        long chunkPos = position;
        int at = scratch.begin(Opcode.CHUNK);
        scratch.u64(chunkStart).u64(chunkEnd).u64(size).u32(crc.getValue()).string(options.compression().id())
                .u64(packed.length).raw(packed, 0, packed.length);
        scratch.end(at);
        long chunkLength = scratch.size();
        emitScratch();
        Map<Integer, Long> indexOffsets = new LinkedHashMap<>();
        long indexStart = position;
        for (var e : openIndex.entrySet()) {
            indexOffsets.put(e.getKey(), position);
            IndexEntries ix = e.getValue();
            if (!ix.sorted) sortByTime(ix);
            int r = scratch.begin(Opcode.MESSAGE_INDEX);
            scratch.u16(e.getKey()).u32(ix.n * 16L);
            for (int i = 0; i < ix.n * 2; i++) scratch.u64(ix.pairs[i]);
            scratch.end(r);
            emitScratch();
        }
        chunkIndexes.add(new ChunkIndex(chunkStart, chunkEnd, chunkPos, chunkLength, indexOffsets, position - indexStart,
                options.compression().id(), packed.length, size));
        chunk.clear();
        openIndex.clear();
        chunkStart = Long.MAX_VALUE;
        chunkEnd = Long.MIN_VALUE;
    }

    /** Stable sort of a channel's entries by time (offsets stay in file order among equal times). */
    private static void sortByTime(IndexEntries ix) {
        Integer[] order = new Integer[ix.n];
        for (int i = 0; i < ix.n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Long.compare(ix.pairs[a * 2], ix.pairs[b * 2]));
        long[] sorted = new long[ix.pairs.length];
        for (int i = 0; i < ix.n; i++) {
            sorted[i * 2] = ix.pairs[order[i] * 2];
            sorted[i * 2 + 1] = ix.pairs[order[i] * 2 + 1];
        }
        ix.pairs = sorted;
        ix.sorted = true;
    }

    static void schemaRecord(RecordBuilder b, McapSchema s) {
        int at = b.begin(Opcode.SCHEMA);
        b.u16(s.id()).string(s.name()).string(s.encoding()).bytes32(s.data());
        b.end(at);
    }

    static void channelRecord(RecordBuilder b, McapChannel c) {
        int at = b.begin(Opcode.CHANNEL);
        b.u16(c.id()).u16(c.schemaId()).string(c.topic()).string(c.messageEncoding()).stringMap(c.metadata());
        b.end(at);
    }

    private void emitScratchUnchecked() {
        try {
            emitScratch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private void emitScratch() throws IOException {
        emit(scratch.array(), scratch.size());
        scratch.clear();
    }

    private void emit(byte[] b, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
        while (bb.hasRemaining()) out.write(bb);
        if (inData) dataCrc.update(b, 0, len);
        if (summaryCrc != null) summaryCrc.update(b, 0, len);
        position += len;
    }

    /** Writes the open chunk, data end, summary and footer, and closes the file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try (out) {
            flushChunk();
            inData = false;
            int at = scratch.begin(Opcode.DATA_END);
            scratch.u32(dataCrc.getValue());
            scratch.end(at);
            emitScratch();
            writeSummary();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private void writeSummary() throws IOException {
        long summaryStart = position;
        summaryCrc = new CRC32();
        record Group(int opcode, long start, long length) {}
        List<Group> groups = new ArrayList<>();
        long g = position;
        for (McapSchema s : schemas.values()) {
            schemaRecord(scratch, s);
            emitScratch();
        }
        if (position > g) groups.add(new Group(Opcode.SCHEMA, g, position - g));
        g = position;
        for (McapChannel c : channels.values()) {
            channelRecord(scratch, c);
            emitScratch();
        }
        if (position > g) groups.add(new Group(Opcode.CHANNEL, g, position - g));
        g = position;
        int at = scratch.begin(Opcode.STATISTICS);
        scratch.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(0).u32(chunkIndexes.size())
                .u64(messageCount == 0 ? 0 : start).u64(messageCount == 0 ? 0 : end).u16u64Map(channelCounts);
        scratch.end(at);
        emitScratch();
        groups.add(new Group(Opcode.STATISTICS, g, position - g));
        g = position;
        for (ChunkIndex ci : chunkIndexes) {
            int r = scratch.begin(Opcode.CHUNK_INDEX);
            scratch.u64(ci.messageStartTime()).u64(ci.messageEndTime()).u64(ci.chunkStartOffset()).u64(ci.chunkLength())
                    .u16u64Map(ci.messageIndexOffsets()).u64(ci.messageIndexLength()).string(ci.compression())
                    .u64(ci.compressedSize()).u64(ci.uncompressedSize());
            scratch.end(r);
            emitScratch();
        }
        if (position > g) groups.add(new Group(Opcode.CHUNK_INDEX, g, position - g));
        long summaryOffsetStart = position;
        for (Group gr : groups) {
            int r = scratch.begin(Opcode.SUMMARY_OFFSET);
            scratch.u8(gr.opcode()).u64(gr.start()).u64(gr.length());
            scratch.end(r);
            emitScratch();
        }
        // The footer's CRC covers the summary and the footer up to (not including) the CRC itself.
        int f = scratch.begin(Opcode.FOOTER);
        scratch.u64(summaryStart).u64(summaryOffsetStart).u32(0);
        scratch.end(f);
        summaryCrc.update(scratch.array(), 0, scratch.size() - 4);
        scratch.patchU32(scratch.size() - 4, summaryCrc.getValue());
        summaryCrc = null;
        emitScratch();
        scratch.raw(MAGIC, 0, MAGIC.length);
        emitScratch();
    }
}
