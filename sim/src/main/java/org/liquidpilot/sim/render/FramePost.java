package org.liquidpilot.sim.render;

import java.util.SplittableRandom;

/**
 * Effects applied to the read-back image in camera space: water drops on the lens (each drop shows a magnified,
 * inverted, brighter view of what lies behind it, and slides slowly down) and additive Gaussian sensor noise. Both
 * are seeded per episode; per frame they allocate nothing.
 */
final class FramePost {
    private final int width, height;
    private final float[] dropX, dropY, dropR, dropSpeed;
    private final double noiseStd;
    private final float[] gaussian;
    private final SplittableRandom rnd;
    private final byte[] scratch;

    FramePost(int width, int height, double rain, double noiseStd, long seed) {
        this.width = width;
        this.height = height;
        this.rnd = new SplittableRandom(seed);
        int drops = (int) Math.round(14 * rain);
        dropX = new float[drops];
        dropY = new float[drops];
        dropR = new float[drops];
        dropSpeed = new float[drops];
        for (int i = 0; i < drops; i++) {
            dropX[i] = (float) rnd.nextDouble() * width;
            dropY[i] = (float) rnd.nextDouble() * height;
            dropR[i] = (float) (0.025 + 0.04 * rnd.nextDouble()) * height;
            dropSpeed[i] = (float) (0.02 + 0.08 * rnd.nextDouble()) * height;
        }
        this.noiseStd = noiseStd;
        this.gaussian = new float[noiseStd > 0 ? 1 << 16 : 0];
        for (int i = 0; i < gaussian.length; i++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble();
            gaussian[i] = (float) (Math.sqrt(-2 * Math.log(1 - a)) * Math.cos(2 * Math.PI * b) * noiseStd);
        }
        this.scratch = drops > 0 ? new byte[width * height * 3] : new byte[0];
    }

    boolean isIdentity() {
        return dropX.length == 0 && noiseStd == 0;
    }

    /** Applies the effects to {@code rgb} (packed RGB, top-down) for simulated time {@code t}. */
    void apply(byte[] rgb, double t) {
        if (dropX.length > 0) {
            System.arraycopy(rgb, 0, scratch, 0, rgb.length);
            for (int i = 0; i < dropX.length; i++) {
                float cy = (float) ((dropY[i] + t * dropSpeed[i]) % (height + 2 * dropR[i])) - dropR[i];
                drop(rgb, dropX[i], cy, dropR[i]);
            }
        }
        if (noiseStd > 0) {
            int mask = gaussian.length - 1;
            int offset = rnd.nextInt(gaussian.length);
            int stride = 1 + 2 * rnd.nextInt(64);
            for (int i = 0; i < rgb.length; i++) {
                int v = (rgb[i] & 0xff) + Math.round(gaussian[(offset + i * stride) & mask]);
                rgb[i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
            }
        }
    }

    private void drop(byte[] rgb, float cx, float cy, float r) {
        int x0 = Math.max(0, (int) (cx - r)), x1 = Math.min(width - 1, (int) (cx + r));
        int y0 = Math.max(0, (int) (cy - r)), y1 = Math.min(height - 1, (int) (cy + r));
        float r2 = r * r;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                float dx = x - cx, dy = y - cy;
                float d2 = dx * dx + dy * dy;
                if (d2 > r2) continue;
                // A drop is a small lens: it shows the scene around it upside down and magnified, rim darker.
                int sx = clamp(Math.round(cx - dx * 2.2f), width), sy = clamp(Math.round(cy - dy * 2.2f), height);
                float rim = 1f - 0.35f * d2 / r2;
                int src = (sy * width + sx) * 3, dst = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int v = Math.round(((scratch[src + c] & 0xff) * 0.8f + 40) * rim);
                    rgb[dst + c] = (byte) Math.min(255, v);
                }
            }
        }
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : v >= n ? n - 1 : v;
    }
}
