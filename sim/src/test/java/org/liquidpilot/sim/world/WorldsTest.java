package org.liquidpilot.sim.world;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class WorldsTest {

    @Property(tries = 12)
    void roadsKeepTheirObstaclesOffTheCorridor(@ForAll long seed) {
        World w = Worlds.forestRoad(seed, 400);
        assertTrue(w.centreline().length() > 399);
        assertTrue(w.obstacles().size() > 100, "a forest: " + w.obstacles().size());
        for (Tree t : w.obstacles()) {
            double off = Math.abs(w.centreline().project(t.x(), t.y()).crossTrack()) - t.radius();
            assertTrue(off > 3.0, "obstacle " + t + " stands " + off + " m from the path");
        }
        assertNull(w.collision(0, 0, 0.9), "the start is clear");
    }

    @Property(tries = 12)
    void trailsAreNarrow(@ForAll long seed) {
        World trail = Worlds.forestTrail(seed, 300);
        for (Tree t : trail.obstacles()) {
            assertTrue(Math.abs(trail.centreline().project(t.x(), t.y()).crossTrack()) - t.radius() > 2.3);
        }
    }

    /**
     * Curvier is a statement about the generators, not every seed: random bends can make one trail gentler than the
     * road of the same seed (seed 65 does), so it is checked over many seeds.
     */
    @Test
    void trailsAreCurvierThanRoadsOverManySeeds() {
        int curvier = 0, n = 200;
        double trailSum = 0, roadSum = 0;
        for (long seed = 0; seed < n; seed++) {
            double t = turning(Worlds.forestTrail(seed, 300).centreline()), r = turning(Worlds.forestRoad(seed, 300).centreline());
            if (t > r) curvier++;
            trailSum += t;
            roadSum += r;
        }
        assertTrue(curvier >= 0.95 * n, curvier + " of " + n);
        assertTrue(trailSum > 1.5 * roadSum, "mean turning " + trailSum / n + " vs " + roadSum / n);
    }

    @Test
    void sameSeedSameWorldOtherSeedOtherWorld() {
        assertEquals(Worlds.forestRoad(5, 300).obstacles(), Worlds.forestRoad(5, 300).obstacles());
        assertNotEquals(Worlds.forestRoad(5, 300).obstacles(), Worlds.forestRoad(6, 300).obstacles());
    }

    @Test
    void projectionGivesSignedCrossTrackLeftPositive() {
        Centreline c = new Centreline(new double[]{0, 10, 20}, new double[]{0, 0, 0});
        Centreline.Projection p = c.project(5, 2);
        assertEquals(5, p.along(), 1e-9);
        assertEquals(2, p.crossTrack(), 1e-9);
        assertEquals(-3, c.project(15, -3).crossTrack(), 1e-9);
        double[] out = new double[3];
        c.pointAt(12.5, out);
        assertArrayEquals(new double[]{12.5, 0, 0}, out, 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new Centreline(new double[]{1, 1}, new double[]{2, 2}));
    }

    private static double turning(Centreline c) {
        double sum = 0;
        for (int i = 1; i < c.size() - 1; i++) {
            double d = c.heading(i) - c.heading(i - 1);
            sum += Math.abs(Math.atan2(Math.sin(d), Math.cos(d)));
        }
        return sum / c.length();
    }
}
