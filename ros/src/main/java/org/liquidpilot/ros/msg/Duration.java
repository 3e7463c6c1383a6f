package org.liquidpilot.ros.msg;

/** ROS {@code duration}: signed seconds and nanoseconds. */
public record Duration(int secs, int nsecs) {
    public static final Duration ZERO = new Duration(0, 0);

    public long toNanos() {
        return secs * 1_000_000_000L + nsecs;
    }

    public double toSeconds() {
        return toNanos() * 1e-9;
    }

    public static Duration ofNanos(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        if (s < Integer.MIN_VALUE || s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration out of range: " + nanos + " ns");
        }
        return new Duration((int) s, (int) Math.floorMod(nanos, 1_000_000_000L));
    }
}
