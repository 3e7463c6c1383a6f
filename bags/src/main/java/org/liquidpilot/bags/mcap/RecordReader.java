package org.liquidpilot.bags.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fields of one record's content (little-endian) and refuses, with a format error naming the record, any
 * length prefix that reaches past the content: nothing is allocated for a length before it is checked.
 */
final class RecordReader {
    private final ByteBuffer buf;
    private final String what;

    /** Reads {@code length} bytes of {@code src} from {@code offset}. */
    RecordReader(ByteBuffer src, int offset, int length, String what) {
        this.buf = src.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    int remaining() {
        return buf.remaining();
    }

    int position() {
        return buf.position();
    }

    private void need(long n, String field) {
        if (n < 0 || n > buf.remaining()) {
            throw new McapFormatException(what + ": " + field + " needs " + (n < 0 ? Long.toUnsignedString(n) : n) + " bytes, "
                    + buf.remaining() + " remain");
        }
    }

    int u8(String field) {
        need(1, field);
        return buf.get() & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        return buf.getShort() & 0xFFFF;
    }

    long u32(String field) {
        need(4, field);
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    /** A uint64 that must fit a signed long (offsets, sizes, counts, times before the year 2262). */
    long u64(String field) {
        need(8, field);
        long v = buf.getLong();
        if (v < 0) throw new McapFormatException(what + ": " + field + " " + Long.toUnsignedString(v) + " is out of range");
        return v;
    }

    String string(String field) {
        long n = u32(field + " length");
        need(n, field);
        ByteBuffer b = buf.slice(buf.position(), (int) n);
        buf.position(buf.position() + (int) n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(b).toString();
        } catch (CharacterCodingException e) {
            throw new McapFormatException(what + ": " + field + " is not UTF-8");
        }
    }

    /** Bytes with a uint32 length prefix. */
    byte[] bytes32(String field) {
        long n = u32(field + " length");
        return raw(n, field);
    }

    byte[] raw(long n, String field) {
        need(n, field);
        byte[] b = new byte[(int) n];
        buf.get(b);
        return b;
    }

    /** A view of the next {@code n} bytes. */
    ByteBuffer view(long n, String field) {
        need(n, field);
        ByteBuffer b = buf.slice(buf.position(), (int) n).asReadOnlyBuffer();
        buf.position(buf.position() + (int) n);
        return b;
    }

    /** The rest of the content, as a view. */
    ByteBuffer rest() {
        return view(buf.remaining(), "data");
    }

    Map<String, String> stringMap(String field) {
        long n = u32(field + " length");
        need(n, field);
        int end = buf.position() + (int) n;
        Map<String, String> m = new LinkedHashMap<>();
        while (buf.position() < end) {
            String k = string(field + " key");
            String v = string(field + " value");
            if (buf.position() > end) throw new McapFormatException(what + ": " + field + " entries overrun the map");
            m.put(k, v);
        }
        return m;
    }

    /** A map of uint16 keys to uint64 values (chunk index offsets, statistics counts). */
    Map<Integer, Long> u16u64Map(String field) {
        long n = u32(field + " length");
        need(n, field);
        if (n % 10 != 0) throw new McapFormatException(what + ": " + field + " has " + n + " bytes, not a whole number of entries");
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (long i = 0; i < n / 10; i++) m.put(u16(field), u64(field));
        return m;
    }
}
