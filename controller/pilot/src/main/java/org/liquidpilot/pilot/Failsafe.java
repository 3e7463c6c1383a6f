package org.liquidpilot.pilot;

import java.util.Locale;

/**
 * The pilot's failsafe state machine. Pure logic, no clocks of its own: callers pass monotonic nanoseconds, which
 * keeps it testable and lets the node drive the watchdog from its output timer. Thresholds: {@link FailsafeConfig}
 * and its {@link OodThresholds} (rms|z| = {@link #rmsZ}, max|z| = {@link #maxAbsZ} of the frame's feature z-scores).
 * <pre>
 *   any      --no image for watchdog-->                       STOPPED(IMAGE_TIMEOUT)
 *   any      --NaN/Inf in features/state/output-->            STOPPED(NON_FINITE)  (the caller resets the cell)
 *   any      --rms|z| or max|z| above the stop line-->        STOPPED(SEVERE_OUT_OF_DISTRIBUTION)   blind camera
 *   ACTIVE   --rms|z| or max|z| above the degrade line-->     DEGRADED(OUT_OF_DISTRIBUTION)
 *   ACTIVE, DEGRADED --net sustainedFrames frames above the sustained line--> STOPPED(SUSTAINED_OUT_OF_DISTRIBUTION)
 *   ACTIVE, DEGRADED --frozenFrames unchanged frames while commanding forward motion--> STOPPED(FROZEN_FRAMES)
 *   DEGRADED --recoveryFrames frames below the exit line-->   ACTIVE
 *   STOPPED  --recoveryFrames (cameraRecoveryFrames after a camera stop) usable frames--> ACTIVE, or DEGRADED when
 *              they are above the degrade line
 *   any      --enable(false)-->                               DISABLED;  DISABLED --enable(true)--> STOPPED(WAITING_FOR_IMAGES)
 * </pre>
 * Usable frames: any finite frame below the stop line; after a camera stop (severe, sustained or frozen) only frames
 * that are also below the sustained line, and after a frozen stop only frames that changed. While usable frames
 * accumulate the reason is RECOVERING; an unusable one restarts the count and shows the stop's cause again.
 * <p>
 * <b>Frozen frames and a stopped vehicle.</b> A vehicle that stands still in a static scene can see bit-identical
 * frames from a healthy camera (the simulator renders without sensor noise by default). So unchanged frames count
 * towards a frozen stop only while the pilot commands forward motion (the caller says so), never while it is
 * stopped or when it is configured with speed 0; and a pilot stopped because the frames froze recovers only on
 * frames that change, which a stopped vehicle in a static scene may never see: it then stays STOPPED(FROZEN_FRAMES)
 * until an operator disables and re-enables it ({@code ~enable}), after which it starts as after any stop and the
 * frozen check runs again once it moves.
 * <p>
 * Nothing is allocated per frame: the status detail is formatted only when {@link #status()} is asked for.
 * Not thread-safe: the pilot serialises calls.
 */
public final class Failsafe {
    private final FailsafeConfig config;
    private final OodThresholds ood;
    private FailsafeState state = FailsafeState.STOPPED;
    private FailsafeReason reason = FailsafeReason.WAITING_FOR_IMAGES;
    /** What stopped the vehicle; RECOVERING names it. */
    private FailsafeReason cause = FailsafeReason.WAITING_FOR_IMAGES;
    private long lastFrameNanos;
    private boolean sawFrame;
    /** Consecutive usable frames towards leaving STOPPED or DEGRADED. */
    private int saneStreak;
    /** Frames above the sustained line minus frames below it (not below zero), while flying. */
    private int highCount;
    /** Consecutive unchanged frames while commanding motion. */
    private int frozenStreak;
    private double lastScore = Double.NaN;
    private double lastMaxAbs = Double.NaN;
    private String nonFiniteWhere = "";
    private long timeoutMillis;

    public Failsafe(FailsafeConfig config) {
        this.config = config;
        this.ood = config.ood();
    }

    public FailsafeConfig config() {
        return config;
    }

    public FailsafeState state() {
        return state;
    }

    public FailsafeReason reason() {
        return reason;
    }

    public FailsafeStatus status() {
        return new FailsafeStatus(state, reason, lastScore, detail());
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
            set(FailsafeState.DISABLED, FailsafeReason.DISABLED_BY_SERVICE);
        } else if (state == FailsafeState.DISABLED) {
            stop(FailsafeReason.WAITING_FOR_IMAGES);
        }
    }

    /** The watchdog: call at least once a control period. Returns true when this call stopped the pilot. */
    public boolean tick(long nowNanos) {
        if (state == FailsafeState.DISABLED || !sawFrame) return false;
        if (nowNanos - lastFrameNanos > config.watchdogNanos()
                && !(state == FailsafeState.STOPPED && reason == FailsafeReason.IMAGE_TIMEOUT)) {
            timeoutMillis = (nowNanos - lastFrameNanos) / 1_000_000;
            stop(FailsafeReason.IMAGE_TIMEOUT);
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
        nonFiniteWhere = where;
        stop(FailsafeReason.NON_FINITE);
    }

    /** {@link #frameOk(float[], boolean, boolean)} for a frame that changed, with no motion commanded. */
    public FailsafeState frameOk(float[] zScores) {
        return frameOk(zScores, false, false);
    }

    /**
     * A frame whose values were all finite, with its feature z-scores (features minus training mean, over training
     * standard deviation). Returns the state commands should follow for this frame.
     *
     * @param unchanged        the frame is identical or nearly so to the previous one, or its stamp did not advance
     * @param commandingMotion the pilot's command before this frame had a forward speed above zero
     */
    public FailsafeState frameOk(float[] zScores, boolean unchanged, boolean commandingMotion) {
        double score = rmsZ(zScores);
        double maxAbs = maxAbsZ(zScores);
        lastScore = score;
        lastMaxAbs = maxAbs;
        if (state == FailsafeState.DISABLED) return state;
        boolean severe = score > ood.stopRmsZ() || maxAbs > ood.stopMaxAbsZ();
        boolean high = score > ood.sustainedRmsZ();
        boolean outside = score > ood.degradeRmsZ() || maxAbs > ood.degradeMaxAbsZ();
        boolean clearlyInside = score < ood.exitRmsZ() && maxAbs < ood.degradeMaxAbsZ();
        boolean flying = state == FailsafeState.ACTIVE || state == FailsafeState.DEGRADED;
        highCount = !flying ? 0 : high ? highCount + 1 : Math.max(0, highCount - 1);
        frozenStreak = flying && commandingMotion && unchanged ? frozenStreak + 1 : 0;
        if (severe) {
            stop(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION);
        } else if (highCount >= ood.sustainedFrames()) {
            stop(FailsafeReason.SUSTAINED_OUT_OF_DISTRIBUTION);
        } else if (frozenStreak >= config.frozenFrames()) {
            stop(FailsafeReason.FROZEN_FRAMES);
        } else {
            switch (state) {
                case STOPPED -> recover(high, unchanged, outside);
                case ACTIVE -> {
                    if (outside) {
                        saneStreak = 0;
                        set(FailsafeState.DEGRADED, FailsafeReason.OUT_OF_DISTRIBUTION);
                    }
                }
                case DEGRADED -> {
                    if (clearlyInside) {
                        saneStreak++;
                        if (saneStreak >= config.recoveryFrames()) {
                            saneStreak = 0;
                            set(FailsafeState.ACTIVE, FailsafeReason.NOMINAL);
                        }
                    } else {
                        saneStreak = 0;
                    }
                }
                default -> { }
            }
        }
        return state;
    }

    /** Usable frames again: after enough in a row, fly (slowly if they look unfamiliar). */
    private void recover(boolean high, boolean unchanged, boolean outside) {
        boolean cameraStop = isCameraStop(cause);
        boolean usable = !cameraStop || (!high && !(cause == FailsafeReason.FROZEN_FRAMES && unchanged));
        if (!usable) {
            saneStreak = 0;
            reason = cause;
            return;
        }
        saneStreak++;
        if (saneStreak >= needed()) {
            saneStreak = 0;
            if (outside) set(FailsafeState.DEGRADED, FailsafeReason.OUT_OF_DISTRIBUTION);
            else set(FailsafeState.ACTIVE, FailsafeReason.NOMINAL);
        } else {
            reason = FailsafeReason.RECOVERING;
        }
    }

    private static boolean isCameraStop(FailsafeReason r) {
        return r == FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION || r == FailsafeReason.SUSTAINED_OUT_OF_DISTRIBUTION
                || r == FailsafeReason.FROZEN_FRAMES;
    }

    private int needed() {
        return isCameraStop(cause) ? config.cameraRecoveryFrames() : config.recoveryFrames();
    }

    private void stop(FailsafeReason why) {
        state = FailsafeState.STOPPED;
        reason = why;
        cause = why;
        saneStreak = 0;
        highCount = 0;
        frozenStreak = 0;
    }

    private void set(FailsafeState s, FailsafeReason r) {
        state = s;
        reason = r;
    }

    /** The status detail, made only when asked for. */
    private String detail() {
        return switch (reason) {
            case NOMINAL, WAITING_FOR_IMAGES, DISABLED_BY_SERVICE -> "";
            case IMAGE_TIMEOUT -> "no image for " + timeoutMillis + " ms";
            case NON_FINITE -> "non-finite " + nonFiniteWhere;
            case OUT_OF_DISTRIBUTION -> scores() + String.format(Locale.ROOT, " (degraded above rms|z| %.2f or max|z| %.1f)",
                    ood.degradeRmsZ(), ood.degradeMaxAbsZ());
            case SEVERE_OUT_OF_DISTRIBUTION -> scores() + String.format(Locale.ROOT, " (stop above rms|z| %.2f or max|z| %.1f: blind camera?)",
                    ood.stopRmsZ(), ood.stopMaxAbsZ());
            case SUSTAINED_OUT_OF_DISTRIBUTION -> scores() + String.format(Locale.ROOT, " (stopped after %d net frames above rms|z| %.2f)",
                    ood.sustainedFrames(), ood.sustainedRmsZ());
            case FROZEN_FRAMES -> scores() + " (" + config.frozenFrames() + " unchanged frames while moving; needs "
                    + config.cameraRecoveryFrames() + " changing frames to recover)";
            case RECOVERING -> saneStreak + "/" + needed() + " usable frames after " + cause;
        };
    }

    private String scores() {
        return String.format(Locale.ROOT, "rms|z|=%.1f max|z|=%.1f", lastScore, lastMaxAbs);
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
