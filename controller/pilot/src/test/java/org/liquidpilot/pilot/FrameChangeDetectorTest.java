package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class FrameChangeDetectorTest {

    @Test
    void identicalFramesDifferByZeroAndTheFirstFrameHasNoReference() {
        FrameChangeDetector d = new FrameChangeDetector();
        RgbFrame f = SyntheticRoad.road(160, 80, 0.3, 0, new Random(1));
        assertTrue(Double.isNaN(d.difference(f)));
        assertEquals(0.0, d.difference(f));
        // The same pixels in another array and with another stamp are still the same picture.
        assertEquals(0.0, d.difference(new RgbFrame(160, 80, f.rgb().clone(), 5)));
        d.reset();
        assertTrue(Double.isNaN(d.difference(f)));
    }

    @Test
    void measuresTheMeanAbsoluteDifferenceInGreyLevels() {
        FrameChangeDetector d = new FrameChangeDetector();
        d.difference(SyntheticRoad.uniform(320, 160, 100, 0));
        assertEquals(3.0, d.difference(SyntheticRoad.uniform(320, 160, 103, 0)), 1e-12);
        assertEquals(3.0, d.difference(SyntheticRoad.uniform(320, 160, 100, 0)), 1e-12);
        // One sampled channel of one sampled pixel changes by 90: 90 over 32*32*3 samples.
        byte[] px = new byte[320 * 160 * 3];
        Arrays.fill(px, (byte) 100);
        int x = 5 * 320 / 64, y = 5 * 160 / 64;     // centre of grid cell (2, 2)
        px[(y * 320 + x) * 3 + 1] = (byte) 190;
        assertEquals(90.0 / (32 * 32 * 3), d.difference(new RgbFrame(320, 160, px, 0)), 1e-12);
        // A change between the sample points goes unseen: the check is sparse on purpose.
        Arrays.fill(px, (byte) 100);
        px[0] = (byte) 255;
        assertEquals(90.0 / (32 * 32 * 3), d.difference(new RgbFrame(320, 160, px, 0)), 1e-12);
        assertEquals(0.0, d.difference(new RgbFrame(320, 160, px.clone(), 0)));
    }

    @Test
    void noisyRoadFramesChangeAndSizeChangesStartOver() {
        Random rnd = new Random(2);
        FrameChangeDetector d = new FrameChangeDetector();
        d.difference(SyntheticRoad.road(160, 80, 0, 0, rnd));
        double change = d.difference(SyntheticRoad.road(160, 80, 0, 0, rnd));
        assertTrue(change > 2 && change < 4, "±4 levels of noise: " + change);
        assertTrue(change > FailsafeConfig.defaults(200).frozenMaxChange() * 8);
        assertTrue(Double.isNaN(d.difference(SyntheticRoad.road(80, 40, 0, 0, rnd))));
        // Frames smaller than the grid are sampled whole.
        FrameChangeDetector small = new FrameChangeDetector();
        small.difference(new RgbFrame(2, 1, new byte[] {0, 0, 0, 0, 0, 0}, 0));
        assertEquals(1.0, small.difference(new RgbFrame(2, 1, new byte[] {3, 3, 0, 0, 0, 0}, 0)), 1e-12);
    }

    @Test
    void allocatesNothing() {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Random rnd = new Random(3);
        RgbFrame a = SyntheticRoad.road(160, 80, 0.1, 0, rnd), b = SyntheticRoad.road(160, 80, -0.1, 0, rnd);
        FrameChangeDetector d = new FrameChangeDetector();
        d.difference(b);
        double[] sink = new double[1];
        Runnable run = () -> {
            for (int i = 0; i < 20_000; i++) sink[0] += d.difference((i & 1) == 0 ? a : b);
        };
        run.run();
        long least = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long before = bean.getThreadAllocatedBytes(thread);
            run.run();
            least = Math.min(least, bean.getThreadAllocatedBytes(thread) - before);
        }
        assertEquals(0, least);
        assertTrue(sink[0] > 0);
    }
}
