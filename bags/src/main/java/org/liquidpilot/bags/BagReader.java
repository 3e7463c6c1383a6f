package org.liquidpilot.bags;

import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.Messages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads an indexed rosbag v2.0 file. Opening reads only the file header and the index section at its end
 * (connections and chunk infos); chunks are decompressed when a query needs them, so a topic or time-range query
 * never touches chunks that the index says hold nothing for it.
 * <p>
 * A bag whose index is missing or unreadable (killed recorder, cut-off file) raises {@link BagUnindexedException};
 * {@link BagRecovery} rebuilds it.
 */
public final class BagReader implements Recording {
    private final BagFile file;
    private final long indexPos;
    private final Map<Integer, Connection> connections;
    private final List<ChunkInfo> chunks;
    private final Map<Integer, MessageCodec<?>> codecs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, DynamicCodec> dynamicCodecs = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong chunksDecoded = new java.util.concurrent.atomic.AtomicLong();

    private BagReader(BagFile file, long indexPos, Map<Integer, Connection> connections, List<ChunkInfo> chunks) {
        this.file = file;
        this.indexPos = indexPos;
        this.connections = connections;
        this.chunks = chunks;
    }

    public static BagReader open(Path path) throws IOException {
        BagFile file = BagFile.open(path);
        try {
            return readIndex(file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The file header record that follows the version line. */
    record FileHeader(long indexPos, int connCount, int chunkCount, long end) {}

    static FileHeader fileHeader(BagFile file) {
        RawRecord r = file.record(BagFile.MAGIC.length);
        if (r.header().op() != Op.FILE_HEADER) {
            throw new BagFormatException("the first record is " + Op.name(r.header().op()) + ", not the bag header");
        }
        return new FileHeader(r.header().int64("index_pos"), r.header().int32("conn_count"),
                r.header().int32("chunk_count"), r.end());
    }

    private static BagReader readIndex(BagFile file) {
        String name = file.path().toString();
        FileHeader h;
        try {
            h = fileHeader(file);
        } catch (BagFormatException e) {
            // The index cannot be found without the header's index fields; recovery does not need them.
            throw new BagUnindexedException("bag unindexed: " + name + " has a damaged bag header (" + e.getMessage()
                    + "); run 'bag recover' to rebuild it");
        }
        if (h.indexPos() == 0) {
            throw new BagUnindexedException("bag unindexed: " + name + " has no index (an unfinished recording?); "
                    + "run 'bag recover' to rebuild it");
        }
        // An empty bag's index (no connections, no chunks) starts exactly at the end of the file.
        if (h.indexPos() < h.end() || h.indexPos() > file.size()) {
            throw new BagUnindexedException("bag unindexed: " + name + " says its index is at byte " + h.indexPos()
                    + " but the file has " + file.size() + " bytes (cut off?); run 'bag recover' to rebuild it");
        }
        try {
            Map<Integer, Connection> conns = new TreeMap<>();
            List<ChunkInfo> chunks = new ArrayList<>();
            long pos = h.indexPos();
            for (int i = 0; i < h.connCount(); i++) {
                RawRecord r = file.record(pos);
                if (r.header().op() != Op.CONNECTION) {
                    throw new BagFormatException("expected a connection record at " + pos + ", found " + Op.name(r.header().op()));
                }
                Connection c = Connection.parse(r.header(), file.data(r), 0, r.dataLength());
                conns.put(c.id(), c);
                pos = r.end();
            }
            for (int i = 0; i < h.chunkCount(); i++) {
                RawRecord r = file.record(pos);
                if (r.header().op() != Op.CHUNK_INFO) {
                    throw new BagFormatException("expected a chunk info record at " + pos + ", found " + Op.name(r.header().op()));
                }
                chunks.add(chunkInfo(r, file.data(r), h, conns));
                pos = r.end();
            }
            return new BagReader(file, h.indexPos(), Collections.unmodifiableMap(conns), List.copyOf(chunks));
        } catch (BagUnindexedException e) {
            throw e;
        } catch (BagFormatException e) {
            throw new BagUnindexedException("bag unindexed: " + name + " has an unreadable index (" + e.getMessage()
                    + "); run 'bag recover' to rebuild it");
        }
    }

    private static ChunkInfo chunkInfo(RawRecord r, ByteBuffer data, FileHeader h, Map<Integer, Connection> conns) {
        RecordHeader hd = r.header();
        long ver = hd.uint32("ver");
        if (ver != 1) throw new BagFormatException("chunk info version " + ver + " is not 1");
        long chunkPos = hd.int64("chunk_pos");
        if (chunkPos < h.end() || chunkPos >= h.indexPos()) {
            throw new BagFormatException("chunk info points at byte " + chunkPos + ", outside the chunk area");
        }
        int count = hd.int32("count");
        if ((long) count * 8 != r.dataLength()) {
            throw new BagFormatException("chunk info with " + count + " connections has " + r.dataLength() + " bytes of data");
        }
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int conn = data.getInt(i * 8);
            int n = data.getInt(i * 8 + 4);
            if (!conns.containsKey(conn)) throw new BagFormatException("chunk info names unknown connection " + conn);
            if (n < 0) throw new BagFormatException("chunk info count " + Integer.toUnsignedString(n) + " is too large");
            counts.put(conn, n);
        }
        long start = hd.time("start_time");
        long end = hd.time("end_time");
        if (start > end) throw new BagFormatException("chunk info at " + chunkPos + " ends before it starts");
        return new ChunkInfo(chunkPos, start, end, counts);
    }

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public long size() {
        return file.size();
    }

    long indexPos() {
        return indexPos;
    }

    /** Connections by id. */
    @Override
    public Map<Integer, Connection> connections() {
        return connections;
    }

    public List<ChunkInfo> chunkInfos() {
        return chunks;
    }

    @Override
    public long messageCount() {
        long n = 0;
        for (ChunkInfo c : chunks) n += c.messageCount();
        return n;
    }

    /** Time of the earliest message, or 0 for an empty bag. */
    @Override
    public long startTime() {
        return chunks.stream().mapToLong(ChunkInfo::startTime).min().orElse(0);
    }

    @Override
    public long endTime() {
        return chunks.stream().mapToLong(ChunkInfo::endTime).max().orElse(0);
    }

    /** Message count per connection id, from the index. */
    @Override
    public Map<Integer, Long> countsByConnection() {
        Map<Integer, Long> m = new TreeMap<>();
        for (Connection c : connections.values()) m.put(c.id(), 0L);
        for (ChunkInfo ci : chunks) ci.counts().forEach((k, v) -> m.merge(k, (long) v, Long::sum));
        return m;
    }

    /** The chunk record a chunk info points at. */
    public ChunkHeader chunkHeader(ChunkInfo info) {
        return chunkHeader(file, info.chunkPos());
    }

    static ChunkHeader chunkHeader(BagFile file, long pos) {
        RawRecord r = file.record(pos);
        RecordHeader h = r.header();
        if (h.op() != Op.CHUNK) throw new BagFormatException("expected a chunk at byte " + pos + ", found " + Op.name(h.op()));
        Compression c;
        try {
            c = Compression.of(h.string("compression"));
        } catch (IllegalArgumentException e) {
            throw new BagFormatException("chunk at byte " + pos + " uses unsupported compression '" + h.string("compression") + "'");
        }
        long size = h.uint32("size");
        if (size > Compression.MAX_CHUNK) throw new BagFormatException("chunk at byte " + pos + " claims " + size + " bytes");
        return new ChunkHeader(pos, c, (int) size, r.dataPos(), r.dataLength());
    }

    /** Chunks read so far (a query that the index rules out reads none). */
    public long chunksDecoded() {
        return chunksDecoded.get();
    }

    /** The uncompressed records of a chunk; for an uncompressed chunk a view of the file, not a copy. */
    public ByteBuffer chunkData(ChunkHeader h) {
        chunksDecoded.incrementAndGet();
        ByteBuffer raw = file.slice(h.dataPos(), h.dataLength());
        if (h.compression() == Compression.NONE) {
            if (h.dataLength() != h.uncompressedSize()) {
                throw new BagFormatException("uncompressed chunk at " + h.pos() + " holds " + h.dataLength()
                        + " bytes, its header says " + h.uncompressedSize());
            }
            return raw;
        }
        byte[] out = h.compression().decompress(raw, 0, h.dataLength(), h.uncompressedSize(), false);
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Messages matching {@code query}, in time order (file order among equal times). */
    @Override
    public Iterable<BagMessage> messages(BagQuery query) {
        return () -> new MessageIterator(query);
    }

    public Iterable<BagMessage> messages() {
        return messages(BagQuery.all());
    }

    public Stream<BagMessage> stream(BagQuery query) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new MessageIterator(query),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** A message decoded with its codec, with its topic and bag time. */
    public record Decoded<T>(String topic, long time, T message) {}

    /** Messages of {@code topic} decoded with {@code codec}, in time order. */
    public <T> Stream<Decoded<T>> read(String topic, MessageCodec<T> codec) {
        return stream(BagQuery.topics(topic)).map(m -> new Decoded<>(m.topic(), m.time(), m.decode(codec)));
    }

    /**
     * The codec for a connection's messages: the project's typed codec when its md5sum matches, otherwise one built
     * from the connection's {@code message_definition}, so types the project has never heard of still decode.
     */
    @Override
    public MessageCodec<?> codec(Connection c) {
        return codecs.computeIfAbsent(c.id(), id -> Messages.codec(c.type(), c.md5sum(), c.messageDefinition()));
    }

    /** A definition-driven codec for a connection: messages as value trees (field name to value, in order). */
    public DynamicCodec dynamicCodec(Connection c) {
        return dynamicCodecs.computeIfAbsent(c.id(), id -> {
            DynamicCodec d = DynamicCodec.fromDefinition(c.type(), c.messageDefinition());
            if (!d.md5sum().equals(c.md5sum())) {
                throw new BagFormatException("connection " + c.id() + " on " + c.topic() + ": its definition hashes to "
                        + d.md5sum() + ", not its md5sum " + c.md5sum());
            }
            return d;
        });
    }

    /** Decodes a message with {@link #codec}: a typed record, or a value tree. */
    @Override
    public Object decode(BagMessage m) {
        return m.decode(codec(m.connection()));
    }

    @Override
    public void close() {
        file.close();
    }

    /** A rosbag holds ROS 1 serialised messages only. */
    @Override
    public void requireRos1(String job) {
    }

    /**
     * Walks the selected chunks in time order. Chunks whose time spans overlap or touch are read together, in file
     * order, and their messages
     * merged; chunks that do not (the usual case) are read one at a time.
     */
    private final class MessageIterator implements Iterator<BagMessage> {
        private final BagQuery query;
        private final java.util.function.IntPredicate wanted;
        private final List<ChunkInfo> selected;
        private int nextChunk;
        private final List<BagMessage> batch = new ArrayList<>();
        private int batchPos;

        MessageIterator(BagQuery query) {
            this.query = query;
            java.util.Set<Integer> ids = new java.util.HashSet<>();
            for (Connection c : connections.values()) if (query.matches(c.topic())) ids.add(c.id());
            int maxId = connections.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
            if (maxId < 1 << 16) {
                // Ids are small in every real bag: a lookup table keeps the per-message test cheap.
                boolean[] table = new boolean[maxId + 1];
                for (int id : ids) table[id] = true;
                wanted = id -> id < table.length && table[id];
            } else {
                wanted = ids::contains;
            }
            selected = new ArrayList<>();
            for (ChunkInfo ci : chunks) {
                if (!ci.overlaps(query.start(), query.end())) continue;
                for (int conn : ci.counts().keySet()) {
                    if (wanted.test(conn)) {
                        selected.add(ci);
                        break;
                    }
                }
            }
            selected.sort(Comparator.comparingLong(ChunkInfo::startTime));
        }

        @Override
        public boolean hasNext() {
            while (batchPos >= batch.size()) {
                if (nextChunk >= selected.size()) return false;
                loadGroup();
            }
            return true;
        }

        @Override
        public BagMessage next() {
            if (!hasNext()) throw new NoSuchElementException();
            return batch.get(batchPos++);
        }

        private void loadGroup() {
            batch.clear();
            batchPos = 0;
            long groupEnd = selected.get(nextChunk).endTime();
            int first = nextChunk++;
            // Touching spans count as overlapping: a chunk may begin at the very time the previous one ends.
            while (nextChunk < selected.size() && selected.get(nextChunk).startTime() <= groupEnd) {
                groupEnd = Math.max(groupEnd, selected.get(nextChunk).endTime());
                nextChunk++;
            }
            // The group's chunks are read in file order, so that the stable sort below keeps file order among equal
            // times. In start-time order, a chunk that starts earlier because another topic's message was received
            // earlier would put its messages ahead of an earlier chunk's messages of the same time: a recorder that
            // takes a burst of frames under one clock reading then reads back out of order.
            List<ChunkInfo> group = new ArrayList<>(selected.subList(first, nextChunk));
            group.sort(Comparator.comparingLong(ChunkInfo::chunkPos));
            boolean sorted = true;
            long last = Long.MIN_VALUE;
            for (ChunkInfo ci : group) {
                ByteBuffer data = chunkData(chunkHeader(ci));
                ChunkCursor cur = new ChunkCursor(data, false);
                while (cur.next()) {
                    if (cur.op() != Op.MESSAGE_DATA) continue;
                    int conn = cur.conn();
                    long t = cur.time();
                    if (!wanted.test(conn) || t < query.start() || t > query.end()) {
                        if (!connections.containsKey(conn)) {
                            throw new BagFormatException("message in chunk at " + ci.chunkPos()
                                    + " refers to unknown connection " + conn);
                        }
                        continue;
                    }
                    if (t < last) sorted = false;
                    last = t;
                    batch.add(new BagMessage(connections.get(conn), t, cur.data()));
                }
            }
            if (!sorted) batch.sort(Comparator.comparingLong(BagMessage::time));
        }
    }
}
