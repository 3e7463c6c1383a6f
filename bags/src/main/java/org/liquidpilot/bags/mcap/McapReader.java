package org.liquidpilot.bags.mcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Reads a complete MCAP file. Opening checks both magics, the footer, the summary CRC and the data section CRC, and
 * takes schemas, channels, chunk indexes and statistics from the summary; a file without a summary (or without chunk
 * indexes and statistics in it) is scanned record by record instead. Chunks are read and decompressed when a query
 * needs them, their CRCs checked; messages come in log-time order (file order among equal times).
 * <p>
 * A file without its footer (cut off, or a recording that was killed) is a format error that names {@code bag recover};
 * see {@link McapRecovery}. Every failure on bad input is a {@link McapFormatException}.
 */
public final class McapReader implements Closeable {
    private static final int FOOTER_LENGTH = Opcode.PREFIX + 20;
    private static final int DATA_END_LENGTH = Opcode.PREFIX + 4;

    private final Path path;
    private final FileChannel file;
    private final long size;
    private McapHeader header;
    private final Map<Integer, McapSchema> schemas = new TreeMap<>();
    private final Map<Integer, McapChannel> channels = new TreeMap<>();
    private final List<ChunkIndex> chunks = new ArrayList<>();
    /** Messages outside chunks (allowed by the format; our writer never writes them). */
    private final List<Loose> loose = new ArrayList<>();
    private final Map<Integer, Long> counts = new TreeMap<>();
    private McapStatistics statistics;
    private boolean fromSummary;
    private long dataEnd;
    private long chunksRead;
    /** The fields of the chunk read last (for the linear scan's chunk list). */
    private Records.Chunk lastChunk;

    private record Loose(long pos, long length, long time, int channel) {}

    private McapReader(Path path) throws IOException {
        this.path = path;
        this.file = FileChannel.open(path, StandardOpenOption.READ);
        this.size = file.size();
    }

    public static McapReader open(Path path) throws IOException {
        McapReader r = new McapReader(path);
        try {
            r.load();
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** Whether {@code path} starts with the MCAP magic. */
    public static boolean isMcap(Path path) throws IOException {
        try (FileChannel f = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(McapWriter.MAGIC.length);
            while (b.hasRemaining() && f.read(b) >= 0) { /* fill */ }
            return !b.hasRemaining() && Arrays.equals(b.array(), McapWriter.MAGIC);
        }
    }

    ByteBuffer readAt(long pos, long len) throws IOException {
        if (pos < 0 || len < 0 || pos > size - len) throw new McapFormatException(name() + ": " + len + " bytes at " + pos + " lie past the end of the file");
        if (len > Integer.MAX_VALUE - 16) throw new McapFormatException(name() + ": record of " + len + " bytes is too large");
        ByteBuffer b = ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (file.read(b, pos + b.position()) < 0) throw new McapFormatException(name() + ": file ended while reading at " + pos);
        }
        return b.flip();
    }

    private String name() {
        return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    }

    /** The opcode and content length of the record at {@code pos}, checked to end by {@code limit}. */
    private record Prefix(int op, long length) {}

    private Prefix prefix(long pos, long limit) throws IOException {
        if (limit - pos < Opcode.PREFIX) throw new McapFormatException(name() + ": a record at byte " + pos + " is cut off");
        ByteBuffer b = readAt(pos, Opcode.PREFIX);
        int op = b.get(0) & 0xFF;
        long len = b.getLong(1);
        if (len < 0 || len > limit - pos - Opcode.PREFIX) {
            throw new McapFormatException(name() + ": " + Opcode.name(op) + " record at byte " + pos + " claims "
                    + Long.toUnsignedString(len) + " bytes, " + (limit - pos - Opcode.PREFIX) + " remain");
        }
        return new Prefix(op, len);
    }

    private RecordReader content(long pos, Prefix p, String what) throws IOException {
        ByteBuffer b = readAt(pos + Opcode.PREFIX, p.length());
        return new RecordReader(b, 0, b.limit(), what + " at byte " + pos);
    }

    private void load() throws IOException {
        int m = McapWriter.MAGIC.length;
        if (size < m || !Arrays.equals(readAt(0, m).array(), McapWriter.MAGIC)) throw new McapFormatException(name() + " is not an MCAP file (no MCAP magic)");
        if (size < 2L * m + FOOTER_LENGTH + Opcode.PREFIX || !Arrays.equals(readAt(size - m, m).array(), McapWriter.MAGIC)) {
            throw cutOff("does not end with the MCAP magic");
        }
        long footerPos = size - m - FOOTER_LENGTH;
        Prefix hp = prefix(m, footerPos);
        if (hp.op() != Opcode.HEADER) throw new McapFormatException(name() + ": the first record is " + Opcode.name(hp.op()) + ", not the header");
        header = Records.header(content(m, hp, "header"));
        long dataStart = m + Opcode.PREFIX + hp.length();
        Prefix fp = prefix(footerPos, size - m);
        if (fp.op() != Opcode.FOOTER || fp.length() != 20) throw cutOff("has no footer before its closing magic");
        ByteBuffer footer = readAt(footerPos, FOOTER_LENGTH);
        long summaryStart = footer.getLong(9), summaryOffsetStart = footer.getLong(17);
        long summaryCrc = footer.getInt(25) & 0xFFFF_FFFFL;
        boolean summaryComplete = false;
        long dataLimit = footerPos;
        if (summaryStart != 0) {
            if (summaryStart < dataStart || summaryStart > footerPos) {
                throw new McapFormatException(name() + ": the footer puts the summary at byte " + Long.toUnsignedString(summaryStart) + ", outside the file");
            }
            if (summaryOffsetStart != 0 && (summaryOffsetStart < summaryStart || summaryOffsetStart > footerPos)) {
                throw new McapFormatException(name() + ": the footer puts the summary offsets at byte " + Long.toUnsignedString(summaryOffsetStart) + ", outside the summary");
            }
            if (footerPos - summaryStart > McapCompression.MAX_CHUNK) throw new McapFormatException(name() + ": summary of " + (footerPos - summaryStart) + " bytes is too large");
            ByteBuffer summary = readAt(summaryStart, footerPos - summaryStart);
            if (summaryCrc != 0) {
                CRC32 crc = new CRC32();
                crc.update(summary.duplicate());
                crc.update(footer.array(), 0, FOOTER_LENGTH - 4);
                if (crc.getValue() != summaryCrc) {
                    throw new McapFormatException(name() + ": summary CRC mismatch (stored " + Long.toHexString(summaryCrc) + ", computed " + Long.toHexString(crc.getValue()) + ")");
                }
            }
            summaryComplete = readSummary(summary);
            dataLimit = summaryStart;
        }
        dataEnd = dataLimit;
        if (summaryComplete) {
            fromSummary = true;
            long dataEndPos = dataLimit - DATA_END_LENGTH;
            if (dataEndPos >= dataStart && prefix(dataEndPos, dataLimit).op() == Opcode.DATA_END) checkDataEnd(dataEndPos);
            for (McapChannel c : channels.values()) counts.put(c.id(), 0L);
            counts.putAll(statistics.channelMessageCounts());
            checkChunkIndexes(dataStart);
        } else {
            chunks.clear();
            long dataEndPos = scan(dataStart, dataLimit);
            if (dataEndPos >= 0) checkDataEnd(dataEndPos);
        }
    }

    /** Checks the data section CRC that the data end record at {@code pos} holds (0: not computed by the writer). */
    private void checkDataEnd(long pos) throws IOException {
        dataEnd = pos;
        Prefix p = prefix(pos, size);
        if (p.length() < 4) throw new McapFormatException(name() + ": data end record at byte " + pos + " is too short");
        long stored = readAt(pos + Opcode.PREFIX, 4).getInt(0) & 0xFFFF_FFFFL;
        if (stored != 0) checkDataCrc(pos, stored);
    }

    private McapFormatException cutOff(String what) {
        return new McapFormatException(name() + " " + what + " (cut off, or a recording that did not finish?); run 'bag recover' to rebuild it");
    }

    private void checkDataCrc(long dataEndPos, long stored) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        for (long pos = 0; pos < dataEndPos; ) {
            b.clear().limit((int) Math.min(b.capacity(), dataEndPos - pos));
            int n = file.read(b, pos);
            if (n < 0) throw new McapFormatException(name() + ": file ended while checking the data CRC");
            b.flip();
            crc.update(b);
            pos += n;
        }
        if (crc.getValue() != stored) {
            throw new McapFormatException(name() + ": data section CRC mismatch (stored " + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()) + ")");
        }
    }

    /** Reads the summary's records; true when it has what reading needs (statistics, and chunk indexes unless empty). */
    private boolean readSummary(ByteBuffer summary) {
        RecordCursor cur = new RecordCursor(summary, summary.limit(), false, name() + " summary");
        while (cur.next()) {
            switch (cur.op()) {
                case Opcode.SCHEMA -> addSchema(Records.schema(cur.content("summary schema")));
                case Opcode.CHANNEL -> addChannel(Records.channel(cur.content("summary channel")));
                case Opcode.CHUNK_INDEX -> chunks.add(Records.chunkIndex(cur.content("chunk index")));
                case Opcode.STATISTICS -> statistics = Records.statistics(cur.content("statistics"));
                default -> { /* attachment and metadata indexes, summary offsets: not needed to read messages */ }
            }
        }
        if (statistics == null) return false;
        long inChunks = statistics.chunkCount();
        return inChunks == chunks.size() && (inChunks > 0 || statistics.messageCount() == 0);
    }

    private void checkChunkIndexes(long dataStart) {
        for (ChunkIndex ci : chunks) {
            if (ci.chunkStartOffset() < dataStart || ci.chunkLength() > dataEnd - ci.chunkStartOffset() || ci.chunkLength() < Opcode.PREFIX) {
                throw new McapFormatException(name() + ": a chunk index points at " + ci.chunkLength() + " bytes at byte " + ci.chunkStartOffset() + ", outside the data section");
            }
            if (ci.messageStartTime() > ci.messageEndTime()) throw new McapFormatException(name() + ": a chunk index at " + ci.chunkStartOffset() + " ends before it starts");
        }
        for (int id : statistics.channelMessageCounts().keySet()) {
            if (!channels.containsKey(id)) throw new McapFormatException(name() + ": statistics count messages of unknown channel " + id);
        }
    }

    private void addSchema(McapSchema s) {
        McapSchema old = schemas.putIfAbsent(s.id(), s);
        if (old != null && !old.equals(s)) throw new McapFormatException(name() + ": two different schemas with id " + s.id());
    }

    private void addChannel(McapChannel c) {
        if (c.schemaId() != 0 && !schemas.containsKey(c.schemaId())) {
            throw new McapFormatException(name() + ": channel " + c.id() + " (" + c.topic() + ") names unknown schema " + c.schemaId());
        }
        McapChannel old = channels.putIfAbsent(c.id(), c);
        if (old != null && !old.equals(c)) throw new McapFormatException(name() + ": two different channels with id " + c.id());
    }

    /**
     * Linear scan of the data section: every record, every chunk decompressed once to learn its channels and counts.
     * Returns where the data end record is, or -1 when the section ends without one.
     */
    private long scan(long from, long limit) throws IOException {
        long dataEndPos = -1;
        for (long pos = from; pos < limit; ) {
            Prefix p = prefix(pos, limit);
            long next = pos + Opcode.PREFIX + p.length();
            switch (p.op()) {
                case Opcode.SCHEMA -> addSchema(Records.schema(content(pos, p, "schema")));
                case Opcode.CHANNEL -> addChannel(Records.channel(content(pos, p, "channel")));
                case Opcode.MESSAGE -> {
                    if (p.length() < Records.MESSAGE_FIXED) throw new McapFormatException(name() + ": message at byte " + pos + " is too short");
                    RecordReader r = new RecordReader(readAt(pos + Opcode.PREFIX, Records.MESSAGE_FIXED), 0, Records.MESSAGE_FIXED, "message at byte " + pos);
                    int ch = r.u16("channel id");
                    r.u32("sequence");
                    long t = r.u64("log time");
                    knownChannel(ch, pos);
                    loose.add(new Loose(pos, next - pos, t, ch));
                    counts.merge(ch, 1L, Long::sum);
                }
                case Opcode.CHUNK -> chunks.add(scanChunk(pos, p));
                case Opcode.DATA_END -> {
                    dataEndPos = pos;
                    next = limit;
                }
                default -> { /* attachments, metadata, message indexes, unknown records: skipped */ }
            }
            pos = next;
        }
        for (McapChannel c : channels.values()) counts.putIfAbsent(c.id(), 0L);
        return dataEndPos;
    }

    private void knownChannel(int ch, long pos) {
        if (!channels.containsKey(ch)) throw new McapFormatException(name() + ": message at byte " + pos + " is on unknown channel " + ch);
    }

    private ChunkIndex scanChunk(long pos, Prefix p) throws IOException {
        ByteBuffer data = chunkData(pos, p);
        long start = Long.MAX_VALUE, end = Long.MIN_VALUE;
        Map<Integer, Long> present = new LinkedHashMap<>();
        RecordCursor cur = new RecordCursor(data, data.limit(), false, name() + ": chunk at byte " + pos);
        while (cur.next()) {
            switch (cur.op()) {
                case Opcode.SCHEMA -> addSchema(Records.schema(cur.content("schema in chunk at " + pos)));
                case Opcode.CHANNEL -> addChannel(Records.channel(cur.content("channel in chunk at " + pos)));
                case Opcode.MESSAGE -> {
                    McapMessage msg = Records.message(cur.content("message in chunk at " + pos));
                    knownChannel(msg.channelId(), pos);
                    counts.merge(msg.channelId(), 1L, Long::sum);
                    present.put(msg.channelId(), 0L);
                    start = Math.min(start, msg.logTime());
                    end = Math.max(end, msg.logTime());
                }
                default -> { /* other records in a chunk are skipped */ }
            }
        }
        if (present.isEmpty()) start = end = 0;
        return new ChunkIndex(start, end, pos, Opcode.PREFIX + p.length(), present, 0, lastChunk.compression().id(),
                lastChunk.recordsLength(), data.limit());
    }

    /** The decompressed records of the chunk record at {@code pos}, CRC checked. */
    private ByteBuffer chunkData(long pos, Prefix p) throws IOException {
        if (p.op() != Opcode.CHUNK) throw new McapFormatException(name() + ": expected a chunk at byte " + pos + ", found " + Opcode.name(p.op()));
        if (p.length() > McapCompression.MAX_CHUNK) throw new McapFormatException(name() + ": chunk at byte " + pos + " claims " + p.length() + " bytes");
        chunksRead++;
        ByteBuffer content = readAt(pos + Opcode.PREFIX, p.length());
        RecordReader r = new RecordReader(content, 0, content.limit(), "chunk at byte " + pos);
        Records.Chunk c = Records.chunk(r);
        lastChunk = c;
        byte[] packed = Arrays.copyOfRange(content.array(), c.records(), c.records() + (int) c.recordsLength());
        byte[] plain;
        try {
            plain = c.compression().decompress(packed, c.uncompressedSize());
        } catch (McapFormatException e) {
            throw new McapFormatException(name() + ": chunk at byte " + pos + ": " + e.getMessage());
        }
        if (c.crc() != 0) {
            CRC32 crc = new CRC32();
            crc.update(plain, 0, (int) c.uncompressedSize());
            if (crc.getValue() != c.crc()) {
                throw new McapFormatException(name() + ": chunk at byte " + pos + " fails its CRC (stored " + Long.toHexString(c.crc())
                        + ", computed " + Long.toHexString(crc.getValue()) + ")");
            }
        }
        return ByteBuffer.wrap(plain, 0, (int) c.uncompressedSize()).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public McapHeader header() {
        return header;
    }

    public Map<Integer, McapSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    public Map<Integer, McapChannel> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /** The schema of a channel, or null for schema id 0. */
    public McapSchema schema(McapChannel c) {
        return schemas.get(c.schemaId());
    }

    /** Chunk indexes in file order: from the summary, or as the linear scan found them. */
    public List<ChunkIndex> chunkIndexes() {
        return Collections.unmodifiableList(chunks);
    }

    /** Whether the summary (chunk indexes and statistics) was used; false after a linear scan. */
    public boolean readFromSummary() {
        return fromSummary;
    }

    /** The statistics record, when the summary has one. */
    public McapStatistics statistics() {
        return statistics;
    }

    /** Message count per channel id (every channel, 0 when it has none). */
    public Map<Integer, Long> messageCounts() {
        return Collections.unmodifiableMap(counts);
    }

    public long messageCount() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Log time of the earliest message, 0 when there is none. */
    public long startTime() {
        if (messageCount() == 0) return 0;
        if (statistics != null && fromSummary) return statistics.messageStartTime();
        long t = Long.MAX_VALUE;
        for (ChunkIndex c : chunks) if (!c.messageIndexOffsets().isEmpty()) t = Math.min(t, c.messageStartTime());
        for (Loose l : loose) t = Math.min(t, l.time());
        return t;
    }

    public long endTime() {
        if (messageCount() == 0) return 0;
        if (statistics != null && fromSummary) return statistics.messageEndTime();
        long t = Long.MIN_VALUE;
        for (ChunkIndex c : chunks) if (!c.messageIndexOffsets().isEmpty()) t = Math.max(t, c.messageEndTime());
        for (Loose l : loose) t = Math.max(t, l.time());
        return t;
    }

    /** Chunks decompressed so far. */
    public long chunksRead() {
        return chunksRead;
    }

    /** Every message, in log-time order. */
    public Iterable<McapMessage> messages() {
        return messages(Set.of(), 0, Long.MAX_VALUE);
    }

    /** Messages of {@code channelIds} (empty: all) with log times in {@code [start, end]}, in log-time order. */
    public Iterable<McapMessage> messages(Set<Integer> channelIds, long start, long end) {
        return () -> new MessageIterator(channelIds, start, end);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunk, or one message outside chunks, with the time span it covers. */
    private record Unit(long start, long end, ChunkIndex chunk, Loose loose) {}

    /** Reads the selected units in time order; units whose spans overlap are read together and merged. */
    private final class MessageIterator implements Iterator<McapMessage> {
        private final Set<Integer> wanted;
        private final long start, end;
        private final List<Unit> units = new ArrayList<>();
        private int next;
        private final List<McapMessage> batch = new ArrayList<>();
        private int batchPos;

        MessageIterator(Set<Integer> wanted, long start, long end) {
            this.wanted = Set.copyOf(wanted);
            this.start = start;
            this.end = end;
            for (ChunkIndex c : chunks) {
                if (!c.overlaps(start, end)) continue;
                // A chunk index without message index offsets (a writer that skips message indexes) may hold anything.
                boolean any = c.messageIndexOffsets().isEmpty() ? fromSummary : false;
                for (int ch : c.messageIndexOffsets().keySet()) any |= want(ch);
                if (any) units.add(new Unit(c.messageStartTime(), c.messageEndTime(), c, null));
            }
            for (Loose l : loose) if (want(l.channel()) && l.time() >= start && l.time() <= end) units.add(new Unit(l.time(), l.time(), null, l));
            units.sort(Comparator.comparingLong(Unit::start));
        }

        private boolean want(int ch) {
            return wanted.isEmpty() || wanted.contains(ch);
        }

        @Override
        public boolean hasNext() {
            while (batchPos >= batch.size()) {
                if (next >= units.size()) return false;
                try {
                    loadGroup();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }
            return true;
        }

        @Override
        public McapMessage next() {
            if (!hasNext()) throw new NoSuchElementException();
            return batch.get(batchPos++);
        }

        private void loadGroup() throws IOException {
            batch.clear();
            batchPos = 0;
            long groupEnd = units.get(next).end();
            int first = next++;
            while (next < units.size() && units.get(next).start() <= groupEnd) {
                groupEnd = Math.max(groupEnd, units.get(next).end());
                next++;
            }
            for (int i = first; i < next; i++) {
                Unit u = units.get(i);
                if (u.loose() != null) {
                    Loose l = u.loose();
                    ByteBuffer b = readAt(l.pos() + Opcode.PREFIX, l.length() - Opcode.PREFIX);
                    take(Records.message(new RecordReader(b, 0, b.limit(), "message at byte " + l.pos())), l.pos());
                    continue;
                }
                long pos = u.chunk().chunkStartOffset();
                ByteBuffer data = chunkData(pos, prefix(pos, dataEnd));
                RecordCursor cur = new RecordCursor(data, data.limit(), false, name() + ": chunk at byte " + pos);
                while (cur.next()) {
                    if (cur.op() == Opcode.MESSAGE) take(Records.message(cur.content("message in chunk at " + pos)), pos);
                }
            }
            // Stable: equal times keep file order.
            batch.sort(Comparator.comparingLong(McapMessage::logTime));
        }

        private void take(McapMessage m, long pos) {
            knownChannel(m.channelId(), pos);
            if (want(m.channelId()) && m.logTime() >= start && m.logTime() <= end) batch.add(m);
        }
    }
}
