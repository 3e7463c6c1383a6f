package org.liquidpilot.pilot;

/**
 * The pilot's failsafe state machine. Pure logic, no clocks of its own: callers pass monotonic nanoseconds, which
 * keeps it testable and lets the node drive the watchdog from its output timer.
 * <pre>
 *   any      --no image for watchdog-->            STOPPED(IMAGE_TIMEOUT)
 *   any      --NaN/Inf in features/state/output--> STOPPED(NON_FINITE)  (the caller resets the cell)
 *   ACTIVE   --features out of distribution-->     DEGRADED(OUT_OF_DISTRIBUTION)
 *   STOPPED  --recoveryFrames finite frames-->     ACTIVE, or DEGRADED when they are out of distribution
 *   DEGRADED --recoveryFrames in-distribution frames (below the lower exit threshold)--> ACTIVE
 *   any      --enable(false)-->                    DISABLED;  DISABLED --enable(true)--> STOPPED(WAITING_FOR_IMAGES)
 * </pre>
 * Not thread-safe: the pilot serialises calls.
 */
public final class Failsafe {
    private final FailsafeConfig config;
    private FailsafeState state = FailsafeState.STOPPED;
    private FailsafeReason reason = FailsafeReason.WAITING_FOR_IMAGES;
    private String detail = "";
    private long lastFrameNanos;
    private boolean sawFrame;
    private int saneStreak;
    private double lastScore = Double.NaN;

    public Failsafe(FailsafeConfig config) {
        this.config = config;
    }

    public FailsafeConfig config() {
        return config;
    }

    public FailsafeState state() {
        return state;
    }

    public FailsafeStatus status() {
        return new FailsafeStatus(state, reason, lastScore, detail);
    }

    /** Whether commands should be hover/stop now. */
    public boolean mustStop() {
        return state == FailsafeState.STOPPED || state == FailsafeState.DISABLED;
    }

    /** Factor on the forward speed the pilot commands in the current state. */
    public double speedScale() {
        return switch (state) {
            case ACTIVE -> 1.0;
            case DEGRADED -> config.degradedSpeedScale();
            default -> 0.0;
        };
    }

    public void setEnabled(boolean enabled, long nowNanos) {
        if (!enabled) {
            set(FailsafeState.DISABLED, FailsafeReason.DISABLED_BY_SERVICE, "");
        } else if (state == FailsafeState.DISABLED) {
            saneStreak = 0;
            set(FailsafeState.STOPPED, FailsafeReason.WAITING_FOR_IMAGES, "");
        }
    }

    /** The watchdog: call at least once a control period. Returns true when this call stopped the pilot. */
    public boolean tick(long nowNanos) {
        if (state == FailsafeState.DISABLED || !sawFrame) return false;
        if (nowNanos - lastFrameNanos > config.watchdogNanos()
                && !(state == FailsafeState.STOPPED && reason == FailsafeReason.IMAGE_TIMEOUT)) {
            saneStreak = 0;
            set(FailsafeState.STOPPED, FailsafeReason.IMAGE_TIMEOUT,
                    "no image for " + (nowNanos - lastFrameNanos) / 1_000_000 + " ms");
            return true;
        }
        return false;
    }

    /** A frame arrived (before its values are checked): feeds the watchdog. */
    public void frameArrived(long nowNanos) {
        lastFrameNanos = nowNanos;
        sawFrame = true;
    }

    /** A non-finite value showed up in {@code where}; the caller must reset the cell and command stop. */
    public void nonFinite(String where) {
        saneStreak = 0;
        if (state == FailsafeState.DISABLED) return;
        set(FailsafeState.STOPPED, FailsafeReason.NON_FINITE, "non-finite " + where);
    }

    /**
     * A frame whose values were all finite, with its feature z-scores (features minus training mean, over training
     * standard deviation). Returns the state commands should follow for this frame.
     */
    public FailsafeState frameOk(float[] zScores) {
        double score = rmsZ(zScores);
        double maxAbs = maxAbsZ(zScores);
        lastScore = score;
        boolean outside = score > config.oodEnterRmsZ() || maxAbs > config.oodMaxAbsZ();
        boolean clearlyInside = score < config.oodExitRmsZ() && maxAbs < config.oodMaxAbsZ();
        switch (state) {
            case DISABLED -> { }
            case STOPPED -> {
                // Usable frames again: after a few in a row, fly (slowly if they look unfamiliar).
                saneStreak++;
                if (saneStreak >= config.recoveryFrames()) {
                    saneStreak = 0;
                    if (outside) set(FailsafeState.DEGRADED, FailsafeReason.OUT_OF_DISTRIBUTION, oodDetail(score, maxAbs));
                    else set(FailsafeState.ACTIVE, FailsafeReason.NOMINAL, "");
                } else {
                    set(FailsafeState.STOPPED, FailsafeReason.RECOVERING, saneStreak + "/" + config.recoveryFrames() + " usable frames");
                }
            }
            case ACTIVE -> {
                if (outside) {
                    saneStreak = 0;
                    set(FailsafeState.DEGRADED, FailsafeReason.OUT_OF_DISTRIBUTION, oodDetail(score, maxAbs));
                }
            }
            case DEGRADED -> {
                if (clearlyInside) {
                    saneStreak++;
                    if (saneStreak >= config.recoveryFrames()) {
                        saneStreak = 0;
                        set(FailsafeState.ACTIVE, FailsafeReason.NOMINAL, "");
                    }
                } else {
                    saneStreak = 0;
                    detail = oodDetail(score, maxAbs);
                }
            }
        }
        return state;
    }

    private static String oodDetail(double score, double maxAbs) {
        return String.format(java.util.Locale.ROOT, "rms|z|=%.1f max|z|=%.1f", score, maxAbs);
    }

    private void set(FailsafeState s, FailsafeReason r, String d) {
        state = s;
        reason = r;
        detail = d;
    }

    /** RMS of the z-scores: the diagonal Mahalanobis distance divided by √n, comparable across feature counts. */
    public static double rmsZ(float[] z) {
        if (z.length == 0) return 0;
        double sum = 0;
        for (float v : z) sum += (double) v * v;
        return Math.sqrt(sum / z.length);
    }

    public static double maxAbsZ(float[] z) {
        double m = 0;
        for (float v : z) m = Math.max(m, Math.abs(v));
        return m;
    }

    public static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) return false;
        }
        return true;
    }
}
