package org.liquidpilot.bags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies a bag end to end: header and index readable; every chunk where its chunk info says, decompressing to its
 * declared size, its records well-formed; message counts, times and connections as the chunk info says; and each
 * index data record pointing at exactly the messages of its connection in that chunk, in time order.
 */
public final class BagCheck {
    private BagCheck() {}

    /** {@code problem} is null when the bag is sound. */
    public record Result(boolean sound, String problem, long messages, int chunks) {
        static Result bad(String problem) {
            return new Result(false, problem, 0, 0);
        }
    }

    public static Result check(Path path) throws IOException {
        BagReader reader;
        try {
            reader = BagReader.open(path);
        } catch (BagFormatException e) {
            return Result.bad(e.getMessage());
        }
        try (reader) {
            long messages = 0;
            BagFile file = BagFile.open(path);
            try (file) {
                long prevEnd = 0;
                for (ChunkInfo ci : reader.chunkInfos()) {
                    String where = "chunk at byte " + ci.chunkPos();
                    ChunkHeader h = reader.chunkHeader(ci);
                    if (h.end() > reader.indexPos()) return Result.bad(where + " runs into the index section");
                    if (h.pos() < prevEnd) return Result.bad(where + " overlaps the chunk before it");
                    prevEnd = h.end();
                    ByteBuffer data = reader.chunkData(h);
                    Map<Integer, Integer> counts = new HashMap<>();
                    Map<Integer, Map<Integer, Long>> offsets = new HashMap<>();
                    ChunkCursor cur = new ChunkCursor(data, false);
                    while (cur.next()) {
                        if (cur.op() == Op.CONNECTION) {
                            Connection c = cur.connection();
                            Connection indexed = reader.connections().get(c.id());
                            if (indexed == null || !indexed.topic().equals(c.topic()) || !indexed.md5sum().equals(c.md5sum())) {
                                return Result.bad(where + " defines connection " + c.id() + " differently from the index");
                            }
                            continue;
                        }
                        if (cur.op() != Op.MESSAGE_DATA) return Result.bad(where + " holds a " + Op.name(cur.op()) + " record");
                        if (!reader.connections().containsKey(cur.conn())) {
                            return Result.bad(where + " holds a message on unknown connection " + cur.conn());
                        }
                        if (cur.time() < ci.startTime() || cur.time() > ci.endTime()) {
                            return Result.bad(where + " holds a message at " + BagTime.format(cur.time())
                                    + ", outside its indexed span");
                        }
                        counts.merge(cur.conn(), 1, Integer::sum);
                        offsets.computeIfAbsent(cur.conn(), k -> new HashMap<>()).put(cur.recordOffset(), cur.time());
                    }
                    if (!counts.equals(ci.counts())) {
                        return Result.bad(where + " holds " + counts + " messages per connection, its chunk info says " + ci.counts());
                    }
                    String indexProblem = checkIndexData(file, h, ci, offsets);
                    if (indexProblem != null) return Result.bad(where + ": " + indexProblem);
                    messages += ci.messageCount();
                }
            }
            return new Result(true, null, messages, reader.chunkInfos().size());
        } catch (BagFormatException e) {
            return Result.bad(e.getMessage());
        }
    }

    private static String checkIndexData(BagFile file, ChunkHeader h, ChunkInfo ci, Map<Integer, Map<Integer, Long>> offsets) {
        long pos = h.end();
        for (int i = 0; i < ci.counts().size(); i++) {
            RawRecord r = file.record(pos);
            if (r.header().op() != Op.INDEX_DATA) return "expected index data after it, found " + Op.name(r.header().op());
            if (r.header().uint32("ver") != 1) return "index data version is not 1";
            int conn = r.header().int32("conn");
            int count = r.header().int32("count");
            Map<Integer, Long> expected = offsets.get(conn);
            if (expected == null || expected.size() != count || (long) count * 12 != r.dataLength()) {
                return "index data for connection " + conn + " lists " + count + " messages, the chunk holds "
                        + (expected == null ? 0 : expected.size());
            }
            ByteBuffer d = file.data(r);
            long last = Long.MIN_VALUE;
            for (int k = 0; k < count; k++) {
                long t = BagTime.read(d, 12 * k);
                int off = d.getInt(12 * k + 8);
                Long at = expected.get(off);
                if (at == null || at != t) return "index entry " + k + " of connection " + conn + " points at no such message";
                if (t < last) return "index data for connection " + conn + " is not in time order";
                last = t;
            }
            pos = r.end();
        }
        return null;
    }
}
