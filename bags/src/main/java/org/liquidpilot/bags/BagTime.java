package org.liquidpilot.bags;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Bag times as nanoseconds since the epoch in a {@code long}: ROS stores unsigned 32-bit seconds and nanoseconds, and
 * every such pair fits (the largest is in 2106).
 */
public final class BagTime {
    private BagTime() {}

    public static final long NANOS_PER_SECOND = 1_000_000_000L;
    public static final long MAX = toNanos(0xFFFF_FFFFL, 999_999_999L);

    public static long toNanos(long secs, long nsecs) {
        return secs * NANOS_PER_SECOND + nsecs;
    }

    public static long ofSeconds(double seconds) {
        if (!(seconds >= 0) || seconds > 4_294_967_295.0) throw new IllegalArgumentException("time out of range: " + seconds);
        return Math.round(seconds * 1e9);
    }

    /** Reads a ROS time (uint32 secs, uint32 nsecs) at the buffer's position; rejects nanoseconds ≥ 1 s. */
    public static long read(ByteBuffer in, int at) {
        long secs = Integer.toUnsignedLong(in.getInt(at));
        long nsecs = Integer.toUnsignedLong(in.getInt(at + 4));
        if (nsecs >= NANOS_PER_SECOND) throw new BagFormatException("time with " + nsecs + " ns in its nanosecond field");
        return secs * NANOS_PER_SECOND + nsecs;
    }

    public static void write(long nanos, ByteBuffer out) {
        checkRange(nanos);
        out.putInt((int) (nanos / NANOS_PER_SECOND));
        out.putInt((int) (nanos % NANOS_PER_SECOND));
    }

    public static byte[] bytes(long nanos) {
        ByteBuffer b = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        write(nanos, b);
        return b.array();
    }

    public static void checkRange(long nanos) {
        if (nanos < 0 || nanos > MAX) throw new IllegalArgumentException("time " + nanos + " ns is outside ROS time's range");
    }

    public static double toSeconds(long nanos) {
        return nanos / 1e9;
    }

    /** {@code 1700000000.003000000}: exact seconds, as rosbag prints stamps. */
    public static String format(long nanos) {
        return String.format(Locale.ROOT, "%d.%09d", nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT);

    /** rosbag info's form, e.g. {@code Nov 14 2023 22:13:20.00 (1700000000.00)}, in UTC. */
    public static String formatDate(long nanos) {
        Instant t = Instant.ofEpochSecond(nanos / NANOS_PER_SECOND, nanos % NANOS_PER_SECOND);
        String date = DATE.format(t.atOffset(ZoneOffset.UTC));
        long centis = (nanos % NANOS_PER_SECOND) / 10_000_000L;
        return String.format(Locale.ROOT, "%s.%02d (%.2f)", date, centis, nanos / 1e9);
    }
}
