package org.liquidpilot.bags;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which messages of an intact uncompressed bag lie wholly before a byte offset: what a cut there must not lose. */
final class CompleteMessages {
    private CompleteMessages() {}

    /** The messages whose records end at or before {@code cut}, in file order, as {@link Fixtures#read} lists them. */
    static List<Fixtures.Entry> before(Path bag, long cut) throws IOException {
        List<Fixtures.Entry> out = new ArrayList<>();
        Map<Integer, String> topics = new HashMap<>();
        try (BagFile f = BagFile.open(bag)) {
            long pos = BagReader.fileHeader(f).end();
            while (pos < f.size()) {
                RawRecord r = f.record(pos);
                if (r.header().op() == Op.CHUNK) {
                    if (!"none".equals(r.header().string("compression"))) throw new IllegalArgumentException("needs an uncompressed bag");
                    ChunkCursor c = new ChunkCursor(f.data(r), false);
                    while (c.next()) {
                        long end = r.dataPos() + c.consumed();
                        if (end > cut) return out;
                        if (c.op() == Op.CONNECTION) {
                            Connection conn = c.connection();
                            topics.put(conn.id(), conn.topic());
                        } else if (c.op() == Op.MESSAGE_DATA) {
                            ByteBuffer d = c.data();
                            byte[] bytes = new byte[d.remaining()];
                            d.get(bytes);
                            out.add(new Fixtures.Entry(topics.get(c.conn()), c.time(), bytes.length, Fixtures.md5(bytes)));
                        }
                    }
                }
                pos = r.end();
            }
        }
        return out;
    }
}
