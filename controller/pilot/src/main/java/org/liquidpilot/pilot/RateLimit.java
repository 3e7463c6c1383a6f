package org.liquidpilot.pilot;

/**
 * At most one event per period on average: each event books the next slot one period after the previous slot, an
 * event may come up to half a period early for its slot (arrival jitter), and a caller that fell behind may not
 * bank more than one period. A 30 Hz camera with jittery arrivals under a 30 Hz limit keeps every frame; a 200 Hz
 * camera is cut to 30. Time that jumps back by more than two periods restarts the count.
 * Not thread-safe: the caller serialises.
 */
public final class RateLimit {
    private final long periodNanos;
    private long nextSlot = Long.MIN_VALUE;

    public RateLimit(long periodNanos) {
        if (periodNanos <= 0) throw new IllegalArgumentException("period must be positive, got " + periodNanos + " ns");
        this.periodNanos = periodNanos;
    }

    /** Whether an event at {@code nowNanos} may go; if so, it takes its slot. */
    public boolean tryAcquire(long nowNanos) {
        // Time that jumps back more than two periods (a restarted bag or simulator) starts the count afresh.
        if (nextSlot != Long.MIN_VALUE && nowNanos < nextSlot - 2 * periodNanos) nextSlot = Long.MIN_VALUE;
        if (nextSlot != Long.MIN_VALUE && nowNanos < nextSlot - periodNanos / 2) return false;
        long slot = nextSlot == Long.MIN_VALUE ? nowNanos : Math.max(nextSlot, nowNanos - periodNanos);
        nextSlot = slot + periodNanos;
        return true;
    }
}
