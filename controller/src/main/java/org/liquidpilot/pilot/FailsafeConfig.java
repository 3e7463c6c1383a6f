package org.liquidpilot.pilot;

/**
 * Thresholds of the failsafe.
 *
 * @param watchdogNanos   no image for this long → stop/hover
 * @param oodEnterRmsZ    RMS feature z-score (the diagonal Mahalanobis distance over √n) above which inputs are out of distribution
 * @param oodExitRmsZ     below this the inputs count as in distribution again (hysteresis, so a borderline frame does not flap)
 * @param oodMaxAbsZ      any single feature this many standard deviations off is out of distribution too
 * @param recoveryFrames  consecutive sane frames needed to leave STOPPED or DEGRADED
 * @param degradedSpeedScale forward speed factor in DEGRADED
 */
public record FailsafeConfig(long watchdogNanos, double oodEnterRmsZ, double oodExitRmsZ, double oodMaxAbsZ,
                             int recoveryFrames, double degradedSpeedScale) {
    public FailsafeConfig {
        if (watchdogNanos <= 0) throw new IllegalArgumentException("watchdog must be positive, got " + watchdogNanos + " ns");
        if (!(oodExitRmsZ > 0) || !(oodEnterRmsZ >= oodExitRmsZ)) {
            throw new IllegalArgumentException("need 0 < ood exit (" + oodExitRmsZ + ") <= ood enter (" + oodEnterRmsZ + ")");
        }
        if (!(oodMaxAbsZ > 0)) throw new IllegalArgumentException("ood max |z| must be positive");
        if (recoveryFrames < 1 || recoveryFrames > 10_000) throw new IllegalArgumentException("recovery frames must be 1..10000");
        if (!(degradedSpeedScale >= 0 && degradedSpeedScale <= 1)) throw new IllegalArgumentException("degraded speed scale must be in [0, 1]");
    }

    public static FailsafeConfig defaults(long watchdogMillis) {
        return new FailsafeConfig(watchdogMillis * 1_000_000L, 3.0, 2.0, 8.0, 3, 0.3);
    }
}
