package org.liquidpilot.sim.run;

import java.util.Arrays;
import java.util.List;

/** A run's {@code metrics.json}: the scenario, the policy, one row per episode and their summary. */
public record RunMetrics(String scenario, String world, String vehicle, String policy, List<EpisodeMetrics> episodes,
                         Summary summary) {

    /**
     * @param successRate          fraction of episodes that succeeded
     * @param crashes              interventions over all episodes
     * @param firstFailureDistanceM mean distance to the first failure over the episodes that had one (null if none)
     */
    public record Summary(int episodes, double successRate, int crashes, double crashesPerEpisode,
                          double crossTrackMeanM, double crossTrackMaxM, Double firstFailureDistanceM,
                          Double firstFailureTimeS, double autonomyPct, double steeringJerk,
                          EpisodeMetrics.Latency controlLatencyMs, double elapsedS, double distanceM, TargetSummary target) {}

    /**
     * The target tasks' means: final distance and |bearing| over all episodes, time to target and path ratio over
     * the episodes that reached every target (null when none did).
     */
    public record TargetSummary(double finalDistanceMeanM, double finalBearingAbsMeanDeg, Double timeToTargetMeanS,
                                Double pathRatioMean) {
        static TargetSummary of(List<EpisodeMetrics> rows) {
            List<EpisodeMetrics.TargetMetrics> t = rows.stream().map(EpisodeMetrics::target).filter(java.util.Objects::nonNull).toList();
            if (t.isEmpty()) return null;
            List<EpisodeMetrics.TargetMetrics> done = t.stream().filter(m -> m.timeToTargetS() != null).toList();
            return new TargetSummary(t.stream().mapToDouble(EpisodeMetrics.TargetMetrics::finalDistanceM).average().orElse(0),
                    t.stream().mapToDouble(m -> Math.abs(m.finalBearingDeg())).average().orElse(0),
                    done.isEmpty() ? null : done.stream().mapToDouble(EpisodeMetrics.TargetMetrics::timeToTargetS).average().orElse(0),
                    done.isEmpty() ? null : done.stream().mapToDouble(EpisodeMetrics.TargetMetrics::pathRatio).average().orElse(0));
        }
    }

    public static RunMetrics of(String scenario, String world, String vehicle, String policy,
                                List<EpisodeMetrics> rows, double[] pooledLatenciesMs) {
        int n = rows.size();
        int crashes = rows.stream().mapToInt(EpisodeMetrics::crashes).sum();
        List<EpisodeMetrics> failed = rows.stream().filter(r -> r.firstFailure() != null).toList();
        Summary s = new Summary(n,
                rows.stream().filter(EpisodeMetrics::success).count() / (double) Math.max(1, n),
                crashes, crashes / (double) Math.max(1, n),
                rows.stream().mapToDouble(EpisodeMetrics::crossTrackMeanM).average().orElse(0),
                rows.stream().mapToDouble(EpisodeMetrics::crossTrackMaxM).max().orElse(0),
                failed.isEmpty() ? null : failed.stream().mapToDouble(r -> r.firstFailure().distanceM()).average().orElse(0),
                failed.isEmpty() ? null : failed.stream().mapToDouble(r -> r.firstFailure().timeS()).average().orElse(0),
                rows.stream().mapToDouble(EpisodeMetrics::autonomyPct).average().orElse(0),
                rows.stream().mapToDouble(EpisodeMetrics::steeringJerk).average().orElse(0),
                latency(pooledLatenciesMs),
                rows.stream().mapToDouble(EpisodeMetrics::elapsedS).sum(),
                rows.stream().mapToDouble(EpisodeMetrics::distanceM).sum(),
                TargetSummary.of(rows));
        return new RunMetrics(scenario, world, vehicle, policy, List.copyOf(rows), s);
    }

    /** p50 and p99 (nearest rank) of the values. */
    public static EpisodeMetrics.Latency latency(double[] values) {
        if (values.length == 0) return new EpisodeMetrics.Latency(0, 0);
        double[] v = values.clone();
        Arrays.sort(v);
        return new EpisodeMetrics.Latency(rank(v, 0.50), rank(v, 0.99));
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
