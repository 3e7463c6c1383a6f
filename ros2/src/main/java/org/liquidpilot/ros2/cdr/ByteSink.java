package org.liquidpilot.ros2.cdr;

import org.liquidpilot.ros.msg.MessageFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where the transcoder writes: a little-endian buffer whose alignment origin is its start. A growable sink doubles
 * when full (its size is bounded by the input it is made from); a fixed one refuses to overflow.
 */
public final class ByteSink {
    private ByteBuffer buf;
    private final boolean growable;

    private ByteSink(ByteBuffer buf, boolean growable) {
        this.buf = buf.order(ByteOrder.LITTLE_ENDIAN);
        this.growable = growable;
    }

    /** A growable heap sink, reused between messages with {@link #clear}. */
    public static ByteSink growable(int initialCapacity) {
        return new ByteSink(ByteBuffer.allocate(Math.max(16, initialCapacity)), true);
    }

    /** Writes into {@code target} from its position to its limit; alignment counts from that position. */
    public static ByteSink over(ByteBuffer target) {
        return new ByteSink(target.slice(), false);
    }

    public ByteSink clear() {
        buf.clear();
        return this;
    }

    /** Bytes written so far. */
    public int length() {
        return buf.position();
    }

    /** The written bytes, from 0 to {@link #length()}, little endian (a view: valid until the next write). */
    public ByteBuffer written() {
        return buf.duplicate().flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    void align(int n) {
        int pad = (n - (buf.position() % n)) % n;
        ensure(pad);
        for (int i = 0; i < pad; i++) buf.put((byte) 0);
    }

    void putInt(int v) {
        ensure(4);
        buf.putInt(v);
    }

    void put(byte b) {
        ensure(1);
        buf.put(b);
    }

    /** Copies {@code n} bytes from {@code src}'s position. */
    void copy(ByteBuffer src, int n) {
        ensure(n);
        buf.put(buf.position(), src, src.position(), n);
        buf.position(buf.position() + n);
        src.position(src.position() + n);
    }

    private void ensure(int n) {
        if (buf.remaining() >= n) return;
        if (!growable) {
            throw new MessageFormatException("message does not fit the " + buf.capacity() + "-byte payload limit");
        }
        int want = Math.max(buf.capacity() * 2, buf.position() + n);
        ByteBuffer bigger = ByteBuffer.allocate(want).order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(buf.flip());
        buf = bigger;
    }
}
