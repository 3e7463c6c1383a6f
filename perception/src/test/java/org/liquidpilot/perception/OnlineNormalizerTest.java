package org.liquidpilot.perception;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnlineNormalizerTest {

    @Test
    void withinTheHorizonItIsTheExactMeanAndVariance() {
        OnlineNormalizer n = new OnlineNormalizer(1, 1000);
        double[] xs = {3, 5, 4, 10, -2};
        for (double x : xs) n.update(new float[] {(float) x});
        assertEquals(4.0, n.mean(0), 1e-9);
        assertEquals((1 + 1 + 0 + 36 + 36) / 5.0, n.variance(0), 1e-9);   // population variance
    }

    @Test
    void followsADriftWithinAFewHorizons() {
        OnlineNormalizer n = new OnlineNormalizer(2, 50);
        Random r = new Random(3);
        for (int i = 0; i < 500; i++) n.update(new float[] {(float) r.nextGaussian(), (float) (10 + 2 * r.nextGaussian())});
        for (int i = 0; i < 250; i++) n.update(new float[] {(float) (5 + 3 * r.nextGaussian()), (float) (10 + 2 * r.nextGaussian())});
        assertEquals(5, n.mean(0), 0.8);
        assertEquals(9, n.variance(0), 3.5);
        assertEquals(10, n.mean(1), 0.8);
        float[] z = new float[2];
        n.zScores(new float[] {5, 12}, z);
        assertEquals(0, z[0], 0.4);
        assertEquals(1, z[1], 0.4);
    }

    @Test
    void frozenStatisticsDoNotMove() {
        OnlineNormalizer n = new OnlineNormalizer(1, 10);
        n.update(new float[] {1});
        n.update(new float[] {3});
        n.freeze();
        n.update(new float[] {100});
        assertEquals(2, n.mean(0), 1e-12);
        assertEquals(2, n.count());
        assertTrue(n.frozen());
        assertEquals(98.0, n.maxAbsZ(new float[] {100}), 1e-6);   // OOD score of a wild sample
        n.unfreeze();
        n.update(new float[] {100});
        assertTrue(n.mean(0) > 2);
    }

    @Test
    void constantFeaturesGiveFiniteZScores() {
        OnlineNormalizer n = new OnlineNormalizer(1, 10);
        for (int i = 0; i < 20; i++) n.update(new float[] {0.5f});
        float[] z = new float[1];
        n.zScores(new float[] {0.5f}, z);
        assertEquals(0f, z[0]);
        n.zScores(new float[] {0.501f}, z);
        assertTrue(Float.isFinite(z[0]));
    }

    @Test
    void nonFiniteSamplesAreIgnored() {
        OnlineNormalizer n = new OnlineNormalizer(2, 10);
        n.update(new float[] {1, 1});
        n.update(new float[] {Float.NaN, 5});
        n.update(new float[] {1, Float.POSITIVE_INFINITY});
        assertEquals(1, n.count());
        assertEquals(1, n.mean(1), 0);
    }

    @Test
    void statisticsSurviveJson() {
        OnlineNormalizer n = new OnlineNormalizer(3, 40, 1e-4);
        Random r = new Random(9);
        for (int i = 0; i < 77; i++) n.update(new float[] {(float) r.nextGaussian(), (float) r.nextDouble(), i});
        n.freeze();
        OnlineNormalizer back = OnlineNormalizer.fromJson(n.toJson());
        assertEquals(n.toJson(), back.toJson());
        float[] a = new float[3], b = new float[3];
        n.zScores(new float[] {0.3f, 0.2f, 50}, a);
        back.zScores(new float[] {0.3f, 0.2f, 50}, b);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 1e-6f);
        assertTrue(back.frozen());
        assertEquals(77, back.count());
    }

    @Test
    void badConstructionAndJsonAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OnlineNormalizer(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new OnlineNormalizer(3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new OnlineNormalizer(3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OnlineNormalizer(1 << 20, 10));
        for (String bad : new String[] {"", "[]", "{", "null", "{\"horizon\":10}",
                "{\"horizon\":10,\"count\":1,\"mean\":[1],\"variance\":[1,2]}",
                "{\"horizon\":10,\"count\":1,\"mean\":[1],\"variance\":[-1]}",
                "{\"horizon\":10,\"count\":-1,\"mean\":[1],\"variance\":[1]}",
                "{\"horizon\":0,\"count\":1,\"mean\":[1],\"variance\":[1]}",
                "{\"horizon\":10,\"count\":1,\"mean\":[\"x\"],\"variance\":[1]}",
                "{\"horizon\":10,\"count\":1,\"mean\":[1e999],\"variance\":[1]}"}) {
            assertThrows(IllegalArgumentException.class, () -> OnlineNormalizer.fromJson(bad), bad);
        }
        OnlineNormalizer n = new OnlineNormalizer(3, 10);
        assertThrows(IllegalArgumentException.class, () -> n.update(new float[2]));
    }

    @Property(tries = 300)
    void garbageJsonGivesACleanError(@ForAll @StringLength(max = 200) String s) {
        try {
            OnlineNormalizer.fromJson(s);
        } catch (IllegalArgumentException expected) {
            // the only acceptable failure
        }
    }
}
