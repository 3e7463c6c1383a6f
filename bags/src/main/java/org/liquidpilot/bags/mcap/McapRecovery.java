package org.liquidpilot.bags.mcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Rebuilds an MCAP file that was cut off, or whose recording was killed before its summary was written, into a new,
 * complete file. The data section is walked from the start, trusting nothing after it:
 * <ul>
 * <li>every whole chunk whose CRC holds gives all its records; a whole chunk that does not decompress or fails its
 * CRC is dropped and noted;</li>
 * <li>the chunk cut off by the end of the file gives every record that is complete in the part that decodes: for an
 * uncompressed chunk, every record that ends before the cut; for lz4, the records within its complete 64 KiB blocks
 * (our writer's block size); for zstd, the records within the data its decoder yields before the cut;</li>
 * <li>schema, channel and message records outside chunks are kept when complete;</li>
 * <li>a message whose channel record was lost is dropped and counted.</li>
 * </ul>
 * The walk ends at the data end record, at the first record cut off by the end of the file, or at a record whose
 * length is impossible (noted). Only a file without the MCAP magic is refused.
 */
public final class McapRecovery {
    private static final int MAX_NOTES = 40;

    /** What recovery kept and left out. */
    public record Report(long messages, int wholeChunks, int partialChunks, int damagedChunks, long droppedMessages,
                         String profile, McapCompression compression, List<String> notes) {}

    private McapRecovery() {}

    /** Recovers {@code in} into {@code out}; {@code compression} null keeps the input's (of its first chunk). */
    public static Report recover(Path in, Path out, McapCompression compression) throws IOException {
        try (FileChannel f = FileChannel.open(in, StandardOpenOption.READ)) {
            return new Walk(in, f, out, compression).run();
        }
    }

    private static final class Walk {
        private final Path in;
        private final FileChannel file;
        private final long size;
        private final Path outPath;
        private McapCompression compression;
        private McapWriter out;
        private String profile = "";
        private final List<McapSchema> pendingSchemas = new ArrayList<>();
        private final List<McapChannel> pendingChannels = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private long messages, dropped;
        private int whole, partial, damaged;

        Walk(Path in, FileChannel file, Path outPath, McapCompression compression) throws IOException {
            this.in = in;
            this.file = file;
            this.size = file.size();
            this.outPath = outPath;
            this.compression = compression;
        }

        private ByteBuffer read(long pos, long len) throws IOException {
            ByteBuffer b = ByteBuffer.allocate((int) len).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining() && file.read(b, pos + b.position()) >= 0) { /* fill */ }
            if (b.hasRemaining()) throw new IOException(in + " shrank while being read");
            return b.flip();
        }

        private void note(String s) {
            if (notes.size() < MAX_NOTES) notes.add(s);
        }

        Report run() throws IOException {
            int m = McapWriter.MAGIC.length;
            if (size < m || !Arrays.equals(read(0, m).array(), McapWriter.MAGIC)) {
                throw new McapFormatException(in.getFileName() + " is not an MCAP file (no MCAP magic)");
            }
            try {
                walk(m);
                openOutput();
                return new Report(messages, whole, partial, damaged, dropped, profile, compression, List.copyOf(notes));
            } finally {
                if (out != null) out.close();
            }
        }

        private void walk(long pos) throws IOException {
            while (true) {
                if (pos == size) {
                    note("the file ends after byte " + pos + " without a data end record");
                    return;
                }
                if (size - pos < Opcode.PREFIX) {
                    note("a record prefix at byte " + pos + " is cut off");
                    return;
                }
                ByteBuffer p = read(pos, Opcode.PREFIX);
                int op = p.get(0) & 0xFF;
                long len = p.getLong(1);
                long available = size - pos - Opcode.PREFIX;
                if (op == Opcode.DATA_END || op == Opcode.FOOTER) return;
                if (len < 0 || len > available) {
                    if (op == Opcode.CHUNK && available <= McapCompression.MAX_CHUNK) {
                        partialChunk(pos, read(pos + Opcode.PREFIX, available));
                    } else {
                        note(Opcode.name(op) + " record at byte " + pos + " is cut off by the end of the file (it claims "
                                + Long.toUnsignedString(len) + " bytes, " + available + " remain)");
                    }
                    return;
                }
                boolean parsed = op == Opcode.HEADER || op == Opcode.SCHEMA || op == Opcode.CHANNEL || op == Opcode.MESSAGE || op == Opcode.CHUNK;
                if (parsed && len > McapCompression.MAX_CHUNK) {
                    note(Opcode.name(op) + " record at byte " + pos + " claims " + len + " bytes; the walk stops there");
                    return;
                }
                if (parsed) record(op, read(pos + Opcode.PREFIX, len), pos);
                pos += Opcode.PREFIX + len;
            }
        }

        private void record(int op, ByteBuffer content, long pos) throws IOException {
            RecordReader r = new RecordReader(content, 0, content.limit(), Opcode.name(op) + " at byte " + pos);
            try {
                switch (op) {
                    case Opcode.HEADER -> profile = Records.header(r).profile();
                    case Opcode.CHUNK -> wholeChunk(r, pos);
                    default -> inner(op, r);
                }
            } catch (McapFormatException e) {
                note("skipped: " + e.getMessage());
            }
        }

        /** A schema, channel or message record, inside a chunk or not. */
        private void inner(int op, RecordReader r) throws IOException {
            switch (op) {
                case Opcode.SCHEMA -> schema(Records.schema(r));
                case Opcode.CHANNEL -> channel(Records.channel(r));
                case Opcode.MESSAGE -> message(Records.message(r));
                default -> { /* indexes, attachments, metadata: rebuilt or not needed */ }
            }
        }

        private void wholeChunk(RecordReader r, long pos) throws IOException {
            Records.Chunk c = Records.chunk(r);
            chooseCompression(c.compression());
            byte[] packed = r.raw(c.recordsLength(), "records");
            byte[] plain;
            try {
                plain = c.compression().decompress(packed, c.uncompressedSize());
                if (c.crc() != 0) {
                    CRC32 crc = new CRC32();
                    crc.update(plain, 0, (int) c.uncompressedSize());
                    if (crc.getValue() != c.crc()) throw new McapFormatException("CRC mismatch");
                }
            } catch (McapFormatException e) {
                damaged++;
                note("chunk at byte " + pos + " is damaged (" + e.getMessage() + "); its messages are left out");
                return;
            }
            whole++;
            records(ByteBuffer.wrap(plain, 0, (int) c.uncompressedSize()).slice(), pos);
        }

        private void partialChunk(long pos, ByteBuffer content) throws IOException {
            RecordReader r = new RecordReader(content, 0, content.limit(), "cut-off chunk at byte " + pos);
            try {
                r.u64("message start time");
                r.u64("message end time");
                long plainSize = r.u64("uncompressed size");
                r.u32("uncompressed crc");
                McapCompression c = McapCompression.ofChunk(r.string("compression"));
                r.u64("records length");
                chooseCompression(c);
                byte[] packed = r.raw(r.remaining(), "records");
                McapCompression.Prefix prefix = c.decodePrefix(packed, (int) Math.min(plainSize, McapCompression.MAX_CHUNK));
                partial++;
                long before = messages;
                records(ByteBuffer.wrap(prefix.bytes(), 0, prefix.length()).slice(), pos);
                note("chunk at byte " + pos + " is cut off: kept the " + (messages - before) + " complete messages of its first "
                        + prefix.length() + " of " + plainSize + " bytes");
            } catch (McapFormatException e) {
                note("cut-off chunk at byte " + pos + " is unreadable: " + e.getMessage());
            }
        }

        private void records(ByteBuffer plain, long chunkPos) throws IOException {
            RecordCursor cur = new RecordCursor(plain, plain.limit(), true, "chunk at byte " + chunkPos);
            while (cur.next()) {
                try {
                    inner(cur.op(), cur.content(Opcode.name(cur.op()) + " in chunk at byte " + chunkPos));
                } catch (McapFormatException e) {
                    note("skipped: " + e.getMessage());
                }
            }
        }

        private void chooseCompression(McapCompression c) {
            if (compression == null) compression = c;
        }

        private void schema(McapSchema s) {
            if (out == null) pendingSchemas.add(s);
            else add(() -> out.addSchema(s), "schema " + s.id());
        }

        private void channel(McapChannel c) throws IOException {
            if (out == null) {
                pendingChannels.add(c);
                return;
            }
            add(() -> out.addChannel(c), "channel " + c.id() + " (" + c.topic() + ")");
        }

        private void add(Runnable r, String what) {
            try {
                r.run();
            } catch (IllegalArgumentException e) {
                note(what + " left out: " + e.getMessage());
            }
        }

        private void message(McapMessage msg) throws IOException {
            // The output opens at the first message: by then the chunk it came from has set the compression to keep.
            openOutput();
            if (!out.hasChannel(msg.channelId())) {
                dropped++;
                return;
            }
            out.write(msg);
            messages++;
        }

        private void openOutput() throws IOException {
            if (out != null) return;
            if (compression == null) compression = McapCompression.NONE;
            out = McapWriter.create(outPath, new McapWriter.Options(profile, compression, McapWriter.DEFAULT_CHUNK_SIZE));
            for (McapSchema s : pendingSchemas) schema(s);
            for (McapChannel c : pendingChannels) channel(c);
            pendingSchemas.clear();
            pendingChannels.clear();
        }
    }
}
