package org.liquidpilot.perception;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Procedural road clips with a known curvature, unlike the bag's in every look: random colours, horizon, road
 * width, bend profile, lateral offset, ground blotches and per-frame noise, and no scene motion tied to steering
 * (so motion features cannot stand in for road geometry).
 */
final class ProceduralRoad {
    final List<RgbFrame> frames = new ArrayList<>();
    final double[] curvature;

    ProceduralRoad(int w, int h, int n, long seed) {
        Random r = new Random(seed);
        curvature = new double[n];
        int[] sky = colour(r, 120, 230), ground = colour(r, 20, 120), road = colour(r, 70, 170);
        double horizon = h * (0.3 + 0.15 * r.nextDouble());
        double halfWidth = w * (0.15 + 0.12 * r.nextDouble());
        double power = 1.5 + r.nextDouble();
        double[] amp = {0.6 + 0.3 * r.nextDouble(), 0.2 + 0.2 * r.nextDouble(), 0.1 * r.nextDouble()};
        double[] period = {3 + 4 * r.nextDouble(), 1 + 1.5 * r.nextDouble(), 0.5 + r.nextDouble()};
        double[] phase = {r.nextDouble() * 6.3, r.nextDouble() * 6.3, r.nextDouble() * 6.3};
        int blotches = 30;
        double[][] blot = new double[blotches][];
        for (int b = 0; b < blotches; b++) blot[b] = new double[] {r.nextDouble() * w, horizon + r.nextDouble() * (h - horizon), 2 + r.nextDouble() * w / 30.0, r.nextDouble() * 40 - 20};
        double lateral = 0;
        for (int i = 0; i < n; i++) {
            double t = i / 15.0;
            double c = 0;
            for (int k = 0; k < 3; k++) c += amp[k] * Math.sin(2 * Math.PI * t / period[k] + phase[k]);
            curvature[i] = c;
            lateral = 0.9 * lateral + 0.02 * w * r.nextGaussian();
            byte[] px = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                double d = y < horizon ? 1 : (h - 1 - y) / (h - 1 - horizon);
                double cx = w / 2.0 + lateral * (1 - d) - c * (w / 4.0) * Math.pow(d, power);
                double half = halfWidth * (1 - d) + 1.5;
                for (int x = 0; x < w; x++) {
                    int[] col = y < horizon ? sky : (Math.abs(x - cx) < half ? road : ground);
                    double shade = 0;
                    if (y >= horizon && col == ground) {
                        for (double[] b : blot) if (Math.abs(x - b[0]) < b[2] && Math.abs(y - b[1]) < b[2] / 2) shade += b[3];
                    }
                    int o = (y * w + x) * 3;
                    for (int ch = 0; ch < 3; ch++) {
                        double v = col[ch] + shade + 6 * r.nextGaussian();
                        px[o + ch] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                    }
                }
            }
            frames.add(new RgbFrame(w, h, px, t));
        }
    }

    private static int[] colour(Random r, int lo, int hi) {
        return new int[] {lo + r.nextInt(hi - lo), lo + r.nextInt(hi - lo), lo + r.nextInt(hi - lo)};
    }
}
