package org.liquidpilot.bags.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growable little-endian buffer that lays out MCAP records: {@link #begin} an opcode, put fields, {@link #end}. */
final class RecordBuilder {
    private byte[] buf;
    private int size;

    RecordBuilder(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        size = 0;
    }

    private void room(int n) {
        if (size + (long) n > Integer.MAX_VALUE - 16) throw new IllegalStateException("MCAP record buffer over 2 GiB");
        if (size + n > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(size + n, buf.length * 2L)));
    }

    /** Starts a record: writes the opcode and a length placeholder; returns where the record starts. */
    int begin(int opcode) {
        int at = size;
        u8(opcode);
        u64(0);
        return at;
    }

    /** Patches the length of the record begun at {@code at}. */
    void end(int at) {
        long len = size - at - Opcode.PREFIX;
        ByteBuffer.wrap(buf, at + 1, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(len);
    }

    RecordBuilder u8(int v) {
        room(1);
        buf[size++] = (byte) v;
        return this;
    }

    RecordBuilder u16(int v) {
        room(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    RecordBuilder u32(long v) {
        room(4);
        for (int i = 0; i < 4; i++) buf[size++] = (byte) (v >>> (8 * i));
        return this;
    }

    RecordBuilder u64(long v) {
        room(8);
        for (int i = 0; i < 8; i++) buf[size++] = (byte) (v >>> (8 * i));
        return this;
    }

    RecordBuilder raw(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    RecordBuilder raw(ByteBuffer b) {
        int len = b.remaining();
        room(len);
        b.duplicate().get(buf, size, len);
        size += len;
        return this;
    }

    RecordBuilder string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return raw(b, 0, b.length);
    }

    RecordBuilder bytes32(byte[] b) {
        u32(b.length);
        return raw(b, 0, b.length);
    }

    RecordBuilder stringMap(Map<String, String> m) {
        int at = size;
        u32(0);
        for (var e : m.entrySet()) string(e.getKey()).string(e.getValue());
        patchU32(at, size - at - 4);
        return this;
    }

    RecordBuilder u16u64Map(Map<Integer, Long> m) {
        u32(m.size() * 10L);
        for (var e : m.entrySet()) u16(e.getKey()).u64(e.getValue());
        return this;
    }

    void patchU32(int at, long v) {
        for (int i = 0; i < 4; i++) buf[at + i] = (byte) (v >>> (8 * i));
    }
}
