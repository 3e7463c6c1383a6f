package org.liquidpilot.sim.ros;

import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.node.ParameterTree;
import org.liquidpilot.ros.node.RosLog;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The freshness check every consumer of stamped commands runs before a command may move the vehicle: a command
 * whose header stamp is more than {@code ~max_command_age} seconds behind the consumer's clock (or as far ahead of
 * it: the clocks disagree, so its age means nothing) is dropped and counted, never applied.
 * <p>
 * Why: TCP keeps what it could not deliver. After a link cut the commands queued in the sender's socket arrive in
 * one burst once the link is back (307 setpoints up to 10 s old within 0.2 s, measured), each one a command for a
 * moment long gone. A zero stamp means the publisher did not stamp (e.g. {@code rostopic pub} without
 * {@code header: auto}); such a command cannot be checked and is applied, and counted as unstamped. Ages are
 * measured on the node's clock ({@code /use_sim_time}: the simulated one; before its first tick the node's time is
 * zero and nothing can be judged, so commands pass), so hosts must keep their clocks in sync (NTP, chrony), as ROS
 * expects anyway.
 * <p>
 * Logged sparingly, so a burst cannot flood the log: the first dropped command of a run of stale ones, then every
 * power of two, and one line when fresh commands come back after stale ones or after more than 1 s without any,
 * with the pause and the size of the run. Thread-safe.
 */
public final class CommandAgeCheck {
    /** Default of {@code ~max_command_age}, seconds: 15 periods of a 30 Hz stream, far above any healthy delay. */
    public static final double DEFAULT_MAX_AGE_S = 0.5;
    static final double MAX_MAX_AGE_S = 60;
    /** A pause between fresh commands longer than this is logged when they come back. */
    static final long GAP_LOG_NANOS = 1_000_000_000L;

    private final String topic;
    private final long maxAgeNanos;
    private final Supplier<Instant> clock;
    private final RosLog log;
    private long accepted;
    private long dropped;
    private long unstamped;
    private long runDropped;
    private long oldestDroppedNanos;
    private long oldestAppliedNanos;
    private long lastAcceptedMono;
    private boolean anyAccepted;

    /**
     * @param maxAgeS seconds; 0 turns the check off (every command is applied)
     * @param clock   the consumer's clock (the node's time)
     */
    public CommandAgeCheck(String topic, double maxAgeS, Supplier<Instant> clock, RosLog log) {
        if (!(maxAgeS >= 0 && maxAgeS <= MAX_MAX_AGE_S)) {
            throw new IllegalArgumentException("~max_command_age must be 0 (off) to " + (int) MAX_MAX_AGE_S + " s, got " + maxAgeS);
        }
        this.topic = topic;
        this.maxAgeNanos = Math.round(maxAgeS * 1e9);
        this.clock = clock;
        this.log = log;
    }

    /** Reads {@code ~max_command_age} (seconds, default {@value #DEFAULT_MAX_AGE_S}; 0 = off) and validates it. */
    public static double maxAgeParam(ParameterTree p) {
        double s = p.getDouble("~max_command_age", DEFAULT_MAX_AGE_S);
        if (!(s >= 0 && s <= MAX_MAX_AGE_S)) {
            throw new IllegalArgumentException("~max_command_age must be 0 (off) to " + (int) MAX_MAX_AGE_S + " s, got " + s);
        }
        return s;
    }

    /** True when a command with this header stamp may be applied now; false when it is dropped (and counted). */
    public boolean accept(Time stamp) {
        if (stamp.toNanos() == 0) {
            synchronized (this) {
                unstamped++;
                accepted++;
            }
            return true;
        }
        Instant now = clock.get();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (nowNanos == 0) {
            // Simulated time that has not started (no /clock yet): there is no age to judge; nothing has flown yet.
            synchronized (this) {
                accepted++;
            }
            return true;
        }
        long age = nowNanos - stamp.toNanos();
        boolean fresh = maxAgeNanos == 0 || Math.abs(age) <= maxAgeNanos;
        String line = null;
        synchronized (this) {
            if (fresh) {
                accepted++;
                oldestAppliedNanos = Math.max(oldestAppliedNanos, age);
                long mono = System.nanoTime();
                long gap = anyAccepted ? mono - lastAcceptedMono : 0;
                lastAcceptedMono = mono;
                anyAccepted = true;
                if (runDropped > 0 || gap > GAP_LOG_NANOS) {
                    line = "sim: fresh commands on " + topic + " again after " + seconds(gap) + " s without"
                            + (runDropped > 0 ? "; " + runDropped + " stale ones (oldest " + seconds(oldestDroppedNanos)
                            + " s) dropped meanwhile" : "") + "; " + dropped + " dropped so far, oldest applied "
                            + seconds(Math.max(0, oldestAppliedNanos)) + " s";
                    runDropped = 0;
                    oldestDroppedNanos = 0;
                }
            } else {
                dropped++;
                runDropped++;
                oldestDroppedNanos = Math.max(oldestDroppedNanos, Math.abs(age));
                if (runDropped == 1 || Long.bitCount(runDropped) == 1) {
                    line = "sim: dropping a command on " + topic + (age > 0 ? " " + seconds(age) + " s old" : " stamped "
                            + seconds(-age) + " s in the future (clocks out of sync?)") + ", more than ~max_command_age "
                            + seconds(maxAgeNanos) + " s (" + runDropped + " in this run, " + dropped + " so far)";
                }
            }
        }
        if (line != null) log.warn(line);
        return fresh;
    }

    /** True when a command stamped {@code stamp}, accepted earlier, has grown too old to be held any longer. */
    public boolean expired(Time stamp) {
        if (maxAgeNanos == 0 || stamp.toNanos() == 0) return false;
        Instant now = clock.get();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return nowNanos != 0 && nowNanos - stamp.toNanos() > maxAgeNanos;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e9);
    }

    public double maxAgeSeconds() {
        return maxAgeNanos / 1e9;
    }

    /** Commands dropped as too old (or stamped too far in the future). */
    public synchronized long dropped() {
        return dropped;
    }

    /** Commands that passed (unstamped ones included). */
    public synchronized long accepted() {
        return accepted;
    }

    /** Commands with a zero stamp, applied unchecked. */
    public synchronized long unstamped() {
        return unstamped;
    }

    /** The largest age, in seconds, of any stamped command that was applied (negative ages count as 0). */
    public synchronized double oldestAppliedSeconds() {
        return Math.max(0, oldestAppliedNanos) / 1e9;
    }
}
