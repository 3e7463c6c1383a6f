package org.liquidpilot.sim.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.sim.scenario.Scenarios;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The ladder report over hand-made cells: seeds pooled into a group, the measures, the separation line, top-up. */
class LadderReportTest {
    static final String[] CELLS = {"baseline", "fog-1", "fog-2", "fog-3", "fog-4", "fog-5"};

    /** A cell of {@code n} episodes of which the first {@code k} succeed; failures crash once, 100 m in. */
    static void cell(Path out, String policy, String cell, int k, int n) throws Exception {
        Path d = Files.createDirectories(out.resolve(policy).resolve(cell));
        ObjectNode m = MetricsJson.MAPPER.createObjectNode();
        ArrayNode eps = m.putArray("episodes");
        for (int i = 0; i < n; i++) {
            ObjectNode e = eps.addObject().put("episode", i).put("success", i < k).put("crashes", i < k ? 0 : 1)
                    .put("distance_m", 250.0).put("cross_track_p95_m", 0.1 * (i + 1));
            if (i < k) e.putNull("first_failure");
            else e.putObject("first_failure").put("distance_m", 100.0).put("time_s", 10.0).put("cause", "corridor");
        }
        m.putObject("summary").put("episodes", n).put("success_rate", k / (double) n);
        MetricsJson.MAPPER.writeValue(d.resolve("metrics.json").toFile(), m);
        MetricsJson.MAPPER.writeValue(d.resolve(ConditionSweep.CELL_FILE).toFile(), MetricsJson.MAPPER.createObjectNode().put("policy", policy).put("condition", cell));
    }

    @Test
    void seedsPoolIntoAGroupAndTheMeasuresFollowTheCells(@TempDir Path out) throws Exception {
        ObjectNode base = Scenarios.resolveTree("nominal");
        List<ConditionSweep.Cell> cells = ConditionSweep.cells(base, Ladders.conditions(List.of(Ladders.of("standard").axis("fog")), base), 10, null, null);
        LadderFile.write(out, Ladders.of("standard"), List.of(Ladders.of("standard").axis("fog")), cells.get(0).scenario());
        int[] s1 = {10, 10, 8, 6, 4, 2}, s2 = {10, 8, 6, 4, 2, 0}, weak = {10, 2, 0, 0, 0, 0};
        for (int l = 0; l < 6; l++) {
            cell(out, "expert", CELLS[l], 10, 10);
            cell(out, "cfc-s1", CELLS[l], s1[l], 10);
            cell(out, "cfc-s2", CELLS[l], s2[l], 10);
            cell(out, "mlp", CELLS[l], weak[l], 10);
        }
        LadderReport.Result r = LadderReport.write(out, out, "rep");
        assertEquals(1, r.axes().size());
        List<LadderReport.GroupAxis> gs = r.axes().get(0).groups();
        assertEquals(List.of("expert", "cfc", "mlp"), gs.stream().map(LadderReport.GroupAxis::group).toList(), "the expert first, seeds pooled");
        LadderReport.GroupAxis cfc = gs.get(1);
        assertEquals(List.of("cfc-s1", "cfc-s2"), cfc.members());
        assertArrayEquals(new int[]{20, 18, 14, 10, 6, 2}, cfc.k());
        // pooled rates 1, .9, .7, .5, .3, .1: (0.95 + 0.8 + 0.6 + 0.4 + 0.2) / 5
        assertEquals(0.59, cfc.auc(), 1e-12);
        assertEquals(3.0, cfc.threshold(), 1e-12, "first below 0.5 at level 4 (0.3): 3 + (0.5 - 0.5) / (0.5 - 0.3)");
        assertEquals(2, cfc.seeds().size());
        assertEquals(LadderStats.auc(new double[]{1, 1, .8, .6, .4, .2}), cfc.seeds().get(0).auc(), 1e-12);
        assertEquals(0.2, cfc.seedMax()[5] - cfc.seedMin()[5], 1e-12, "the seeds' spread at level 5");
        // crashes: failures over the 6 levels, 60 * 2 episodes of 250 m
        int fails = 120 - (20 + 18 + 14 + 10 + 6 + 2);
        assertEquals(LadderStats.crashesPerKm(fails, 120 * 250.0), cfc.crashesPerKm(), 1e-9);
        assertEquals(100.0, cfc.firstFailureM(), 1e-12);
        assertEquals(0.55, cfc.p95(), 1e-9, "mean of 0.1 .. 1.0");
        assertNull(gs.get(0).firstFailureM(), "the expert never failed");
        assertEquals(1, gs.get(0).auc(), 1e-12);
        assertTrue(r.axes().get(0).separation().equals("models' AUC intervals apart: cfc vs mlp; below the expert's interval: cfc, mlp"), r.axes().get(0).separation());
        assertTrue(r.markdown().contains("| ↳ cfc-s2 | 100% (10/10) | 80% (8/10) | 60% (6/10) |"), r.markdown());
        assertTrue(r.markdown().contains("| cfc (2 seeds) | 100% (20/20) | 90% (18/20) |"), r.markdown());
        for (Path f : r.figures()) assertNotNull(ImageIO.read(f.toFile()), f.toString());
        assertEquals(Set.of(out.resolve("rep-ladder.png"), out.resolve("rep-ladder-fog.png")), Set.copyOf(r.figures()));
        LadderReport.Result again = LadderReport.write(out, out, "rep");
        assertEquals(r.markdown(), again.markdown(), "the bootstrap is seeded: the same report twice");
    }

    @Test
    void overlappingIntervalsNameTheClosestPair() {
        LadderReport.GroupAxis a = group("a", 0.5, 0.4, 0.6), b = group("b", 0.55, 0.45, 0.7), c = group("c", 0.6, 0.58, 0.8);
        String line = LadderReport.separation(List.of(a, b, c));
        assertTrue(line.equals("no two models' AUC intervals are apart; closest: a vs c (intervals overlap by 0.020)"), line);
        assertTrue(LadderReport.separation(List.of(a)).startsWith("fewer than two models"));
        LadderReport.GroupAxis expert = group("expert", 1, 1, 1);
        assertEquals("no two models' AUC intervals are apart; closest: a vs c (intervals overlap by 0.020); below the expert's interval: a, b, c",
                LadderReport.separation(List.of(expert, a, b, c)), "the expert is the ceiling, not one of the pairs");
    }

    static LadderReport.GroupAxis group(String name, double auc, double lo, double hi) {
        return new LadderReport.GroupAxis(name, List.of(name), new double[6], new int[6], new int[6], new LadderStats.Interval[6], auc,
                new LadderStats.Interval(lo, hi), Double.NaN, 0, 0, null, new double[6], new double[6], List.of());
    }

    @Test
    void topUpPicksTheCellsAroundEachAxissCrossing() {
        Ladders.Axis fog = Ladders.of("standard").axis("fog"), wind = Ladders.of("standard").axis("wind");
        SweepPolicy p = new SweepPolicy("m", "m", "m", sc -> null);
        double[] fogRates = {1, 0.9, 0.6, 0.4, 0.1, 0}, windRates = {1, 1, 1, 1, 1, 1};
        List<ConditionSweep.Outcome> os = new java.util.ArrayList<>();
        for (int l = 0; l < 6; l++) {
            os.add(outcome(p, l == 0 ? "baseline" : fog.cell(l), fogRates[l]));
            if (l > 0) os.add(outcome(p, wind.cell(l), windRates[l]));
        }
        assertEquals(Set.of("fog-2", "fog-3"), LadderFile.topUpCells(List.of(fog, wind), os));
    }

    static ConditionSweep.Outcome outcome(SweepPolicy p, String cell, double rate) {
        ObjectNode m = MetricsJson.MAPPER.createObjectNode();
        m.putObject("summary").put("success_rate", rate);
        return new ConditionSweep.Outcome(p, new ConditionSweep.Cell(new SweepCondition(cell, java.util.Map.of()), null), null, m, false);
    }
}
