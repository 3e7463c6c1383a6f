package org.liquidpilot.bags.mcap;

/** Parsers of the records the reader and recovery share; each reads one record's content and checks its fields. */
final class Records {
    /** Channel id, sequence, log time and publish time precede a message's payload. */
    static final int MESSAGE_FIXED = 2 + 4 + 8 + 8;

    private Records() {}

    static McapHeader header(RecordReader r) {
        return new McapHeader(r.string("profile"), r.string("library"));
    }

    static McapSchema schema(RecordReader r) {
        int id = r.u16("schema id");
        String name = r.string("schema name");
        String encoding = r.string("schema encoding");
        byte[] data = r.bytes32("schema data");
        if (id == 0) throw new McapFormatException("schema " + name + " has the reserved id 0");
        return new McapSchema(id, name, encoding, data);
    }

    static McapChannel channel(RecordReader r) {
        int id = r.u16("channel id");
        int schema = r.u16("schema id");
        String topic = r.string("topic");
        String encoding = r.string("message encoding");
        return new McapChannel(id, schema, topic, encoding, r.stringMap("metadata"));
    }

    static McapMessage message(RecordReader r) {
        int channel = r.u16("channel id");
        long seq = r.u32("sequence");
        long log = r.u64("log time");
        long pub = r.u64("publish time");
        return new McapMessage(channel, seq, log, pub, r.rest());
    }

    /** A chunk record's fields; {@code records} is the offset of the (compressed) records within the content. */
    record Chunk(long start, long end, long uncompressedSize, long crc, McapCompression compression, int records, long recordsLength) {}

    static Chunk chunk(RecordReader r) {
        long start = r.u64("message start time");
        long end = r.u64("message end time");
        long size = r.u64("uncompressed size");
        long crc = r.u32("uncompressed crc");
        McapCompression c = McapCompression.ofChunk(r.string("compression"));
        long len = r.u64("records length");
        if (len > r.remaining()) throw new McapFormatException("chunk records claim " + len + " bytes, " + r.remaining() + " remain");
        return new Chunk(start, end, size, crc, c, r.position(), len);
    }

    static ChunkIndex chunkIndex(RecordReader r) {
        return new ChunkIndex(r.u64("message start time"), r.u64("message end time"), r.u64("chunk start offset"),
                r.u64("chunk length"), r.u16u64Map("message index offsets"), r.u64("message index length"),
                r.string("compression"), r.u64("compressed size"), r.u64("uncompressed size"));
    }

    static McapStatistics statistics(RecordReader r) {
        return new McapStatistics(r.u64("message count"), r.u16("schema count"), r.u32("channel count"),
                r.u32("attachment count"), r.u32("metadata count"), r.u32("chunk count"), r.u64("message start time"),
                r.u64("message end time"), r.u16u64Map("channel message counts"));
    }
}
