package org.liquidpilot.perception;

import java.util.Random;

/**
 * Synthetic forest-road frames: sky, green verges, a grey road whose vanishing point moves with {@code curve}. They
 * stand in for a camera where a test or benchmark needs frames with a known bend and no renderer; the simulator
 * draws the real thing.
 */
public final class SyntheticRoad {
    private SyntheticRoad() {}

    /** A road bending with {@code curve} (about -1..1, positive to the right at the horizon) and ±4 levels of noise. */
    public static RgbFrame road(int w, int h, double curve, double stamp, Random rnd) {
        byte[] rgb = new byte[w * h * 3];
        int horizon = h * 2 / 5;
        for (int y = 0; y < h; y++) {
            double t = y < horizon ? 0 : (y - horizon) / (double) (h - horizon);
            double centre = w / 2.0 + curve * w * 0.4 * (1 - t) * (1 - t);
            double half = 2 + t * w * 0.35;
            for (int x = 0; x < w; x++) {
                int r, g, b;
                if (y < horizon) {
                    r = 150; g = 190; b = 235;
                } else if (Math.abs(x - centre) < half) {
                    r = 110; g = 110; b = 105;
                } else {
                    r = 40; g = 110 + (x * 7 + y * 3) % 30; b = 35;
                }
                int n = rnd.nextInt(9) - 4;
                int i = (y * w + x) * 3;
                rgb[i] = (byte) clamp(r + n);
                rgb[i + 1] = (byte) clamp(g + n);
                rgb[i + 2] = (byte) clamp(b + n);
            }
        }
        return new RgbFrame(w, h, rgb, stamp);
    }

    /** Every channel of every pixel {@code value}. */
    public static RgbFrame uniform(int w, int h, int value, double stamp) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new RgbFrame(w, h, rgb, stamp);
    }

    /** Uniform random bytes: a frame with no scene in it. */
    public static RgbFrame noise(int w, int h, double stamp, Random rnd) {
        byte[] rgb = new byte[w * h * 3];
        rnd.nextBytes(rgb);
        return new RgbFrame(w, h, rgb, stamp);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
