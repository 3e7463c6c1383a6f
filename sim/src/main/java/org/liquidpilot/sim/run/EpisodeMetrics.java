package org.liquidpilot.sim.run;

/**
 * One episode's row of {@code metrics.json}.
 *
 * @param crashes          interventions: each time the vehicle left the corridor or hit an obstacle and was put back
 * @param firstFailure     where and when the first intervention happened, null when there was none
 * @param autonomyPct      (1 - crashes * 6 s / elapsed) * 100, clamped to 0..100, as PilotNet counts it
 * @param steeringJerk     RMS of the command's second time derivative (command units per s^2)
 * @param controlLatencyMs time from the frame being available to the command, p50 and p99
 */
public record EpisodeMetrics(int episode, long seed, boolean success, boolean reachedEnd, int crashes,
                             int collisions, int corridorExits, double crossTrackMeanM, double crossTrackMaxM,
                             FirstFailure firstFailure, double autonomyPct, double steeringJerk,
                             Latency controlLatencyMs, double elapsedS, double distanceM, int steps) {

    public record FirstFailure(double distanceM, double timeS, String cause) {}

    public record Latency(double p50, double p99) {}
}
