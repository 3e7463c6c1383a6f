package org.liquidpilot.bags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the records inside a chunk's uncompressed data (message data and connection records). The op, connection id
 * and time of each record are read in place, without building a header map, because this loop runs once per message.
 */
final class ChunkCursor {
    private final ByteBuffer buf;
    private final int limit;
    private final boolean lenient;
    private int next;
    private int recordOffset;
    private int headerOffset;
    private int headerLength;
    private int dataOffset;
    private int dataLength;
    private int op;
    private int conn;
    private long time;

    /**
     * @param lenient stop quietly at a record cut off by the end of the data (recovery of a partial chunk) instead
     *                of failing
     */
    ChunkCursor(ByteBuffer data, boolean lenient) {
        this.buf = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.limit = data.limit();
        this.lenient = lenient;
    }

    /** Moves to the next record; false at the end of the data. */
    boolean next() {
        int p = next;
        if (p >= limit) return false;
        if (limit - p < 4) return cutOff(p);
        int hl = buf.getInt(p);
        if (hl < 0 || hl > limit - p - 8) return cutOff(p);
        int dl = buf.getInt(p + 4 + hl);
        if (dl < 0 || dl > limit - p - 8 - hl) return cutOff(p);
        recordOffset = p;
        headerOffset = p + 4;
        headerLength = hl;
        dataOffset = p + 8 + hl;
        dataLength = dl;
        scanHeader();
        next = dataOffset + dl;
        return true;
    }

    private boolean cutOff(int p) {
        if (lenient) return false;
        throw new BagFormatException("record at chunk offset " + p + " runs past the end of the chunk's " + limit + " bytes");
    }

    private void scanHeader() {
        op = -1;
        conn = -1;
        time = -1;
        int p = headerOffset;
        int end = headerOffset + headerLength;
        while (p < end) {
            if (end - p < 4) throw new BagFormatException("record header ends inside a field length");
            int len = buf.getInt(p);
            p += 4;
            if (len < 0 || len > end - p) throw new BagFormatException("record header field runs past its header");
            if (len == 4 && buf.get(p) == 'o' && buf.get(p + 1) == 'p' && buf.get(p + 2) == '=') {
                op = buf.get(p + 3) & 0xFF;
            } else if (len == 9 && buf.get(p + 4) == '=' && buf.get(p) == 'c' && buf.get(p + 1) == 'o'
                    && buf.get(p + 2) == 'n' && buf.get(p + 3) == 'n') {
                conn = buf.getInt(p + 5);
                if (conn < 0) throw new BagFormatException("connection id " + Integer.toUnsignedString(conn) + " is too large");
            } else if (len == 13 && buf.get(p + 4) == '=' && buf.get(p) == 't' && buf.get(p + 1) == 'i'
                    && buf.get(p + 2) == 'm' && buf.get(p + 3) == 'e') {
                time = BagTime.read(buf, p + 5);
            }
            p += len;
        }
        if (op < 0) throw new BagFormatException("record at chunk offset " + recordOffset + " has no 'op' field");
        if (op == Op.MESSAGE_DATA && (conn < 0 || time < 0)) {
            throw new BagFormatException("message record at chunk offset " + recordOffset + " lacks 'conn' or 'time'");
        }
    }

    int op() {
        return op;
    }

    int conn() {
        return conn;
    }

    long time() {
        return time;
    }

    int recordOffset() {
        return recordOffset;
    }

    int dataOffset() {
        return dataOffset;
    }

    int dataLength() {
        return dataLength;
    }

    /** Where the walk stopped: the end of the last whole record. */
    int consumed() {
        return next;
    }

    RecordHeader header() {
        return RecordHeader.parse(buf, headerOffset, headerLength);
    }

    /** The current record as a connection (op 7). */
    Connection connection() {
        return Connection.parse(header(), buf, dataOffset, dataLength);
    }

    /** The payload of the current record, a little-endian slice sharing the chunk's memory. */
    ByteBuffer data() {
        return buf.slice(dataOffset, dataLength).order(ByteOrder.LITTLE_ENDIAN);
    }
}
