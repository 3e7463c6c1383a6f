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
    /** The line {@code /pilot/status} carries, e.g. {@code DEGRADED OUT_OF_DISTRIBUTION ood=7.31 mean |z| far from training}. */
    public String line() {
        return state + " " + reason + String.format(java.util.Locale.ROOT, " ood=%.2f", oodScore) + (detail.isEmpty() ? "" : " " + detail);
    }
}
