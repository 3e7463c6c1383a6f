package org.liquidpilot.sim.run;

/**
 * One episode's row of {@code metrics.json}.
 *
 * @param crashes          interventions: each time the vehicle left the corridor or hit an obstacle and was put back
 * @param crossTrackP95M   95th percentile (nearest rank) of the per-step |cross-track error|, m
 * @param distanceM        distance made good along the path (the car's and the trail's), m; crashes per km divide by it
 * @param firstFailure     where and when the first intervention happened, null when there was none
 * @param autonomyPct      (1 - crashes * 6 s / elapsed) * 100, clamped to 0..100, as PilotNet counts it
 * @param steeringJerk     RMS of the command's second time derivative (command units per s^2)
 * @param controlLatencyMs time from the frame being available to the command, p50 and p99
 * @param target           the target tasks' scoring; null for the trail task
 */
public record EpisodeMetrics(int episode, long seed, boolean success, boolean reachedEnd, int crashes,
                             int collisions, int corridorExits, double crossTrackMeanM, double crossTrackMaxM,
                             double crossTrackP95M, FirstFailure firstFailure, double autonomyPct, double steeringJerk,
                             Latency controlLatencyMs, double elapsedS, double distanceM, int steps, TargetMetrics target) {

    /** A trail-task row. */
    public EpisodeMetrics(int episode, long seed, boolean success, boolean reachedEnd, int crashes,
                          int collisions, int corridorExits, double crossTrackMeanM, double crossTrackMaxM,
                          FirstFailure firstFailure, double autonomyPct, double steeringJerk,
                          Latency controlLatencyMs, double elapsedS, double distanceM, int steps) {
        this(episode, seed, success, reachedEnd, crashes, collisions, corridorExits, crossTrackMeanM, crossTrackMaxM, crossTrackMaxM,
                firstFailure, autonomyPct, steeringJerk, controlLatencyMs, elapsedS, distanceM, steps, null);
    }

    public record FirstFailure(double distanceM, double timeS, String cause) {}

    /**
     * @param targets          targets in the task (1, or 3 on a hike)
     * @param reached          how many were reached, in order
     * @param finalDistanceM   horizontal distance to the current target (the last one once all are reached) at the end
     * @param finalBearingDeg  its bearing off the camera's axis then, degrees, left positive
     * @param timeToTargetS    simulated time when the last target was reached; null if it was not
     * @param pathRatio        distance flown until then over the straight legs' length; null if not reached
     * @param straightM        the straight legs' length, start to each target in turn, less the reach radius
     */
    public record TargetMetrics(int targets, int reached, double finalDistanceM, double finalBearingDeg,
                                Double timeToTargetS, Double pathRatio, double straightM) {}

    public record Latency(double p50, double p99) {}
}
