package org.liquidpilot.sim.world;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class OpenForestTest {

    @Property(tries = 200)
    void theTargetLiesWithinItsDistanceAndBearingBoundsAndNoTreeBlocksTheWay(@ForAll long seed) {
        World w = OpenForest.generate(seed, "target", Biome.MIXED);
        assertEquals(1, w.targets().size());
        Tree t = w.targets().get(0);
        double d = Math.hypot(t.x(), t.y()), bearing = Math.toDegrees(Math.atan2(t.y(), t.x()));
        assertTrue(d >= OpenForest.MIN_DISTANCE_M && d <= OpenForest.MAX_DISTANCE_M, "distance " + d);
        assertTrue(Math.abs(bearing) <= OpenForest.MAX_BEARING_DEG, "bearing " + bearing);
        assertEquals(0, w.startYaw());
        assertClear(w, new double[]{0, t.x()}, new double[]{0, t.y()});
    }

    @Property(tries = 100)
    void hikeTargetsFollowEachOtherWithinTheLegBoundsAndEachLegIsClear(@ForAll long seed, @ForAll("biomes") String biome) {
        World w = OpenForest.generate(seed, "hike", Biome.of(biome));
        List<Tree> ts = w.targets();
        assertEquals(3, ts.size());
        double[] x = {0, ts.get(0).x(), ts.get(1).x(), ts.get(2).x()}, y = {0, ts.get(0).y(), ts.get(1).y(), ts.get(2).y()};
        double heading = 0;
        for (int k = 1; k <= 3; k++) {
            double d = Math.hypot(x[k] - x[k - 1], y[k] - y[k - 1]);
            assertTrue(d >= OpenForest.MIN_DISTANCE_M && d <= (k == 1 ? OpenForest.MAX_DISTANCE_M : OpenForest.MAX_LEG_M), "leg " + k + ": " + d);
            double h = Math.atan2(y[k] - y[k - 1], x[k] - x[k - 1]);
            double off = Math.toDegrees(Math.atan2(Math.sin(h - heading), Math.cos(h - heading)));
            // in the camera's view (70 degrees wide) from the previous target, reached facing it
            assertTrue(Math.abs(off) <= OpenForest.MAX_BEARING_DEG + 1e-9, "leg " + k + " turns " + off);
            heading = h;
        }
        assertClear(w, x, y);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> biomes() {
        return net.jqwik.api.Arbitraries.of(Scenario.BIOMES);
    }

    /** Every tree keeps its clearance from each leg, each target and the start; the targets are obstacles too. */
    static void assertClear(World w, double[] x, double[] y) {
        int trees = 0;
        for (Tree o : w.obstacles()) {
            if (o.kind() == Tree.Kind.TARGET) continue;
            trees++;
            assertTrue(Math.hypot(o.x() - x[0], o.y() - y[0]) - o.radius() >= OpenForest.START_CLEARING_M - 1e-9, "a tree at the start: " + o);
            for (int k = 1; k < x.length; k++) {
                assertTrue(Math.hypot(o.x() - x[k], o.y() - y[k]) - o.radius() >= OpenForest.TARGET_CLEARING_M - 1e-9, "a tree at target " + k + ": " + o);
                double lane = OpenForest.segmentDistance(o.x(), o.y(), x[k - 1], y[k - 1], x[k], y[k]) - o.radius();
                assertTrue(lane >= OpenForest.LANE_CLEARANCE_M - 1e-9, "a tree " + lane + " m from leg " + k + ": " + o);
            }
        }
        assertTrue(trees > 150, "a forest, not a clearing: " + trees + " trees");
        assertTrue(w.obstacles().containsAll(w.targets()), "a target is something to collide with");
        assertEquals(0, w.surfaceHalfWidth(), "no trail is drawn to the target");
        assertEquals(x[x.length - 1], w.centreline().x(w.centreline().size() - 1), 1e-9, "the legs end at the last target");
    }

    @Test
    void placementsVaryWithTheSeedAndRepeatWithIt() {
        Set<Long> distinct = new HashSet<>();
        Scenario sc = Scenarios.resolve("drone-target");
        for (int e = 0; e < 20; e++) {
            Tree t = Worlds.generate(sc, sc.episodeSeed(e)).targets().get(0);
            distinct.add(Math.round(t.x() * 100) * 100_000 + Math.round(t.y() * 100));
        }
        assertEquals(20, distinct.size(), "each episode has its own target");
        assertEquals(Worlds.generate(sc, 5).obstacles(), Worlds.generate(sc, 5).obstacles());
    }

    @Test
    void biomesChangeTheTreesAndTheirSpacing() {
        World mixed = OpenForest.generate(3, "target", Biome.MIXED), birch = OpenForest.generate(3, "target", Biome.BIRCH),
                pine = OpenForest.generate(3, "target", Biome.PINE);
        assertTrue(mixed.obstacles().stream().anyMatch(t -> t.kind() == Tree.Kind.CONIFER));
        assertTrue(birch.obstacles().stream().allMatch(t -> t.kind() == Tree.Kind.BIRCH || t.kind() == Tree.Kind.TARGET));
        assertTrue(pine.obstacles().stream().allMatch(t -> t.kind() == Tree.Kind.PINE || t.kind() == Tree.Kind.TARGET));
        assertTrue(minSpacing(birch) >= Biome.BIRCH.spacingM() && minSpacing(pine) >= Biome.PINE.spacingM());
        assertTrue(pine.obstacles().size() < mixed.obstacles().size() && mixed.obstacles().size() < birch.obstacles().size(),
                "pines stand far apart, birches close: " + pine.obstacles().size() + " < " + mixed.obstacles().size() + " < " + birch.obstacles().size());
    }

    @Test
    void aBiomeRecastsTheTrailsTreesWithoutNarrowingItsCorridor() {
        Scenario trail = Scenarios.resolve("trail-nominal");
        Scenario birchTrail = Scenarios.toScenario(withBiome("trail-nominal", "birch"));
        World a = Worlds.generate(trail, 11), b = Worlds.generate(birchTrail, 11);
        assertEquals(a.obstacles().size(), b.obstacles().size());
        for (int i = 0; i < a.obstacles().size(); i++) {
            Tree o = a.obstacles().get(i), n = b.obstacles().get(i);
            assertEquals(o.x(), n.x());
            assertTrue(n.radius() <= o.radius());
            assertEquals(Tree.Kind.BIRCH, n.kind());
        }
    }

    static com.fasterxml.jackson.databind.node.ObjectNode withBiome(String scenario, String biome) {
        var t = Scenarios.resolveTree(scenario);
        Scenarios.override(t, "biome", biome);
        return t;
    }

    private static double minSpacing(World w) {
        List<Tree> ts = w.obstacles().stream().filter(t -> t.kind() != Tree.Kind.TARGET).toList();
        double min = Double.MAX_VALUE;
        for (int i = 0; i < ts.size(); i++) {
            for (int j = i + 1; j < ts.size(); j++) min = Math.min(min, Math.hypot(ts.get(i).x() - ts.get(j).x(), ts.get(i).y() - ts.get(j).y()));
        }
        return min;
    }
}
