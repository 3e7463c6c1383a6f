package org.liquidpilot.sim.render;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The camera stress tests done on the read-back frame: rotation and occlusion change the pixels they should. */
class FramePostTest {
    static final int W = 160, H = 80;

    /** Mid grey with one bright white pixel at (x, y). */
    static byte[] frame(int x, int y) {
        byte[] rgb = new byte[W * H * 3];
        java.util.Arrays.fill(rgb, (byte) 100);
        for (int c = 0; c < 3; c++) rgb[(y * W + x) * 3 + c] = (byte) 255;
        return rgb;
    }

    static int[] whitePixel(byte[] rgb) {
        for (int i = 0; i < W * H; i++) if ((rgb[i * 3] & 0xff) == 255) return new int[]{i % W, i / W};
        return null;
    }

    @Test
    void aPositiveRotationTurnsTheImageCounterClockwiseAboutItsCentre() {
        byte[] rgb = frame(W / 2 + 30, H / 2); // right of the centre
        new FramePost(W, H, 0, 0, 20, 0, 1).apply(rgb, 0);
        int[] p = whitePixel(rgb);
        assertNotNull(p);
        double cx = (W - 1) / 2.0, cy = (H - 1) / 2.0;
        double angle = Math.toDegrees(Math.atan2(-(p[1] - cy), p[0] - cx)); // image up is positive
        assertEquals(20, angle, 3, "the point right of the centre moved up: " + p[0] + "," + p[1]);
        assertEquals(30.5, Math.hypot(p[0] - cx, p[1] - cy), 1.5);
        // the corners have nothing behind them
        assertEquals(0, rgb[0]);
        assertEquals(0, rgb[(W * H - 1) * 3]);
        // the centre stays
        assertEquals(100, rgb[((H / 2) * W + W / 2) * 3] & 0xff);
    }

    @Test
    void noRotationAndNoOcclusionLeaveTheFrameAlone() {
        byte[] rgb = frame(3, 4), copy = rgb.clone();
        FramePost post = new FramePost(W, H, 0, 0, 0, 0, 1);
        assertTrue(post.isIdentity());
        post.apply(rgb, 0);
        assertArrayEquals(copy, rgb);
        assertFalse(new FramePost(W, H, 0, 0, 15, 0, 1).isIdentity());
        assertFalse(new FramePost(W, H, 0, 0, 0, 0.2, 1).isIdentity());
    }

    @Property(tries = 50)
    void theOcclusionPatchCoversItsShareOfTheImageAndNothingElse(@ForAll @DoubleRange(min = 0.05, max = 0.5) double share, @ForAll long seed) {
        byte[] rgb = frame(0, 0);
        byte[] before = rgb.clone();
        new FramePost(W, H, 0, 0, 0, share, seed).apply(rgb, 0);
        int covered = 0, minX = W, maxX = -1, minY = H, maxY = -1;
        for (int i = 0; i < W * H; i++) {
            boolean patch = rgb[i * 3] == FramePost.PATCH && rgb[i * 3 + 1] == FramePost.PATCH && rgb[i * 3 + 2] == FramePost.PATCH;
            if (patch) {
                covered++;
                minX = Math.min(minX, i % W); maxX = Math.max(maxX, i % W);
                minY = Math.min(minY, i / W); maxY = Math.max(maxY, i / W);
            } else {
                for (int c = 0; c < 3; c++) assertEquals(before[i * 3 + c], rgb[i * 3 + c], "outside the patch nothing changes");
            }
        }
        assertEquals(share, covered / (double) (W * H), 0.03, "its share of the area");
        assertEquals(covered, (maxX - minX + 1) * (maxY - minY + 1), "one solid rectangle");
    }

    @Test
    void thePatchStaysPutThroughAnEpisodeAndMovesBetweenEpisodes() {
        FramePost a = new FramePost(W, H, 0, 3, 0, 0.25, 7);
        byte[] f1 = frame(0, 0), f2 = frame(0, 0);
        a.apply(f1, 0);
        a.apply(f2, 5);
        int[] p1 = patchCorner(f1), p2 = patchCorner(f2);
        assertArrayEquals(p1, p2, "the same place in every frame (noise aside)");
        boolean moved = false;
        for (long seed = 8; seed < 14 && !moved; seed++) {
            byte[] f = frame(0, 0);
            new FramePost(W, H, 0, 0, 0, 0.25, seed).apply(f, 0);
            moved = !java.util.Arrays.equals(p1, patchCorner(f));
        }
        assertTrue(moved, "other episodes put it elsewhere");
    }

    /** The top-left corner of the dark patch, found through the noise (the patch is far darker than the grey). */
    private static int[] patchCorner(byte[] rgb) {
        for (int i = 0; i < W * H; i++) if ((rgb[i * 3] & 0xff) < 60) return new int[]{i % W, i / W};
        return null;
    }

    @Test
    void gainAndContrastFollowTheirToneCurve() {
        byte[] lut = FramePost.toneCurve(2, 1);
        assertEquals(0, lut[0] & 0xff);
        assertEquals(200, lut[100] & 0xff);
        assertEquals(255, lut[200] & 0xff, "clipped");
        byte[] flat = FramePost.toneCurve(1, 0.5);
        assertEquals(128, flat[128] & 0xff, "mid-grey stays");
        assertEquals(64, flat[0] & 0xff, "(0 - 128) * 0.5 + 128");
        assertEquals(192, flat[255] & 0xff, "(255 - 128) * 0.5 + 128 = 191.5, rounded up");
        byte[] both = FramePost.toneCurve(0.5, 2);
        assertEquals(0, both[100] & 0xff, "(50 - 128) * 2 + 128 = -28, clipped");
        assertEquals(17, both[145] & 0xff, "(72.5 - 128) * 2 + 128");
    }

    @Test
    void gainAndContrastApplyToEveryValueOfTheFrame() {
        byte[] rgb = frame(3, 4);
        FramePost dim = new FramePost(W, H, 0, 0, 0, 0, 0.5, 1, 1);
        assertFalse(dim.isIdentity());
        dim.apply(rgb, 0);
        assertEquals(50, rgb[0] & 0xff);
        assertEquals(128, rgb[(4 * W + 3) * 3] & 0xff, "255 * 0.5 = 127.5, rounded");
        byte[] again = frame(3, 4);
        new FramePost(W, H, 0, 0, 0, 0, 1, 2, 1).apply(again, 0);
        assertEquals(72, again[0] & 0xff, "(100 - 128) * 2 + 128");
        assertEquals(255, again[(4 * W + 3) * 3] & 0xff);
        assertTrue(new FramePost(W, H, 0, 0, 0, 0, 1, 1, 1).isIdentity(), "gain 1 and contrast 1 change nothing");
    }

    @Test
    void cameraKeysAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new org.liquidpilot.sim.scenario.Scenario.Camera(160, 80, 70, 0, 0, 0, 0.1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new org.liquidpilot.sim.scenario.Scenario.Camera(160, 80, 70, 0, 0, 0, 5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new org.liquidpilot.sim.scenario.Scenario.Camera(160, 80, 70, 0, 0, 0, 1, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new org.liquidpilot.sim.scenario.Scenario.Camera(160, 80, 70, 0, 0, 0, 1, 2.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new org.liquidpilot.sim.scenario.Scenario.Camera(160, 80, 70, 0, 0, 0, 1, 1, 31));
        var sc = org.liquidpilot.sim.scenario.Scenarios.parse("camera: {gain: 2, contrast: 0.5, pitch_deg: -10}\n");
        assertEquals(2, sc.camera().gain());
        assertEquals(0.5, sc.camera().contrast());
        assertEquals(-10, sc.camera().pitchDeg());
        var d = org.liquidpilot.sim.scenario.Scenarios.parse("seed: 3\n").camera();
        assertEquals(1, d.gain());
        assertEquals(1, d.contrast());
        assertEquals(0, d.pitchDeg());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> org.liquidpilot.sim.scenario.Scenarios.parse("camera: {gain: 9}\n"));
        assertTrue(e.getMessage().contains("gain"), e.getMessage());
    }
}
