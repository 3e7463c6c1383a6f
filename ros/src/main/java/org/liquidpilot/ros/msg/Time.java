package org.liquidpilot.ros.msg;

/**
 * ROS {@code time}: unsigned seconds and nanoseconds since the epoch. Both are kept as the raw 32-bit values so that
 * encoding is lossless; use {@link #secsUnsigned()} and {@link #toSeconds()} for arithmetic.
 */
public record Time(int secs, int nsecs) implements Comparable<Time> {
    public static final Time ZERO = new Time(0, 0);

    public long secsUnsigned() {
        return Integer.toUnsignedLong(secs);
    }

    public long nsecsUnsigned() {
        return Integer.toUnsignedLong(nsecs);
    }

    public double toSeconds() {
        return secsUnsigned() + nsecsUnsigned() * 1e-9;
    }

    public long toNanos() {
        return secsUnsigned() * 1_000_000_000L + nsecsUnsigned();
    }

    /** Nanoseconds since the epoch (non-negative, below 2^32 seconds). */
    public static Time ofNanos(long nanos) {
        if (nanos < 0 || nanos / 1_000_000_000L > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("time out of range: " + nanos + " ns");
        }
        return new Time((int) (nanos / 1_000_000_000L), (int) (nanos % 1_000_000_000L));
    }

    public static Time ofSeconds(double seconds) {
        return ofNanos(Math.round(seconds * 1e9));
    }

    public static Time now() {
        java.time.Instant t = java.time.Instant.now();
        return new Time((int) t.getEpochSecond(), t.getNano());
    }

    @Override
    public int compareTo(Time o) {
        return Long.compare(toNanos(), o.toNanos());
    }
}
