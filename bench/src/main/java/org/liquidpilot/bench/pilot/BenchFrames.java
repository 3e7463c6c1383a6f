package org.liquidpilot.bench.pilot;

import org.liquidpilot.perception.RgbFrame;

import java.util.Random;

/** Synthetic forest-road frames (sky, green verges, grey road bending with {@code curve}) for the pilot benchmarks. */
final class BenchFrames {
    private BenchFrames() {}

    static RgbFrame road(int w, int h, double curve, double stamp, Random rnd) {
        byte[] rgb = new byte[w * h * 3];
        int horizon = h * 2 / 5;
        for (int y = 0; y < h; y++) {
            double t = y < horizon ? 0 : (y - horizon) / (double) (h - horizon);
            double centre = w / 2.0 + curve * w * 0.4 * (1 - t) * (1 - t);
            double half = 2 + t * w * 0.35;
            for (int x = 0; x < w; x++) {
                int r = 40, g = 110 + (x * 7 + y * 3) % 30, b = 35;
                if (y < horizon) { r = 150; g = 190; b = 235; } else if (Math.abs(x - centre) < half) { r = 110; g = 110; b = 105; }
                int n = rnd.nextInt(9) - 4;
                int i = (y * w + x) * 3;
                rgb[i] = (byte) Math.max(0, Math.min(255, r + n));
                rgb[i + 1] = (byte) Math.max(0, Math.min(255, g + n));
                rgb[i + 2] = (byte) Math.max(0, Math.min(255, b + n));
            }
        }
        return new RgbFrame(w, h, rgb, stamp);
    }
}
