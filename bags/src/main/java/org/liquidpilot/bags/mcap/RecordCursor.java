package org.liquidpilot.bags.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the records of a chunk's uncompressed data (or any run of records in memory): opcode, content offset and
 * length of each. A record whose length reaches past the end is a format error, or, for recovery, the end of the walk
 * ({@link #cutOff()} then says so).
 */
final class RecordCursor {
    private final ByteBuffer buf;
    private final int limit;
    private final boolean lenient;
    private final String where;
    private int pos;
    private int op = -1, contentOffset, contentLength, recordStart;
    private boolean cutOff;

    RecordCursor(ByteBuffer buf, int limit, boolean lenient, String where) {
        this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = limit;
        this.lenient = lenient;
        this.where = where;
    }

    boolean next() {
        if (pos == limit) return false;
        if (limit - pos < Opcode.PREFIX) return stop("a record prefix is cut off at byte " + pos);
        int o = buf.get(pos) & 0xFF;
        long len = buf.getLong(pos + 1);
        if (len < 0 || len > limit - pos - Opcode.PREFIX) {
            return stop(Opcode.name(o) + " record at byte " + pos + " claims " + Long.toUnsignedString(len) + " bytes, "
                    + (limit - pos - Opcode.PREFIX) + " remain");
        }
        recordStart = pos;
        op = o;
        contentOffset = pos + Opcode.PREFIX;
        contentLength = (int) len;
        pos = contentOffset + contentLength;
        return true;
    }

    private boolean stop(String why) {
        if (!lenient) throw new McapFormatException(where + ": " + why);
        cutOff = true;
        return false;
    }

    int op() {
        return op;
    }

    int recordStart() {
        return recordStart;
    }

    /** Where the current record ends (the next one starts). */
    int recordEnd() {
        return pos;
    }

    /** The current record's content. */
    RecordReader content(String what) {
        return new RecordReader(buf, contentOffset, contentLength, what);
    }

    boolean cutOff() {
        return cutOff;
    }
}
