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
}
