package org.liquidpilot.bags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a bag whose index is missing, cut off, or never written, by walking its records from the start.
 * <p>
 * Everything complete is kept: whole chunks; the whole records at the start of a chunk cut off by the end of the
 * file (and the complete LZ4 blocks of a cut-off compressed chunk); and the records a killed C++ recorder left
 * after its open chunk's placeholder header. Debian's {@code rosbag reindex} drops the last two, so a recovered
 * bag holds at least as many messages as reindex keeps. The output is written with {@link BagWriter}, in the input's
 * compression unless another is asked for; for a bag written by python's rosbag it comes out byte-identical to the
 * original.
 */
public final class BagRecovery {
    private BagRecovery() {}

    /** What recovery found and kept. */
    public record Report(long messages, int wholeChunks, int partialChunks, long messagesAfterOpenChunk,
                         long droppedMessages, Compression compression, List<String> notes) {}

    public static Report recover(Path in, Path out) throws IOException {
        return recover(in, out, null);
    }

    /** @param compression output compression; null keeps the input's (that of its first chunk) */
    public static Report recover(Path in, Path out, Compression compression) throws IOException {
        if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("recover writes a new file; give an output other than the input");
        }
        try (BagFile file = BagFile.open(in)) {
            Walk walk = new Walk(file);
            Compression outCompression = compression != null ? compression : walk.firstCompression();
            try (BagWriter writer = BagWriter.create(out, outCompression)) {
                walk.run(writer);
            }
            return new Report(walk.kept, walk.wholeChunks, walk.partialChunks, walk.afterOpenChunk, walk.dropped,
                    outCompression, List.copyOf(walk.notes));
        }
    }

    private static final class Walk {
        private final BagFile file;
        private final Map<Integer, Connection> connections = new HashMap<>();
        private final List<PendingMessage> waiting = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private long kept;
        private long dropped;
        private int wholeChunks;
        private int partialChunks;
        private long afterOpenChunk;
        private boolean inOpenChunk;

        private record PendingMessage(int conn, long time, ByteBuffer data) {}

        Walk(BagFile file) {
            this.file = file;
        }

        Compression firstCompression() {
            try {
                long pos = BagReader.fileHeader(file).end();
                RawRecord r = file.recordAllowingCut(pos);
                while (r != null) {
                    if (r.header().op() == Op.CHUNK) return Compression.of(r.header().string("compression"));
                    if (r.cut()) break;
                    r = file.recordAllowingCut(r.end());
                }
            } catch (IllegalArgumentException e) {
                // an unreadable start: fall back to no compression, the walk reports the problem
            }
            return Compression.NONE;
        }

        void run(BagWriter writer) {
            long pos;
            try {
                pos = BagReader.fileHeader(file).end();
            } catch (BagFormatException e) {
                notes.add("the bag header is unreadable (" + e.getMessage() + "); nothing recovered");
                return;
            }
            while (pos < file.size()) {
                RawRecord r;
                try {
                    r = file.recordAllowingCut(pos);
                } catch (BagFormatException e) {
                    notes.add("stopped at byte " + pos + ": " + e.getMessage());
                    break;
                }
                if (r == null) {
                    notes.add("the file ends inside a record header at byte " + pos);
                    break;
                }
                try {
                    if (!record(r, writer)) break;
                } catch (BagFormatException e) {
                    notes.add("stopped at byte " + pos + ": " + e.getMessage());
                    break;
                }
                pos = r.end();
            }
            for (PendingMessage m : waiting) {
                Connection c = connections.get(m.conn());
                if (c == null) {
                    dropped++;
                    continue;
                }
                writer.write(new BagMessage(c, m.time(), m.data()));
                kept++;
            }
            if (dropped > 0) notes.add(dropped + " messages name a connection the file never defines; dropped");
        }

        /** Handles one top-level record; false to stop. */
        private boolean record(RawRecord r, BagWriter writer) {
            int op = r.header().op();
            switch (op) {
                case Op.CHUNK -> {
                    ChunkHeaderFields h = ChunkHeaderFields.of(r);
                    if (h.size() == 0 && r.declaredLength() == 0) {
                        // A C++ recorder's open chunk: its records follow at top level until the end of the file.
                        inOpenChunk = true;
                        notes.add("an unfinished chunk at byte " + r.pos() + " (a recorder stopped without closing it): its records are kept");
                        if (h.compression() != Compression.NONE) {
                            ByteBuffer rest = file.slice(r.end(), (int) Math.min(Integer.MAX_VALUE, file.size() - r.end()));
                            byte[] data = h.compression().decompress(rest, 0, rest.limit(), Compression.MAX_CHUNK, true);
                            afterOpenChunk += walkChunk(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), writer, true);
                            return false;
                        }
                        return true;
                    }
                    inOpenChunk = false;
                    ByteBuffer raw = file.slice(r.dataPos(), r.dataLength());
                    boolean cut = r.cut();
                    byte[] data = null;
                    if (!cut) {
                        try {
                            data = h.compression() == Compression.NONE ? null
                                    : h.compression().decompress(raw, 0, r.dataLength(), h.size(), false);
                        } catch (BagFormatException e) {
                            notes.add("chunk at byte " + r.pos() + " does not decompress (" + e.getMessage() + "); keeping what does");
                            cut = true;
                        }
                    }
                    if (cut && h.compression() != Compression.NONE) data = h.compression().decompress(raw, 0, r.dataLength(), h.size(), true);
                    ByteBuffer records = data == null ? raw : ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                    long n = walkChunk(records, writer, cut);
                    if (cut) {
                        partialChunks++;
                        notes.add("chunk at byte " + r.pos() + " is cut off by the end of the file: kept its first " + n + " messages");
                        return false;
                    }
                    wholeChunks++;
                    return true;
                }
                case Op.CONNECTION -> {
                    if (r.cut()) return false;
                    Connection c = Connection.parse(r.header(), file.data(r), 0, r.dataLength());
                    connections.putIfAbsent(c.id(), c);
                    return true;
                }
                case Op.MESSAGE_DATA -> {
                    if (r.cut()) {
                        notes.add("the last message, at byte " + r.pos() + ", is cut off by the end of the file");
                        return false;
                    }
                    message(r.header().int32("conn"), r.header().time("time"), file.data(r), writer);
                    if (inOpenChunk) afterOpenChunk++;
                    return true;
                }
                case Op.INDEX_DATA, Op.CHUNK_INFO -> {
                    return !r.cut();
                }
                default -> {
                    notes.add("unexpected " + Op.name(op) + " record at byte " + r.pos() + "; stopped there");
                    return false;
                }
            }
        }

        private long walkChunk(ByteBuffer records, BagWriter writer, boolean lenient) {
            ChunkCursor cur = new ChunkCursor(records, lenient);
            long n = 0;
            try {
                while (cur.next()) {
                    if (cur.op() == Op.CONNECTION) {
                        Connection c = cur.connection();
                        connections.putIfAbsent(c.id(), c);
                    } else if (cur.op() == Op.MESSAGE_DATA) {
                        message(cur.conn(), cur.time(), cur.data(), writer);
                        n++;
                    }
                }
            } catch (BagFormatException e) {
                if (!lenient) throw e;
                notes.add("a damaged record inside a chunk: " + e.getMessage());
            }
            return n;
        }

        private void message(int conn, long time, ByteBuffer data, BagWriter writer) {
            Connection c = connections.get(conn);
            if (c == null) {
                // Defined later (some writers put connections only in the index): keep it until the end.
                waiting.add(new PendingMessage(conn, time, data));
                return;
            }
            writer.write(new BagMessage(c, time, data));
            kept++;
        }
    }

    private record ChunkHeaderFields(Compression compression, int size) {
        static ChunkHeaderFields of(RawRecord r) {
            Compression c;
            try {
                c = Compression.of(r.header().string("compression"));
            } catch (IllegalArgumentException e) {
                throw new BagFormatException("chunk at byte " + r.pos() + " uses unsupported compression");
            }
            long size = r.header().uint32("size");
            if (size > Compression.MAX_CHUNK) throw new BagFormatException("chunk at byte " + r.pos() + " claims " + size + " bytes");
            return new ChunkHeaderFields(c, (int) size);
        }
    }
}
