package org.liquidpilot.pilot;

import org.liquidpilot.ros.msg.Time;

import java.time.Instant;

/**
 * Header stamps for streamed setpoints: node time, strictly increasing. On wall time the node's clock is read once
 * and then advanced by {@link System#nanoTime()}, so a clock step (NTP, a manual change) cannot send stamps
 * backwards. Under {@code /use_sim_time} the stamps follow the node's clock (the simulator's), and a clock that
 * stalls or steps back gives the previous stamp plus 1 µs, so consumers that drop non-increasing stamps keep
 * every setpoint. Not thread-safe: one timer thread calls it.
 */
final class SetpointClock {
    private static final long MIN_STEP_NANOS = 1_000;

    private final boolean simTime;
    private final long anchorEpochNanos;
    private final long anchorMonoNanos;
    private long last = Long.MIN_VALUE;

    SetpointClock(boolean simTime, Instant nodeNow, long monoNow) {
        this.simTime = simTime;
        this.anchorEpochNanos = epochNanos(nodeNow);
        this.anchorMonoNanos = monoNow;
    }

    /** The stamp for a setpoint sent now. */
    Time next(Instant nodeNow, long monoNow) {
        long t = simTime ? epochNanos(nodeNow) : anchorEpochNanos + (monoNow - anchorMonoNanos);
        if (last != Long.MIN_VALUE && t <= last) t = last + MIN_STEP_NANOS;
        last = t;
        return Time.ofNanos(Math.max(0, t));
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
