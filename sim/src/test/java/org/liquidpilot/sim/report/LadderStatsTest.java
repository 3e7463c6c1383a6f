package org.liquidpilot.sim.report;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The ladder measures against values worked by hand. */
class LadderStatsTest {

    @Test
    void wilsonIntervalsMatchHandValues() {
        // 5/10: centre 0.5, half-width z*sqrt(0.025 + z^2/400)/(1 + z^2/10) = 0.2634
        LadderStats.Interval half = LadderStats.wilson(5, 10);
        assertEquals(0.2366, half.lo(), 1e-4);
        assertEquals(0.7634, half.hi(), 1e-4);
        // 0/10: [0, 2*(z^2/20)/(1 + z^2/10)] = [0, 0.2775]
        assertEquals(0, LadderStats.wilson(0, 10).lo(), 1e-12);
        assertEquals(0.2775, LadderStats.wilson(0, 10).hi(), 1e-4);
        // 20/20: the 84-100% the drone expert's table quotes
        assertEquals(0.8389, LadderStats.wilson(20, 20).lo(), 1e-4);
        assertEquals(1, LadderStats.wilson(20, 20).hi(), 1e-12);
        assertEquals(new LadderStats.Interval(0, 1), LadderStats.wilson(0, 0));
        assertThrows(IllegalArgumentException.class, () -> LadderStats.wilson(3, 2));
    }

    @Test
    void aucIsTheTrapezoidOverLevelsNormalised() {
        assertEquals(1, LadderStats.auc(new double[]{1, 1, 1, 1, 1, 1}), 1e-12);
        assertEquals(0, LadderStats.auc(new double[]{0, 0, 0, 0, 0, 0}), 1e-12);
        // (0.9 + 0.7 + 0.5 + 0.3 + 0.1) / 5
        assertEquals(0.5, LadderStats.auc(new double[]{1, 0.8, 0.6, 0.4, 0.2, 0}), 1e-12);
        // (1 + 0.75 + 0.25 + 0 + 0) / 5
        assertEquals(0.4, LadderStats.auc(new double[]{1, 1, 0.5, 0, 0, 0}), 1e-12);
        assertTrue(Double.isNaN(LadderStats.auc(new double[]{1, Double.NaN, 1, 1, 1, 1})));
    }

    @Test
    void thresholdInterpolatesWhereSuccessFirstFallsBelowHalf() {
        assertEquals(2.5, LadderStats.threshold(new double[]{1, 0.8, 0.6, 0.4, 0.2, 0}), 1e-12);
        assertEquals(3.0, LadderStats.threshold(new double[]{1, 1, 0.9, 0.5, 0.4, 0}), 1e-12, "exactly 50% is not below");
        assertEquals(0, LadderStats.threshold(new double[]{0.4, 0.2, 0, 0, 0, 0}), 1e-12);
        assertEquals(4.5, LadderStats.threshold(new double[]{1, 1, 1, 1, 0.9, 0.1}), 1e-12, "4 + (0.9 - 0.5) / (0.9 - 0.1)");
        assertTrue(Double.isNaN(LadderStats.threshold(new double[]{1, 1, 1, 0.9, 0.7, 0.5})), "never below: none");
    }

    @Test
    void topUpTakesTheLevelsAroundTheCrossing() {
        assertEquals(Set.of(2, 3), LadderStats.topUpLevels(new double[]{1, 0.8, 0.6, 0.4, 0.2, 0}));
        assertEquals(Set.of(0, 1), LadderStats.topUpLevels(new double[]{0.3, 0.2, 0, 0, 0, 0}));
        assertEquals(Set.of(), LadderStats.topUpLevels(new double[]{1, 1, 1, 1, 1, 1}));
        assertEquals(Set.of(), LadderStats.topUpLevels(new double[]{1, 1, Double.NaN, 0, 0, 0}), "a missing level stops the search");
    }

    static boolean[] eps(int k, int n) {
        boolean[] b = new boolean[n];
        for (int i = 0; i < k; i++) b[i] = true;
        return b;
    }

    @Test
    void bootstrapIsDeterministicAndBracketsThePointEstimate() {
        boolean[][][] one = {{eps(10, 10), eps(9, 10), eps(7, 10), eps(5, 10), eps(2, 10), eps(0, 10)}};
        LadderStats.Interval a = LadderStats.bootstrapAuc(one, 1000, LadderStats.BOOTSTRAP_SEED);
        LadderStats.Interval b = LadderStats.bootstrapAuc(one, 1000, LadderStats.BOOTSTRAP_SEED);
        assertEquals(a, b, "a fixed seed gives the same interval");
        double point = LadderStats.auc(LadderStats.pooledRates(one));
        assertEquals((0.95 + 0.8 + 0.6 + 0.35 + 0.1) / 5, point, 1e-12);
        assertTrue(a.lo() < point && point < a.hi(), a + " around " + point);
        // successes sit at the first indices at every level, so episodes are perfectly paired: about ±0.16
        assertTrue(a.hi() - a.lo() < 0.4, a.toString());
        boolean[][][] perfect = {{eps(4, 4), eps(4, 4), eps(4, 4), eps(4, 4), eps(4, 4), eps(8, 8)}};
        assertEquals(new LadderStats.Interval(1, 1), LadderStats.bootstrapAuc(perfect, 200, 1));
        // two seeds that disagree: resampling seeds widens the interval beyond either seed's own
        boolean[][][] good = {{eps(10, 10), eps(10, 10), eps(10, 10), eps(9, 10), eps(8, 10), eps(8, 10)}};
        boolean[][][] bad = {{eps(10, 10), eps(4, 10), eps(2, 10), eps(0, 10), eps(0, 10), eps(0, 10)}};
        boolean[][][] both = {good[0], bad[0]};
        LadderStats.Interval pooled = LadderStats.bootstrapAuc(both, 1000, LadderStats.BOOTSTRAP_SEED);
        LadderStats.Interval g = LadderStats.bootstrapAuc(good, 1000, LadderStats.BOOTSTRAP_SEED);
        assertTrue(pooled.hi() - pooled.lo() > g.hi() - g.lo(), pooled + " vs " + g);
        assertTrue(pooled.hi() >= LadderStats.auc(LadderStats.pooledRates(good)) - 0.05, "a resample of the good seed twice reaches its AUC");
    }

    @Test
    void pairedResamplingKeepsEqualCurvesEqual() {
        // Every level holds the same episodes: each resample draws the same indices at every level, so the curve
        // stays flat and the AUC interval is that of a single level's rate.
        boolean[] row = {true, false, true, true, false, true, false, true, true, true};
        boolean[][][] flat = {{row, row, row, row, row, row}};
        LadderStats.Interval ci = LadderStats.bootstrapAuc(flat, 1000, 7);
        assertTrue(ci.lo() <= 0.7 && 0.7 <= ci.hi());
        assertTrue(ci.hi() - ci.lo() > 0.2, "as wide as one cell of 10 episodes: " + ci);
    }

    @Test
    void smallHelpers() {
        assertEquals(2, LadderStats.crashesPerKm(3, 1500), 1e-12);
        assertTrue(Double.isNaN(LadderStats.crashesPerKm(1, 0)));
        assertEquals("car-cfc-ncp12-6-1", LadderStats.group("car-cfc-ncp12-6-1-s2"));
        assertEquals("expert", LadderStats.group("expert"));
        assertEquals("lstm-s", LadderStats.group("lstm-s"));
        assertEquals(2.5, LadderStats.quantile(new double[]{1, 2, 3, 4}, 0.5), 1e-12);
        assertTrue(new LadderStats.Interval(0, 0.4).overlaps(new LadderStats.Interval(0.4, 1)));
        assertFalse(new LadderStats.Interval(0, 0.3).overlaps(new LadderStats.Interval(0.4, 1)));
    }
}
