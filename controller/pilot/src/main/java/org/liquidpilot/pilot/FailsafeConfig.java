package org.liquidpilot.pilot;

/**
 * Thresholds of the failsafe.
 *
 * @param watchdogNanos        no image for this long → stop/hover
 * @param ood                  out-of-distribution thresholds: the model's calibrated ones ({@link PilotModel#configure}),
 *                             else {@link OodThresholds#defaults()}
 * @param recoveryFrames       consecutive usable frames needed to leave DEGRADED, or STOPPED after a start, an image
 *                             timeout or a non-finite value
 * @param cameraRecoveryFrames consecutive usable frames needed to leave a stop the images themselves caused (severe
 *                             or sustained out-of-distribution, frozen frames), so a flickering camera cannot restart
 *                             the vehicle between bad frames
 * @param degradedSpeedScale   forward speed factor in DEGRADED
 * @param frozenFrames         consecutive unchanged frames, while the pilot commands forward motion, that stop it
 * @param frozenMaxChange      a frame counts as unchanged when the mean absolute difference from the previous frame
 *                             over {@link FrameChangeDetector}'s sample is at most this (0..255 levels), or when its
 *                             stamp does not advance
 */
public record FailsafeConfig(long watchdogNanos, OodThresholds ood, int recoveryFrames, int cameraRecoveryFrames,
                             double degradedSpeedScale, int frozenFrames, double frozenMaxChange) {
    public FailsafeConfig {
        if (watchdogNanos <= 0) throw new IllegalArgumentException("watchdog must be positive, got " + watchdogNanos + " ns");
        if (ood == null) throw new IllegalArgumentException("out-of-distribution thresholds missing");
        if (recoveryFrames < 1 || recoveryFrames > 10_000) throw new IllegalArgumentException("recovery frames must be 1..10000");
        if (cameraRecoveryFrames < 1 || cameraRecoveryFrames > 10_000) throw new IllegalArgumentException("camera recovery frames must be 1..10000");
        if (!(degradedSpeedScale >= 0 && degradedSpeedScale <= 1)) throw new IllegalArgumentException("degraded speed scale must be in [0, 1]");
        if (frozenFrames < 1 || frozenFrames > 10_000) throw new IllegalArgumentException("frozen frames must be 1..10000");
        if (!(frozenMaxChange >= 0 && frozenMaxChange < 255)) throw new IllegalArgumentException("frozen-frame change limit must be in [0, 255) levels");
    }

    /**
     * Default thresholds with the given watchdog: {@link OodThresholds#defaults()}; 3 frames to recover from a start,
     * timeout or fault and 15 (0.5 s at 30 Hz) from a blind or frozen camera; 30 % speed when degraded; 10
     * unchanged frames (1/3 s at 30 Hz) while moving mean a frozen camera, where unchanged is a mean difference of at
     * most 0.25 levels (between consecutive frames of the simulator's car at 5-6 m/s under every shipped weather, and
     * of its drone at 3 m/s, the sample changes by 0.8 levels or more; a repeated buffer changes it by exactly 0).
     */
    public static FailsafeConfig defaults(long watchdogMillis) {
        return new FailsafeConfig(watchdogMillis * 1_000_000L, OodThresholds.defaults(), 3, 15, 0.3, 10, 0.25);
    }

    public FailsafeConfig withOod(OodThresholds o) {
        return new FailsafeConfig(watchdogNanos, o, recoveryFrames, cameraRecoveryFrames, degradedSpeedScale, frozenFrames, frozenMaxChange);
    }
}
