package org.liquidpilot.perception;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic degradations of frames for robustness tests: exposure, sensor noise, rain streaks. */
final class Weather {
    private Weather() {}

    static List<RgbFrame> brightness(List<RgbFrame> frames, double gain) {
        List<RgbFrame> out = new ArrayList<>();
        for (RgbFrame f : frames) {
            byte[] b = f.rgb().clone();
            for (int k = 0; k < b.length; k++) b[k] = clip((b[k] & 0xff) * gain);
            out.add(new RgbFrame(f.width(), f.height(), b, f.stampSeconds()));
        }
        return out;
    }

    static List<RgbFrame> gaussianNoise(List<RgbFrame> frames, double sigma, long seed) {
        Random rnd = new Random(seed);
        List<RgbFrame> out = new ArrayList<>();
        for (RgbFrame f : frames) {
            byte[] b = f.rgb().clone();
            for (int k = 0; k < b.length; k++) b[k] = clip((b[k] & 0xff) + sigma * rnd.nextGaussian());
            out.add(new RgbFrame(f.width(), f.height(), b, f.stampSeconds()));
        }
        return out;
    }

    /**
     * Rain: {@code streaksPerFrame} bright, slightly slanted, one-pixel-wide streaks of random length at random
     * places, new in every frame, blended over the image (as drops near the lens look), plus a slight veil.
     */
    static List<RgbFrame> rain(List<RgbFrame> frames, int streaksPerFrame, long seed) {
        return rain(frames, streaksPerFrame, 1, seed);
    }

    /** Rain with streaks {@code width} pixels wide. */
    static List<RgbFrame> rain(List<RgbFrame> frames, int streaksPerFrame, int width, long seed) {
        Random rnd = new Random(seed);
        List<RgbFrame> out = new ArrayList<>();
        for (RgbFrame f : frames) {
            int w = f.width(), h = f.height();
            byte[] b = f.rgb().clone();
            for (int k = 0; k < b.length; k++) b[k] = clip((b[k] & 0xff) * 0.85 + 25);
            for (int s = 0; s < streaksPerFrame; s++) {
                double x = rnd.nextDouble() * w, y = rnd.nextDouble() * h;
                double slant = 0.15 + 0.1 * rnd.nextGaussian();
                int len = (int) (h * (0.1 + 0.3 * rnd.nextDouble()));
                double alpha = 0.4 + 0.4 * rnd.nextDouble();
                for (int t = 0; t < len; t++) {
                    int px = (int) (x + slant * t), py = (int) y + t;
                    if (px < 0 || px + width > w || py >= h) break;
                    for (int dx = 0; dx < width; dx++) {
                        int o = (py * w + px + dx) * 3;
                        for (int c = 0; c < 3; c++) b[o + c] = clip((b[o + c] & 0xff) * (1 - alpha) + 220 * alpha);
                    }
                }
            }
            out.add(new RgbFrame(w, h, b, f.stampSeconds()));
        }
        return out;
    }

    private static byte clip(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
}
