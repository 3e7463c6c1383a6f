package org.liquidpilot.perception;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The colour-target block: off it changes nothing, on it finds a red disc on a forest-coloured background. */
class TargetFeaturesTest {
    static final int W = 160, H = 80;
    static final FeatureConfig DRONE = FeatureConfig.droneDefaults();
    /** Index of target_mass; then target_x, target_y and the strips. */
    static final int T = FeatureConfig.defaults().featureCount();

    // ------------------------------------------------------------ the grey features stay as they are

    @Test
    void theBlockLeavesTheGreyFeaturesAloneAndFollowsThem() {
        List<RgbFrame> frames = FeatureExtractorTest.FLIGHT.frames().subList(0, 12);
        float[][] grey = FeatureExtractorTest.run(FeatureConfig.defaults(), frames);
        float[][] drone = FeatureExtractorTest.run(DRONE, frames);
        for (int i = 0; i < grey.length; i++) {
            assertEquals(43, drone[i].length);
            assertArrayEquals(grey[i], java.util.Arrays.copyOf(drone[i], T), "frame " + i);
            for (float x : drone[i]) assertTrue(Float.isFinite(x) && Math.abs(x) <= 1, "feature " + x);
        }
    }

    // ------------------------------------------------------------ on: a red disc

    @Test
    void aRedDiscGivesItsBearingItsStripAndItsHeight() {
        float[] v = features(scene(1).disc(130, 30, 5, RED).frame());
        double x = (2 * 130 + 1) / (double) W - 1, y = (2 * 30 + 1) / (double) H - 1;
        assertEquals(x, v[T + 1], 0.03, "target_x");
        assertEquals(y, v[T + 2], 0.03, "target_y");
        // Columns 125..135 of 160 lie in strip 6 of 8 (columns 120..139).
        assertTrue(v[T + 3 + 6] > 0.9, "share of the disc's strip " + v[T + 3 + 6]);
        double strips = 0;
        for (int c = 0; c < 8; c++) strips += v[T + 3 + c];
        assertEquals(1, strips, 0.03, "the shares add up to nearly 1 for a disc of 81 pixels");
        // Mass: the disc's share of the image, square-rooted (its edge pixels count fully: the disc is drawn hard).
        assertEquals(Math.sqrt(Math.PI * 25 / (W * H)), v[T], 0.01, "target_mass");
    }

    @Test
    void movingTheDiscMovesTheCentroidMonotonically() {
        float previous = -2;
        for (int cx = 8; cx < W - 8; cx += 12) {
            float x = features(scene(2).disc(cx, 40, 4, RED).frame())[T + 1];
            assertTrue(x > previous + 0.1, "target_x " + x + " at column " + cx + " after " + previous);
            previous = x;
        }
        assertTrue(features(scene(2).disc(20, 40, 4, RED).frame())[T + 1] < -0.6);
    }

    @Test
    void aBiggerDiscHasMoreMass() {
        float previous = 0;
        for (int r = 1; r <= 20; r += 3) {
            float m = features(scene(3).disc(80, 40, r, RED).frame())[T];
            assertTrue(m > previous, "mass " + m + " at radius " + r + " after " + previous);
            previous = m;
        }
    }

    @Test
    void twoRedThingsShowInTwoStrips() {
        float[] v = features(scene(4).disc(10, 40, 5, RED).disc(150, 40, 5, RED).frame());
        assertEquals(0.5, v[T + 3], 0.05);
        assertEquals(0.5, v[T + 3 + 7], 0.05);
        assertEquals(0, v[T + 1], 0.05, "the centroid of two symmetric discs is in the middle");
    }

    @Test
    void noRedMeansZeroes() {
        byte[] grey = new byte[W * H * 3], black = new byte[W * H * 3], white = new byte[W * H * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        java.util.Arrays.fill(white, (byte) 255);
        for (byte[] b : new byte[][] {grey, black, white, scene(5, 4).frame().rgb()}) {
            float[] v = features(new RgbFrame(W, H, b, 0));
            for (int k = T; k < v.length; k++) assertEquals(0f, v[k], "feature " + DRONE.featureNames()[k]);
        }
    }

    @Test
    void orangeBrownAndDimRedAreNotTheTarget() {
        // Autumn orange leaves, bark, a dark reddish brown, pink: strong red channels, but not the target's hue.
        for (int[] colour : new int[][] {{217, 107, 26}, {128, 77, 48}, {100, 55, 40}, {200, 120, 110}}) {
            float[] v = features(scene(6, 4).disc(60, 40, 12, colour).frame());
            for (int k = T; k < v.length; k++) assertEquals(0f, v[k], DRONE.featureNames()[k] + " of " + java.util.Arrays.toString(colour));
        }
    }

    @Test
    void sensorNoiseOnDarkBrownSaysAlmostNothing() {
        // Independent noise of sigma 12 per channel makes a few dark brown pixels look red; they must not matter.
        for (long seed = 20; seed < 30; seed++) {
            float[] noise = features(scene(seed, 12).frame());
            assertTrue(noise[T] < 0.02, "mass " + noise[T]);
            assertTrue(Math.abs(noise[T + 1]) < 0.2, "target_x " + noise[T + 1]);
            float[] disc = features(scene(seed, 12).disc(140, 40, 3, RED).frame());
            assertTrue(disc[T + 1] > 0.6, "target_x of a small disc on that noise " + disc[T + 1]);
        }
    }

    @Test
    void aDarkFrameStillGivesTheBearing() {
        Scene s = scene(7).disc(40, 50, 5, RED);
        float[] bright = features(s.frame());
        float[] dark = features(s.scaled(0.3).frame());
        assertTrue(dark[T] > 0.5 * bright[T], "mass " + dark[T] + " vs " + bright[T]);
        assertEquals(bright[T + 1], dark[T + 1], 0.03, "target_x");
        assertEquals(bright[T + 2], dark[T + 2], 0.03, "target_y");
    }

    @Test
    void largeFramesAreSampledAndAgreeWithSmallOnes() {
        // 640x320: every 2nd pixel of every 2nd row (twice the 64x32 working size is 128x64).
        float[] small = features(scene(8).disc(110, 25, 6, RED).frame());
        float[] large = features(scene(8).disc(110, 25, 6, RED).upscaled(4).frame());
        for (int k = T; k < small.length; k++) assertEquals(small[k], large[k], 0.03, DRONE.featureNames()[k]);
    }

    @Test
    void namesAndCount() {
        assertEquals(43, DRONE.featureCount());
        String[] n = DRONE.featureNames();
        assertEquals("target_mass", n[T]);
        assertEquals("target_x", n[T + 1]);
        assertEquals("target_y", n[T + 2]);
        assertEquals("target_col7", n[42]);
    }

    @Test
    void extractAllocatesNothingPerFrameOnceWarm() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        RgbFrame[] frames = {scene(9).disc(30, 30, 5, RED).frame(), scene(10).frame()};
        try (FeatureExtractor fx = new FeatureExtractor(DRONE)) {
            float[] out = new float[fx.featureCount()];
            for (int i = 0; i < 200; i++) fx.extract(frames[i & 1], out);
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) fx.extract(frames[i & 1], out);
            long perFrame = (mx.getCurrentThreadAllocatedBytes() - before) / 200;
            assertTrue(perFrame < 256, "allocated " + perFrame + " bytes per frame");
        }
    }

    // ------------------------------------------------------------ synthetic frames

    static final int[] RED = {230, 15, 10};

    static float[] features(RgbFrame f) {
        try (FeatureExtractor fx = new FeatureExtractor(DRONE)) {
            return fx.extract(f);
        }
    }

    /** A forest-floor background: blotches of green and brown with per-pixel noise, seeded. */
    static Scene scene(long seed) {
        return scene(seed, 12);
    }

    static Scene scene(long seed, double noise) {
        Random rnd = new Random(seed);
        int[][] palette = {{60, 110, 50}, {40, 85, 35}, {110, 85, 60}, {90, 70, 45}, {120, 150, 90}};
        int[] blotch = new int[(W / 8) * (H / 8)];
        for (int k = 0; k < blotch.length; k++) blotch[k] = rnd.nextInt(palette.length);
        byte[] b = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int[] p = palette[blotch[(y / 8) * (W / 8) + x / 8]];
                for (int c = 0; c < 3; c++) b[(y * W + x) * 3 + c] = (byte) clamp(p[c] + rnd.nextGaussian() * noise);
            }
        }
        return new Scene(W, H, b);
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    record Scene(int w, int h, byte[] rgb) {
        Scene disc(int cx, int cy, int r, int[] colour) {
            byte[] b = rgb.clone();
            Random rnd = new Random(cx * 31L + cy);
            for (int y = Math.max(0, cy - r); y <= Math.min(h - 1, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x <= Math.min(w - 1, cx + r); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > r * r) continue;
                    for (int c = 0; c < 3; c++) b[(y * w + x) * 3 + c] = (byte) clamp(colour[c] + rnd.nextGaussian() * 4);
                }
            }
            return new Scene(w, h, b);
        }

        Scene scaled(double gain) {
            byte[] b = new byte[rgb.length];
            for (int k = 0; k < b.length; k++) b[k] = (byte) clamp((rgb[k] & 0xff) * gain);
            return new Scene(w, h, b);
        }

        Scene upscaled(int f) {
            byte[] b = new byte[rgb.length * f * f];
            for (int y = 0; y < h * f; y++) {
                for (int x = 0; x < w * f; x++) System.arraycopy(rgb, ((y / f) * w + x / f) * 3, b, (y * w * f + x) * 3, 3);
            }
            return new Scene(w * f, h * f, b);
        }

        RgbFrame frame() {
            return new RgbFrame(w, h, rgb, 0);
        }
    }
}
