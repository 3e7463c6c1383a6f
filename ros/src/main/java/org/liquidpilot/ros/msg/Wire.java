package org.liquidpilot.ros.msg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked primitives of the ROS1 serialisation (little-endian; arrays and strings carry a uint32 count).
 * Every length read from the wire is checked against the bytes that remain before anything is allocated, so a
 * forged 4 GB length costs nothing but a {@link MessageFormatException}.
 */
public final class Wire {
    private Wire() {
    }

    public static void requireLittleEndian(ByteBuffer buf) {
        if (buf.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("ROS messages are little-endian: set ByteOrder.LITTLE_ENDIAN on the buffer");
        }
    }

    /**
     * Reads an array or string count and checks that {@code count * minElementBytes} bytes remain.
     * Elements that may take no bytes at all (empty messages) are capped at {@code 1 << 16} per array.
     */
    public static int readCount(ByteBuffer in, int minElementBytes) {
        if (in.remaining() < 4) {
            throw new MessageFormatException("truncated: array length needs 4 bytes, " + in.remaining() + " left");
        }
        long n = Integer.toUnsignedLong(in.getInt());
        checkCount(in, n, minElementBytes);
        return (int) n;
    }

    /** Checks a count (read from the wire or from a fixed-size definition) against the remaining bytes. */
    public static void checkCount(ByteBuffer in, long n, int minElementBytes) {
        if (minElementBytes <= 0) {
            if (n > (1 << 16)) {
                throw new MessageFormatException("array of " + n + " empty elements is implausible");
            }
        } else if (n * minElementBytes > in.remaining()) {
            throw new MessageFormatException("length " + n + " x " + minElementBytes + " B exceeds the "
                    + in.remaining() + " bytes left");
        }
    }

    public static String readString(ByteBuffer in) {
        int n = readCount(in, 1);
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
            in.position(in.position() + n);
        } else {
            byte[] b = new byte[n];
            in.get(b);
            s = new String(b, StandardCharsets.UTF_8);
        }
        return s;
    }

    public static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[readCount(in, 1)];
        in.get(b);
        return b;
    }

    public static void writeString(ByteBuffer out, String s) {
        int n = utf8Length(s);
        out.putInt(n);
        if (n == s.length()) {
            // pure ASCII, the usual case for frame ids and encodings: no temporary array
            for (int i = 0; i < n; i++) {
                out.put((byte) s.charAt(i));
            }
        } else {
            out.put(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static void writeBytes(ByteBuffer out, byte[] b) {
        out.putInt(b.length);
        out.put(b);
    }

    /** Bytes {@link #writeString} writes: the count plus the UTF-8 length. */
    public static int stringSize(String s) {
        return 4 + utf8Length(s);
    }

    public static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2; // 3 bytes
                }
                // a lone surrogate is encoded as '?' by String.getBytes: 1 byte, already counted
            }
        }
        return bytes;
    }

    public static Time readTime(ByteBuffer in) {
        return new Time(in.getInt(), in.getInt());
    }

    public static void writeTime(ByteBuffer out, Time t) {
        out.putInt(t.secs()).putInt(t.nsecs());
    }

    public static Duration readDuration(ByteBuffer in) {
        return new Duration(in.getInt(), in.getInt());
    }

    public static void writeDuration(ByteBuffer out, Duration d) {
        out.putInt(d.secs()).putInt(d.nsecs());
    }

    public static double[] readDoubles(ByteBuffer in, int n) {
        checkCount(in, n, 8);
        double[] d = new double[n];
        in.asDoubleBuffer().get(d);
        in.position(in.position() + 8 * n);
        return d;
    }

    public static float[] readFloats(ByteBuffer in, int n) {
        checkCount(in, n, 4);
        float[] f = new float[n];
        in.asFloatBuffer().get(f);
        in.position(in.position() + 4 * n);
        return f;
    }

    public static void writeDoubles(ByteBuffer out, double[] d) {
        out.asDoubleBuffer().put(d);
        out.position(out.position() + 8 * d.length);
    }

    public static void writeFloats(ByteBuffer out, float[] f) {
        out.asFloatBuffer().put(f);
        out.position(out.position() + 4 * f.length);
    }

    /** Writes a fixed-size array, rejecting a Java array of the wrong length (ROS would write garbage). */
    public static void writeFixedDoubles(ByteBuffer out, double[] d, int n, String field) {
        if (d.length != n) {
            throw new IllegalArgumentException(field + " must have " + n + " elements, not " + d.length);
        }
        writeDoubles(out, d);
    }
}
