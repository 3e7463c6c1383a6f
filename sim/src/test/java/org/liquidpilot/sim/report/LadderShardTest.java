package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Shards split a sweep's jobs without overlap, and a done cell grows by its new episodes only. */
class LadderShardTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void shardsCoverEveryJobExactlyOnce() {
        for (int policies = 1; policies <= 3; policies++) {
            for (int cells = 1; cells <= 31; cells += 5) {
                for (int n = 1; n <= 4; n++) {
                    Set<String> seen = new HashSet<>();
                    int total = 0;
                    for (int i = 1; i <= n; i++) {
                        for (long[] j : ConditionSweep.jobs(policies, cells, new ConditionSweep.Shard(i, n))) {
                            assertTrue(seen.add(j[0] + "/" + j[1]), "job " + j[0] + "/" + j[1] + " in two shards");
                            total++;
                        }
                    }
                    assertEquals(policies * cells, total);
                }
            }
        }
    }

    @Test
    void shardSpecsAreChecked() {
        assertEquals(new ConditionSweep.Shard(2, 3), ConditionSweep.Shard.parse("2/3"));
        for (String bad : List.of("0/2", "3/2", "1/0", "x", "1/", "-1/2", "1/2/3", "")) {
            assertThrows(IllegalArgumentException.class, () -> ConditionSweep.Shard.parse(bad), bad);
        }
    }

    static SweepPolicy expert() {
        return new SweepPolicy("expert", "expert", "expert", Experts::forScenario);
    }

    @Test
    void twoShardsWriteDisjointCellsAndEachTableHoldsWhatIsDone(@TempDir Path out) throws Exception {
        ObjectNode base = Scenarios.resolveTree("nominal");
        base.put("duration_s", 1.0);
        List<ConditionSweep.Cell> cells = ConditionSweep.cells(base, Ladders.conditions(List.of(Ladders.of("standard").axis("wind")), base), 1, null, null);
        FrameSource blank = FrameSource.blank(160, 80);
        List<SweepPolicy> ps = List.of(expert());
        List<ConditionSweep.Outcome> first = ConditionSweep.run(ps, cells, out, false, false, blank, QUIET, new ConditionSweep.Shard(1, 2));
        assertEquals(3, first.size(), "shard 1 of 2 runs cells 0, 2, 4 and sees nothing else done yet");
        assertTrue(Files.isRegularFile(out.resolve("expert/baseline/metrics.json")));
        assertFalse(Files.exists(out.resolve("expert/wind-1")), "shard 2's cell");
        List<ConditionSweep.Outcome> second = ConditionSweep.run(ps, cells, out, false, false, blank, QUIET, new ConditionSweep.Shard(2, 2));
        assertEquals(6, second.size(), "shard 2 reads shard 1's cells back into the table");
        assertEquals(3, second.stream().filter(ConditionSweep.Outcome::resumed).count());
        assertEquals(7, Files.readAllLines(out.resolve("sweep.csv")).size());
    }

    @Test
    void aCellGrowsByItsNewEpisodesOnlyAndMatchesALongerRun(@TempDir Path out) throws Exception {
        ObjectNode base = Scenarios.resolveTree("nominal");
        base.put("duration_s", 1.5);
        List<SweepCondition> wind = List.of(new SweepCondition("wind-3", Ladders.of("standard").axis("wind").levels().get(2).overrides()));
        FrameSource blank = FrameSource.blank(160, 80);
        List<SweepPolicy> ps = List.of(expert());
        ConditionSweep.run(ps, ConditionSweep.cells(base, wind, 2, null, null), out, false, false, blank, QUIET);
        JsonNode before = MetricsJson.MAPPER.readTree(out.resolve("expert/wind-3/metrics.json").toFile());
        List<ConditionSweep.Cell> four = ConditionSweep.cells(base, wind, 4, null, null);
        assertEquals(2, ConditionSweep.extendable(ps.get(0), four.get(0), out.resolve("expert/wind-3")));
        ConditionSweep.run(ps, four, out, false, false, blank, QUIET);
        JsonNode after = MetricsJson.MAPPER.readTree(out.resolve("expert/wind-3/metrics.json").toFile());
        assertEquals(4, after.path("episodes").size());
        assertEquals(4, after.path("summary").path("episodes").asInt());
        assertEquals(4, MetricsJson.MAPPER.readTree(out.resolve("expert/wind-3/cell.json").toFile()).path("episodes").asInt());
        for (int e = 0; e < 2; e++) assertEquals(before.path("episodes").get(e), after.path("episodes").get(e), "episode " + e + " kept as it was");
        // the same four episodes run in one go: rows equal but for the measured latency
        Scenario sc = four.get(0).scenario();
        RunMetrics whole = new ClosedLoopRunner(sc, blank).run(Experts.forScenario(sc), "expert", StepListener.NONE);
        for (int e = 0; e < 4; e++) {
            ObjectNode want = (ObjectNode) MetricsJson.MAPPER.valueToTree(whole.episodes().get(e));
            ObjectNode got = (ObjectNode) after.path("episodes").get(e).deepCopy();
            want.remove("control_latency_ms");
            got.remove("control_latency_ms");
            assertEquals(want, got, "episode " + e);
        }
        assertEquals(whole.summary().successRate(), after.path("summary").path("success_rate").asDouble(), 1e-12);
        assertEquals(0, ConditionSweep.extendable(ps.get(0), four.get(0), out.resolve("expert/wind-3")), "nothing left to add");
    }

    @Test
    void episodesCarryTheirP95CrossTrackError() {
        ObjectNode t = Scenarios.resolveTree("nominal");
        t.put("duration_s", 3.0);
        ((ObjectNode) t.get("wind")).put("mean_mps", 6).put("turbulence", "dryden");
        Scenario sc = Scenarios.toScenario(t).withEpisodes(1);
        var row = new ClosedLoopRunner(sc, FrameSource.blank(160, 80)).run(Experts.forScenario(sc), "expert", StepListener.NONE).episodes().get(0);
        assertTrue(row.crossTrackP95M() > 0, row.toString());
        assertTrue(row.crossTrackP95M() <= row.crossTrackMaxM() + 1e-12, row.toString());
        assertTrue(row.crossTrackP95M() >= row.crossTrackMeanM() * 0.5, row.toString());
        assertTrue(row.distanceM() > 10, "distance made good: " + row.distanceM());
        JsonNode json = MetricsJson.MAPPER.valueToTree(row);
        assertTrue(json.path("cross_track_p95_m").isNumber(), json.toString());
    }
}
