package org.liquidpilot.bags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header of a bag record, or a connection header: {@code name=value} fields, each prefixed by its uint32 length.
 * Field order is kept, because rosbag's writers differ in it and a faithful copy keeps the writer's order.
 */
public final class RecordHeader {
    private final LinkedHashMap<String, byte[]> fields;

    private RecordHeader(LinkedHashMap<String, byte[]> fields) {
        this.fields = fields;
    }

    public static RecordHeader of(Map<String, byte[]> fields) {
        return new RecordHeader(new LinkedHashMap<>(fields));
    }

    /** Text fields (a connection header), encoded as UTF-8. */
    public static RecordHeader ofStrings(Map<String, String> fields) {
        LinkedHashMap<String, byte[]> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return new RecordHeader(m);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses {@code length} bytes at {@code offset}; every length is checked against the bytes that exist. */
    public static RecordHeader parse(ByteBuffer buf, int offset, int length) {
        if (length < 0 || offset < 0 || offset + length > buf.limit() || offset + length < 0) {
            throw new BagFormatException("record header of " + length + " bytes runs past the end of its data");
        }
        LinkedHashMap<String, byte[]> fields = new LinkedHashMap<>();
        int p = offset;
        int end = offset + length;
        while (p < end) {
            if (end - p < 4) throw new BagFormatException("record header ends inside a field length");
            int len = buf.order(ByteOrder.LITTLE_ENDIAN).getInt(p);
            p += 4;
            if (len < 0 || len > end - p) {
                throw new BagFormatException("record header field of " + Integer.toUnsignedString(len)
                        + " bytes runs past the header's " + length + " bytes");
            }
            int eq = -1;
            for (int i = p; i < p + len; i++) {
                if (buf.get(i) == '=') {
                    eq = i;
                    break;
                }
            }
            if (eq < 0) throw new BagFormatException("record header field without '='");
            byte[] name = new byte[eq - p];
            buf.get(p, name);
            byte[] value = new byte[p + len - eq - 1];
            buf.get(eq + 1, value);
            fields.put(new String(name, StandardCharsets.ISO_8859_1), value);
            p += len;
        }
        return new RecordHeader(fields);
    }

    public Map<String, byte[]> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public byte[] bytes(String name) {
        byte[] v = fields.get(name);
        if (v == null) throw new BagFormatException("record header lacks the '" + name + "' field");
        return v;
    }

    public int op() {
        byte[] v = bytes("op");
        if (v.length != 1) throw new BagFormatException("'op' field of " + v.length + " bytes, expected 1");
        return v[0] & 0xFF;
    }

    /** An unsigned 32-bit field, which must fit in an int (counts, sizes and ids are far below 2^31 in sane bags). */
    public int int32(String name) {
        long v = uint32(name);
        if (v > Integer.MAX_VALUE) throw new BagFormatException("'" + name + "' field of " + v + " is too large");
        return (int) v;
    }

    public long uint32(String name) {
        byte[] v = bytes(name);
        if (v.length != 4) throw new BagFormatException("'" + name + "' field of " + v.length + " bytes, expected 4");
        return Integer.toUnsignedLong(ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    public long int64(String name) {
        byte[] v = bytes(name);
        if (v.length != 8) throw new BagFormatException("'" + name + "' field of " + v.length + " bytes, expected 8");
        long x = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (x < 0) throw new BagFormatException("'" + name + "' field is negative");
        return x;
    }

    public long time(String name) {
        byte[] v = bytes(name);
        if (v.length != 8) throw new BagFormatException("'" + name + "' field of " + v.length + " bytes, expected 8");
        return BagTime.read(ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN), 0);
    }

    public String string(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** All fields as UTF-8 text, in order (for connection headers). */
    public LinkedHashMap<String, String> strings() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> m.put(k, new String(v, StandardCharsets.UTF_8)));
        return m;
    }

    /** Bytes {@link #write} puts out, without the leading total length. */
    public int encodedLength() {
        int n = 0;
        for (Map.Entry<String, byte[]> e : fields.entrySet()) n += 4 + e.getKey().length() + 1 + e.getValue().length;
        return n;
    }

    /** Writes the fields (no leading total length) into a little-endian buffer. */
    public void write(ByteBuffer out) {
        for (Map.Entry<String, byte[]> e : fields.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            out.putInt(k.length + 1 + e.getValue().length);
            out.put(k).put((byte) '=').put(e.getValue());
        }
    }

    /** The length-prefixed form, as a record header or a connection record's data. */
    public byte[] toSizedBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 + encodedLength()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(encodedLength());
        write(b);
        return b.array();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append('=').append(v.length).append("B"));
        return s.append('}').toString();
    }

    /** Builds a header in field order. */
    public static final class Builder {
        private final LinkedHashMap<String, byte[]> fields = new LinkedHashMap<>();

        public Builder op(int op) {
            return put("op", new byte[] {(byte) op});
        }

        public Builder put(String name, byte[] value) {
            fields.put(name, value);
            return this;
        }

        public Builder put(String name, String value) {
            return put(name, value.getBytes(StandardCharsets.UTF_8));
        }

        public Builder uint32(String name, long value) {
            return put(name, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
        }

        public Builder int64(String name, long value) {
            return put(name, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        }

        public Builder time(String name, long nanos) {
            return put(name, BagTime.bytes(nanos));
        }

        public RecordHeader build() {
            return new RecordHeader(new LinkedHashMap<>(fields));
        }
    }
}
