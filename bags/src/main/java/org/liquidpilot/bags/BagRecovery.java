package org.liquidpilot.bags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a bag whose index is missing, cut off, never written, or whose header or records are damaged, by walking
 * its records from the start. The bag header's {@code index_pos}, {@code conn_count} and {@code chunk_count} are never
 * trusted: a damaged or implausible header is noted and the walk goes on from the first record after it.
 * <p>
 * Everything complete is kept: whole chunks; the whole records at the start of a chunk cut off by the end of the
 * file (and the complete LZ4 blocks of a cut-off compressed chunk); and the records a killed C++ recorder left
 * after its open chunk's placeholder header. Where a record is damaged the walk looks for the next record that is
 * plausible in every field (op, lengths, field sizes) and goes on from there, so one bad record costs that record,
 * not the rest of the file. Debian's {@code rosbag reindex} stops at the first problem, so a recovered bag holds at
 * least as many messages as reindex keeps.
 * <p>
 * Connection records are checked before anything is copied from them ({@link ConnectionCheck}): of the copies of a
 * connection (python's writer puts one in the chunk and one in the index) the valid one is used; a connection whose
 * every copy is unusable is dropped with its messages, and the report says so. The output is written with
 * {@link BagWriter}, in the input's compression unless another is asked for; for a bag written by python's rosbag
 * it comes out byte-identical to the original.
 */
public final class BagRecovery {
    private BagRecovery() {}

    static final int MAX_NOTES = 40;
    /** Headers of records found by scanning (message, connection, chunk, index) are small; anything larger is noise. */
    private static final int MAX_SCANNED_HEADER = 1 << 16;
    /** Fields a writer may put before {@code op} (the C++ writer sorts them: chunk info has the most, 57 bytes). */
    private static final int MAX_OP_PREFIX = 64;
    private static final int MAX_COPIES = 8;
    private static final int MAX_SAMPLES = 3;
    private static final int MAX_SAMPLE_BYTES = 64 << 10;
    private static final long MAX_SAMPLE_TOTAL = 16 << 20;

    /**
     * What recovery found and kept.
     *
     * @param droppedMessages messages whose connection is defined nowhere in the file, or only by unusable records
     * @param rejectedConnectionRecords connection records that failed {@link ConnectionCheck} and were ignored
     * @param skippedBytes bytes of the file that held no readable record (damage skipped over, a cut-off tail)
     */
    public record Report(long messages, int wholeChunks, int partialChunks, long messagesAfterOpenChunk,
                         long droppedMessages, Compression compression, List<String> notes,
                         int rejectedConnectionRecords, long skippedBytes) {}

    public static Report recover(Path in, Path out) throws IOException {
        return recover(in, out, null);
    }

    /**
     * @param compression output compression; null keeps the input's (that of its first chunk)
     * @throws BagFormatException when {@code in} is not a rosbag v2.0 file at all (no {@code #ROSBAG V2.0} line)
     * @throws IllegalArgumentException when {@code out} is {@code in}
     */
    public static Report recover(Path in, Path out, Compression compression) throws IOException {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("recover writes a new file; give an output other than the input");
        }
        try (BagFile file = BagFile.open(in)) {
            Source src = new FileSource(file);
            Notes notes = new Notes();
            Start start = start(src, notes);
            // First pass: every connection record, so that the best copy of each is known before any message is
            // written (the valid copy may come after the messages, in the index).
            Collect collect = new Collect();
            Walk scan = new Walk(src, collect, new Notes());
            scan.run(start.pos());
            Map<Integer, Connection> chosen = collect.choose(notes);
            Compression outCompression = compression != null ? compression
                    : scan.firstCompression != null ? scan.firstCompression : Compression.NONE;
            Emit emit;
            Walk write;
            try (BagWriter writer = BagWriter.create(out, outCompression)) {
                emit = new Emit(writer, chosen);
                write = new Walk(src, emit, notes);
                write.run(start.pos());
            }
            emit.note(notes, collect);
            return new Report(emit.kept, write.wholeChunks, write.partialChunks, write.afterOpenChunk, emit.dropped,
                    outCompression, notes.list(), collect.rejected, start.skipped() + write.skipped);
        }
    }

    // ---- where the records start ----

    /** Where the first record after the bag header starts, and the bytes skipped to get there when it is damaged. */
    private record Start(long pos, long skipped) {}

    private static Start start(Source src, Notes notes) {
        long at = BagFile.MAGIC.length;
        String problem;
        try {
            RawRecord r = readRecord(src, at);
            if (r == null || r.cut()) {
                problem = "it is cut off by the end of the file";
            } else if (r.header().op() != Op.FILE_HEADER) {
                problem = "its op is " + Op.name(r.header().op());
            } else {
                checkHeaderFields(r, src.size(), notes);
                return new Start(r.end(), 0);
            }
        } catch (BagFormatException e) {
            problem = e.getMessage();
        }
        long found = resync(src, at + 1, false);
        notes.add("the bag header record is damaged (" + problem + "); "
                + (found < src.size() ? "the first record found after it is at byte " + found : "no record found after it"));
        return new Start(found, found - at);
    }

    private static void checkHeaderFields(RawRecord r, long size, Notes notes) {
        try {
            long indexPos = r.header().int64("index_pos");
            r.header().int32("conn_count");
            r.header().int32("chunk_count");
            if (indexPos != 0 && (indexPos < r.end() || indexPos > size)) {
                notes.add("the bag header says the index is at byte " + indexPos + " but the file has " + size
                        + " bytes; ignored it, the records were walked instead");
            }
        } catch (BagFormatException e) {
            notes.add("the bag header's index fields are damaged (" + e.getMessage() + "); ignored them, the records were walked instead");
        }
    }

    // ---- the walk ----

    /** What a walk hands on: the first pass collects connections, the second writes messages. */
    private interface Pass {
        void connection(int id, byte[] topic, RecordHeader fields, boolean inIndex, long pos);

        /** @param suspect found after damage was skipped: kept only if it reads as its connection's type */
        void message(int conn, long time, ByteBuffer data, boolean suspect);
    }

    private static final class Walk {
        private final Source file;
        private final Pass pass;
        private final Notes notes;
        int wholeChunks;
        int partialChunks;
        long afterOpenChunk;
        long skipped;
        Compression firstCompression;
        private boolean inOpenChunk;
        /** Set once damage was skipped by scanning, until the next chunk header: messages then must prove themselves. */
        private boolean suspect;
        /** The uncompressed chunk whose records are being walked in place: its record position and declared end. */
        private long chunkPos = -1;
        private long chunkEnd = -1;
        private boolean chunkClean;
        private long chunkMessages;

        Walk(Source file, Pass pass, Notes notes) {
            this.file = file;
            this.pass = pass;
            this.notes = notes;
        }

        void run(long start) {
            walk(file, start, -1);
            if (chunkEnd >= 0) closeChunk(file.size());
        }

        /**
         * Walks the records from {@code pos} to the end of {@code src}: the file ({@code chunkAt} -1) or the
         * decompressed data of the chunk at {@code chunkAt}. False if anything had to be skipped.
         */
        private boolean walk(Source src, long pos, long chunkAt) {
            boolean nested = chunkAt >= 0;
            boolean clean = true;
            long size = src.size();
            while (pos < size) {
                if (!nested && chunkEnd >= 0 && pos >= chunkEnd) closeChunk(pos);
                long next;
                String damage = null;
                try {
                    RawRecord r = readRecord(src, pos);
                    if (r == null) throw new BagTruncatedException("the data ends inside a record header");
                    next = handle(src, r, chunkAt);
                } catch (BagFormatException e) {
                    next = -1;
                    damage = e.getMessage();
                }
                if (damage == null) {
                    pos = next;
                    continue;
                }
                clean = false;
                if (!nested && chunkEnd >= 0 && pos < chunkEnd) chunkClean = false;
                long found = resync(src, pos + 1, nested);
                suspect = true;
                if (!nested) skipped += found - pos;
                notes.add((nested ? "in the chunk at byte " + chunkAt + ", at offset " : "at byte ") + pos + ": " + damage
                        + (found < size ? "; skipped " + (found - pos) + " bytes to the next readable record"
                        : "; nothing readable after it"));
                pos = found;
            }
            return clean;
        }

        /** Handles one record; returns where the next one starts. */
        private long handle(Source src, RawRecord r, long chunkAt) {
            boolean nested = chunkAt >= 0;
            int op = r.header().op();
            if ((op == Op.MESSAGE_DATA || op == Op.CONNECTION) && !nested && !r.cut()
                    && (chunkEnd < 0 || r.end() > chunkEnd) && !followedByRecord(src, r.end(), false)) {
                // Loose, or running past its chunk's end: its length is suspect unless a record follows it.
                throw new BagFormatException("a " + Op.name(op) + " record whose length leads nowhere");
            }
            switch (op) {
                case Op.MESSAGE_DATA -> {
                    if (r.cut()) throw new BagTruncatedException("the message record there is cut off by the end of the data");
                    int conn = r.header().int32("conn");
                    long time = r.header().time("time");
                    pass.message(conn, time, src.slice(r.dataPos(), r.dataLength()), suspect);
                    chunkMessages++;
                    if (inOpenChunk) afterOpenChunk++;
                    return r.end();
                }
                case Op.CONNECTION -> {
                    if (r.cut()) throw new BagTruncatedException("the connection record there is cut off by the end of the data");
                    int id = r.header().int32("conn");
                    byte[] topic = r.header().bytes("topic");
                    RecordHeader fields = RecordHeader.parse(src.slice(r.dataPos(), r.dataLength()), 0, r.dataLength());
                    pass.connection(id, topic, fields, !nested && chunkEnd < 0 && !inOpenChunk, r.pos());
                    return r.end();
                }
                case Op.CHUNK -> {
                    if (nested) throw new BagFormatException("a chunk record inside a chunk");
                    return chunk(r);
                }
                case Op.INDEX_DATA, Op.CHUNK_INFO -> {
                    if (nested) throw new BagFormatException("an " + Op.name(op) + " record inside a chunk");
                    if (r.cut()) throw new BagTruncatedException("the " + Op.name(op) + " record there is cut off by the end of the file");
                    RecordHeader h = r.header();
                    // ver 1: (time, offset) entries of 12 bytes, or (connection, count) pairs of 8 bytes
                    long expected = (op == Op.INDEX_DATA ? 12L : 8L) * h.uint32("count");
                    if (h.uint32("ver") != 1 || r.declaredLength() != expected) {
                        throw new BagFormatException("an " + Op.name(op) + " record whose length does not match its count");
                    }
                    return r.end();
                }
                default -> throw new BagFormatException("unexpected " + Op.name(op) + " record");
            }
        }

        private long chunk(RawRecord r) {
            ChunkHeaderFields h = ChunkHeaderFields.of(r);
            if (chunkEnd >= 0) closeChunk(r.pos());
            inOpenChunk = false;
            suspect = false;
            if (firstCompression == null) firstCompression = h.compression();
            boolean open = h.size() == 0 && r.declaredLength() == 0;
            if (open) {
                // A C++ recorder's open chunk: its records follow at top level until the end of the file.
                inOpenChunk = true;
                notes.add("an unfinished chunk at byte " + r.pos() + " (a recorder stopped without closing it): its records are kept");
                if (h.compression() == Compression.NONE) return r.end();
                int len = (int) Math.min(Integer.MAX_VALUE, file.size() - r.end());
                byte[] data = h.compression().decompress(file.slice(r.end(), len), 0, len, partialSize(0, len), true);
                walk(new BufferSource(data), 0, r.pos());
                suspect = false;
                return file.size();
            }
            if (h.compression() == Compression.NONE) {
                // Its records are walked in place, as if at top level: a wrong length then costs nothing.
                chunkPos = r.pos();
                chunkEnd = r.dataPos() + r.declaredLength();
                chunkClean = true;
                chunkMessages = 0;
                return r.dataPos();
            }
            ByteBuffer raw = file.slice(r.dataPos(), r.dataLength());
            byte[] data = null;
            String problem = r.cut() ? "it is cut off by the end of the file" : null;
            if (!r.cut()) {
                try {
                    data = h.compression().decompress(raw, 0, r.dataLength(), h.size(), false);
                } catch (BagFormatException e) {
                    problem = "it does not decompress: " + e.getMessage();
                }
            }
            boolean whole = data != null;
            if (!whole) data = h.compression().decompress(raw, 0, r.dataLength(), partialSize(h.size(), r.dataLength()), true);
            chunkMessages = 0;
            boolean clean = walk(new BufferSource(data), 0, r.pos());
            suspect = false;
            if (whole && clean) {
                wholeChunks++;
                return r.end();
            }
            partialChunks++;
            notes.add("chunk at byte " + r.pos() + (problem != null ? " is damaged (" + problem + ")" : " holds damaged records")
                    + ": kept the " + chunkMessages + " messages that could be read from it");
            if (whole || r.end() >= file.size()) return Math.min(r.end(), file.size());
            if (plausible(file, r.end(), false, true) >= 0) return r.end();
            // A chunk that does not decompress may have a wrong length: look for the next record after its start.
            suspect = true;
            return resync(file, r.dataPos(), false);
        }

        /** Accounts for the uncompressed chunk being walked in place, now that the walk is at {@code pos}. */
        private void closeChunk(long pos) {
            if (pos == chunkEnd && chunkClean) {
                wholeChunks++;
            } else {
                partialChunks++;
                notes.add("chunk at byte " + chunkPos + (chunkEnd > file.size() ? " is cut off by the end of the file" : " is damaged")
                        + ": kept the " + chunkMessages + " messages that could be read from it");
            }
            chunkEnd = -1;
        }
    }

    /** What to allow a chunk whose declared size cannot be trusted to decompress to. */
    private static int partialSize(int declared, int compressedLength) {
        long guess = Math.max(declared, Math.min(255L * compressedLength + 64, 64L * compressedLength + (1 << 20)));
        return (int) Math.min(Compression.MAX_CHUNK, Math.min(guess, 255L * compressedLength + 64));
    }

    // ---- records and scanning ----

    /** The record at {@code pos}; its data may be cut off by the end of the source; null if its header is. */
    private static RawRecord readRecord(Source src, long pos) {
        long size = src.size();
        if (size - pos < 8) return null;
        long headerLen = src.uint32(pos);
        if (headerLen > BagFile.MAX_HEADER) throw new BagFormatException("a record claims a " + headerLen + "-byte header");
        if (pos + 8 + headerLen > size) return null;
        RecordHeader header = RecordHeader.parse(src.slice(pos + 4, (int) headerLen), 0, (int) headerLen);
        long dataLen = src.uint32(pos + 4 + headerLen);
        long dataPos = pos + 8 + headerLen;
        if (dataLen > Integer.MAX_VALUE) throw new BagFormatException("a record claims " + dataLen + " bytes of data");
        int available = (int) Math.min(dataLen, size - dataPos);
        return new RawRecord(pos, header, dataPos, available, dataLen);
    }

    /**
     * The first position at or after {@code from} where a record starts that is plausible in every field and is
     * followed by another plausible record (or the end), or the end of {@code src}. Every record header holds the
     * field {@code op=X} (4 bytes, so its length prefix is {@code 04 00 00 00}); candidates are found from those bytes
     * and then checked field by field. Requiring two records in a row keeps out the copies of record headers that
     * LZ4's literal runs leave inside compressed chunk data.
     */
    static long resync(Source src, long from, boolean nested) {
        long size = src.size();
        final int window = 64 << 10;
        for (long base = from; base < size; base += window) {
            int len = (int) Math.min(window + 16L, size - base);
            ByteBuffer b = src.slice(base, len);
            for (int i = 0; i + 8 <= len; i++) {
                if (b.get(i + 4) != 'o' || b.get(i + 5) != 'p' || b.get(i + 6) != '=' || b.getInt(i) != 4) continue;
                long field = base + i;
                for (long q = Math.max(from, field - 4 - MAX_OP_PREFIX); q <= field - 4; q++) {
                    if (!fieldsReach(src, q, field)) continue;
                    long next = plausible(src, q, nested, false);
                    if (next >= 0 && followedByRecord(src, next, nested)) return q;
                }
            }
        }
        return size;
    }

    /** Whether the header fields of a record at {@code q} step exactly onto the field at {@code field}. */
    private static boolean fieldsReach(Source src, long q, long field) {
        if (src.size() - q < 8) return false;
        long headerLen = src.uint32(q);
        if (headerLen < 8 || headerLen > MAX_SCANNED_HEADER || field + 8 > q + 4 + headerLen) return false;
        long f = q + 4;
        while (f < field) {
            long l = src.uint32(f);
            if (l == 0 || l > headerLen) return false;
            f += 4 + l;
        }
        return f == field;
    }

    /** Whether a record (or the end, or a record cut off by the end) starts at {@code next}. */
    private static boolean followedByRecord(Source src, long next, boolean nested) {
        return next >= src.size() - 8 || plausible(src, next, nested, true) >= 0;
    }

    /**
     * Checks a record at {@code q} in every field a writer sets: exactly the fields its op has, each of its size,
     * lengths that agree with counts, data within the source (unless {@code allowCut}: then a record cut off by the
     * end counts). Returns where the next record starts (for an uncompressed chunk: its first inner record), or -1.
     */
    private static long plausible(Source src, long q, boolean nested, boolean allowCut) {
        long size = src.size();
        if (size - q < 8) return -1;
        long headerLen = src.uint32(q);
        if (headerLen < 8 || headerLen > MAX_SCANNED_HEADER) return -1;
        if (q + 8 + headerLen > size) return allowCut ? size : -1;
        try {
            RecordHeader h = RecordHeader.parse(src.slice(q + 4, (int) headerLen), 0, (int) headerLen);
            long dataLen = src.uint32(q + 4 + headerLen);
            long dataPos = q + 8 + headerLen;
            long end = dataPos + dataLen;
            boolean fits = end <= size || allowCut;
            int n = h.fields().size();
            boolean ok = switch (h.op()) {
                case Op.MESSAGE_DATA -> {
                    h.int32("conn");
                    h.time("time");
                    yield fits && n == 3;
                }
                case Op.CONNECTION -> {
                    h.int32("conn");
                    h.bytes("topic");
                    if (end <= size) RecordHeader.parse(src.slice(dataPos, (int) dataLen), 0, (int) dataLen);
                    yield fits && n == 3 && dataLen <= BagFile.MAX_HEADER;
                }
                case Op.CHUNK -> {
                    Compression c = Compression.of(h.string("compression"));
                    long s = h.uint32("size");
                    boolean sizes = c == Compression.NONE ? s == dataLen : s <= Compression.MAX_CHUNK && dataLen > 0;
                    if (c == Compression.NONE) end = dataPos;
                    yield !nested && n == 3 && sizes && dataLen <= Integer.MAX_VALUE;
                }
                case Op.INDEX_DATA -> {
                    h.int32("conn");
                    yield !nested && fits && n == 4 && h.uint32("ver") == 1 && dataLen == 12L * h.uint32("count");
                }
                case Op.CHUNK_INFO -> {
                    h.int64("chunk_pos");
                    h.time("start_time");
                    h.time("end_time");
                    yield !nested && fits && n == 6 && h.uint32("ver") == 1 && dataLen == 8L * h.uint32("count");
                }
                default -> false;
            };
            return ok ? end : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** Bytes to walk: the file, or a chunk's decompressed data. */
    private interface Source {
        long size();

        /** {@code len} bytes at {@code pos}, little-endian; fails if they run past the end. */
        ByteBuffer slice(long pos, int len);

        default long uint32(long pos) {
            return Integer.toUnsignedLong(slice(pos, 4).getInt(0));
        }
    }

    private record FileSource(BagFile file) implements Source {
        @Override
        public long size() {
            return file.size();
        }

        @Override
        public ByteBuffer slice(long pos, int len) {
            return file.slice(pos, len);
        }
    }

    private static final class BufferSource implements Source {
        private final ByteBuffer buf;

        BufferSource(byte[] data) {
            this.buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public long size() {
            return buf.limit();
        }

        @Override
        public ByteBuffer slice(long pos, int len) {
            if (pos < 0 || len < 0 || pos + len > buf.limit()) {
                throw new BagTruncatedException("the chunk's data ends at offset " + buf.limit() + ", before " + (pos + len));
            }
            return buf.slice((int) pos, len).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    // ---- the two passes ----

    /** First pass: the copies of every connection record, and a few messages of each connection to test them on. */
    private static final class Collect implements Pass {
        private record Copy(byte[] topic, RecordHeader fields, boolean inIndex, long pos) {}

        private final Map<Integer, List<Copy>> copies = new LinkedHashMap<>();
        private final Map<Integer, List<ByteBuffer>> samples = new HashMap<>();
        private final Map<Integer, String> unusable = new HashMap<>();
        private long sampleBytes;
        int rejected;

        @Override
        public void connection(int id, byte[] topic, RecordHeader fields, boolean inIndex, long pos) {
            List<Copy> list = copies.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.size() < MAX_COPIES) list.add(new Copy(topic, fields, inIndex, pos));
        }

        @Override
        public void message(int conn, long time, ByteBuffer data, boolean suspect) {
            if (suspect) return;
            List<ByteBuffer> s = samples.computeIfAbsent(conn, k -> new ArrayList<>(MAX_SAMPLES));
            if (s.size() < MAX_SAMPLES && data.remaining() <= MAX_SAMPLE_BYTES && sampleBytes < MAX_SAMPLE_TOTAL) {
                byte[] copy = new byte[data.remaining()];
                data.get(data.position(), copy);
                s.add(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
                sampleBytes += copy.length;
            }
        }

        private static final class Option {
            final ConnectionCheck.Valid valid;
            int copies;
            boolean inIndex;
            final long firstPos;
            int decoded = -1;

            Option(ConnectionCheck.Valid valid, long firstPos) {
                this.valid = valid;
                this.firstPos = firstPos;
            }
        }

        /** The connection to use for each id: valid, and of several differing valid copies the best supported. */
        Map<Integer, Connection> choose(Notes notes) {
            Map<Integer, Connection> chosen = new HashMap<>();
            copies.forEach((id, list) -> {
                Map<Object, Option> options = new LinkedHashMap<>();
                for (Copy c : list) {
                    ConnectionCheck.Valid v;
                    try {
                        v = ConnectionCheck.check(id, c.topic(), c.fields());
                    } catch (IllegalArgumentException e) {
                        rejected++;
                        unusable.put(id, e.getMessage());
                        notes.add("connection record at byte " + c.pos() + " (connection " + id + ") is unusable: " + e.getMessage() + "; ignored it");
                        continue;
                    }
                    Option o = options.computeIfAbsent(List.of(v.connection().topic(), v.connection().fields()), k -> new Option(v, c.pos()));
                    o.copies++;
                    o.inIndex |= c.inIndex();
                }
                if (options.isEmpty()) return;
                List<Option> ranked = new ArrayList<>(options.values());
                if (ranked.size() > 1) {
                    List<ByteBuffer> s = samples.getOrDefault(id, List.of());
                    for (Option o : ranked) o.decoded = (int) s.stream().filter(b -> ConnectionCheck.decodes(o.valid.connection(), b)).count();
                    ranked.sort(Comparator.<Option>comparingInt(o -> o.valid.exact() ? 0 : 1)
                            .thenComparingInt(o -> -o.decoded).thenComparingInt(o -> -o.copies)
                            .thenComparingInt(o -> o.inIndex ? 0 : 1).thenComparingLong(o -> o.firstPos));
                }
                Option best = ranked.get(0);
                Connection c = best.valid.connection();
                chosen.put(id, c);
                if (ranked.size() > 1) {
                    notes.add("connection " + id + " has " + ranked.size() + " differing copies; kept the one on " + c.topic()
                            + " (" + c.type() + ", " + best.copies + " of " + list.size() + " copies"
                            + (best.decoded >= 0 ? ", reads " + best.decoded + " sampled messages" : "") + ")");
                }
                if (!best.valid.repairs().isEmpty()) {
                    notes.add("connection " + id + " on " + c.topic() + ": " + String.join("; ", best.valid.repairs()));
                }
                if (!best.valid.exact()) {
                    notes.add("connection " + id + " on " + c.topic() + ": its message_definition does not hash to its md5sum "
                            + c.md5sum() + " (kept as found; Debian's rosbag reads it with a warning)");
                }
            });
            return chosen;
        }
    }

    /** Second pass: every message whose connection is usable goes to the writer. */
    private static final class Emit implements Pass {
        private final BagWriter writer;
        private final Map<Integer, Connection> chosen;
        private final Map<Integer, Long> droppedByConnection = new LinkedHashMap<>();
        long kept;
        long dropped;
        /** Records found by scanning past damage that do not read as their connection's type: not messages. */
        long unreadable;

        Emit(BagWriter writer, Map<Integer, Connection> chosen) {
            this.writer = writer;
            this.chosen = chosen;
        }

        @Override
        public void connection(int id, byte[] topic, RecordHeader fields, boolean inIndex, long pos) {
            // chosen in the first pass
        }

        @Override
        public void message(int conn, long time, ByteBuffer data, boolean suspect) {
            Connection c = chosen.get(conn);
            if (c == null) {
                dropped++;
                droppedByConnection.merge(conn, 1L, Long::sum);
                return;
            }
            if (suspect && !ConnectionCheck.decodes(c, data)) {
                unreadable++;
                return;
            }
            writer.write(new BagMessage(c, time, data));
            kept++;
        }

        void note(Notes notes, Collect collect) {
            if (unreadable > 0) {
                notes.add(unreadable + " message records found by scanning past damage do not read as their connection's type; left out");
            }
            droppedByConnection.forEach((conn, n) -> {
                String why = collect.unusable.get(conn);
                notes.add(n + " messages of connection " + conn + " dropped: "
                        + (why != null ? "its connection record is unusable (" + why + ")" : "the file never defines that connection"));
            });
        }
    }

    /** Notes for the report, bounded so that a file of garbage cannot fill memory with them. */
    private static final class Notes {
        private final List<String> notes = new ArrayList<>();
        private long more;

        void add(String note) {
            if (notes.size() < MAX_NOTES) notes.add(note);
            else more++;
        }

        List<String> list() {
            List<String> out = new ArrayList<>(notes);
            if (more > 0) out.add("... and " + more + " more notes like these");
            return List.copyOf(out);
        }
    }

    private record ChunkHeaderFields(Compression compression, int size) {
        static ChunkHeaderFields of(RawRecord r) {
            Compression c;
            try {
                c = Compression.of(r.header().string("compression"));
            } catch (BagFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new BagFormatException("a chunk with unsupported compression '"
                        + ConnectionCheck.printable(r.header().string("compression")) + "'");
            }
            long size = r.header().uint32("size");
            if (size > Compression.MAX_CHUNK) throw new BagFormatException("a chunk that claims " + size + " bytes");
            return new ChunkHeaderFields(c, (int) size);
        }
    }
}
