package org.liquidpilot.pilot;

/**
 * One report of the failsafe.
 *
 * @param state    what the pilot does
 * @param reason   why
 * @param oodScore the last distribution score (RMS of the feature z-scores), NaN before the first frame
 * @param detail   a short human-readable note (e.g. which value was not finite)
 */
public record FailsafeStatus(FailsafeState state, FailsafeReason reason, double oodScore, String detail) {
    /**
     * The line {@code /pilot/status} carries, e.g. {@code DEGRADED OUT_OF_DISTRIBUTION ood=3.02 rms|z|=3.0 max|z|=9.4
     * (degraded above rms|z| 2.78 or max|z| 8.7)} or {@code STOPPED FROZEN_FRAMES ood=0.98 …}.
     */
    public String line() {
        return state + " " + reason + String.format(java.util.Locale.ROOT, " ood=%.2f", oodScore) + (detail.isEmpty() ? "" : " " + detail);
    }
}
