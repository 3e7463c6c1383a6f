package org.liquidpilot.ros.tcpros;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TCPROS connection header: a uint32 LE total length, then fields each {@code uint32 LE len + "key=value"},
 * split at the first '='. Written with keys sorted, as rospy and roscpp do. Reading caps the total length so a
 * hostile 4 GB prefix allocates nothing.
 */
public record ConnectionHeader(Map<String, String> fields) {

    /** Largest header accepted (message_definition texts of large types are tens of kB). */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    private static final int MAX_FIELDS = 1024;

    public ConnectionHeader {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    public static ConnectionHeader of(String... keyValues) {
        if (keyValues.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put(keyValues[i], keyValues[i + 1]);
        return new ConnectionHeader(m);
    }

    /** The one-field header a publisher or service sends to refuse a connection. */
    public static ConnectionHeader error(String message) {
        return of("error", message);
    }

    public String get(String key) {
        return fields.get(key);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public String error() {
        return fields.get("error");
    }

    /** The header with its length prefix, ready to write. */
    public byte[] encode() {
        int total = 0;
        byte[][] encoded = new byte[fields.size()][];
        int i = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0) throw new IllegalArgumentException("bad header key [" + e.getKey() + "]");
            encoded[i] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            total += 4 + encoded[i].length;
            i++;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(total);
        for (byte[] f : encoded) {
            b.putInt(f.length);
            b.put(f);
        }
        return b.array();
    }

    /** Reads one length-prefixed header from a stream. */
    public static ConnectionHeader read(InputStream in) throws IOException {
        long total = readUint32(in);
        if (total > MAX_HEADER_BYTES) throw new TcpRosFormatException("connection header of " + total + " bytes is over the " + MAX_HEADER_BYTES + " limit");
        byte[] body = in.readNBytes((int) total);
        if (body.length != total) throw new EOFException("connection closed inside a connection header");
        return decodeFields(body);
    }

    /** Parses the field list (the bytes after the total length). */
    public static ConnectionHeader decodeFields(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, String> m = new TreeMap<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) throw new TcpRosFormatException("truncated connection header field length");
            long len = Integer.toUnsignedLong(b.getInt());
            if (len > b.remaining()) throw new TcpRosFormatException("connection header field of " + len + " bytes runs past the header end");
            if (m.size() >= MAX_FIELDS) throw new TcpRosFormatException("more than " + MAX_FIELDS + " connection header fields");
            byte[] field = new byte[(int) len];
            b.get(field);
            String s = new String(field, StandardCharsets.UTF_8);
            int eq = s.indexOf('=');
            if (eq <= 0) throw new TcpRosFormatException("connection header field without key=value");
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return new ConnectionHeader(m);
    }

    static long readUint32(InputStream in) throws IOException {
        int b0 = in.read(), b1 = in.read(), b2 = in.read(), b3 = in.read();
        if ((b0 | b1 | b2 | b3) < 0) throw new EOFException("connection closed inside a length prefix");
        return (b0 & 0xffL) | (b1 & 0xffL) << 8 | (b2 & 0xffL) << 16 | (b3 & 0xffL) << 24;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(k).append('=').append(k.equals("message_definition") && v.length() > 40 ? v.substring(0, 40) + "..." : v);
        });
        return sb.append('}').toString();
    }
}
