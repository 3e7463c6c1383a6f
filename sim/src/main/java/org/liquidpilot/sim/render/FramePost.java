package org.liquidpilot.sim.render;

import java.util.SplittableRandom;

/**
 * Effects applied to the read-back image in camera space, in this order: exposure (a gain and a contrast about
 * mid-grey, one table look-up per value), a fixed roll of the whole image (the
 * rotation stress test: nearest-neighbour, corners with nothing behind them black), water drops on the lens (each
 * drop shows a magnified, inverted, brighter view of what lies behind it, and slides slowly down), a dark patch over
 * part of the image (the occlusion stress test: dirt or a finger on the lens, the image's own aspect, placed per
 * episode and fixed through it) and additive Gaussian sensor noise. All are seeded per episode; per frame they
 * allocate nothing. Done on the frame, they apply alike to every renderer path and cost one pass each.
 */
final class FramePost {
    /** The occlusion patch's grey level: nearly black, as a covered lens is. */
    static final byte PATCH = 24;

    private final int width, height;
    /** For each output pixel the source pixel of the rolled image, or -1; null without rotation. */
    private final int[] rotation;
    private final int patchX0, patchY0, patchX1, patchY1;
    private final float[] dropX, dropY, dropR, dropSpeed;
    private final double noiseStd;
    private final float[] gaussian;
    private final SplittableRandom rnd;
    private final byte[] scratch;
    /** Value → exposed value (gain, then contrast about mid-grey), or null when both are 1. */
    private final byte[] tone;

    FramePost(int width, int height, double rain, double noiseStd, long seed) {
        this(width, height, rain, noiseStd, 0, 0, seed);
    }

    /**
     * @param rotationDeg roll of the image about its centre, counter-clockwise positive
     * @param occlusion   fraction of the image's area the patch covers (0 for none)
     */
    FramePost(int width, int height, double rain, double noiseStd, double rotationDeg, double occlusion, long seed) {
        this(width, height, rain, noiseStd, rotationDeg, occlusion, 1, 1, seed);
    }

    /**
     * @param gain     exposure: every value times this (clipped at 255)
     * @param contrast the exposed value's distance from mid-grey (128) times this
     */
    FramePost(int width, int height, double rain, double noiseStd, double rotationDeg, double occlusion, double gain, double contrast, long seed) {
        this.width = width;
        this.tone = gain == 1 && contrast == 1 ? null : toneCurve(gain, contrast);
        this.height = height;
        this.rnd = new SplittableRandom(seed);
        this.rotation = rotationDeg == 0 ? null : rotationMap(width, height, Math.toRadians(rotationDeg));
        // Drawn from its own stream, so adding the patch does not move the drops or the noise.
        SplittableRandom place = new SplittableRandom(seed ^ 0x5851F42D4C957F2DL);
        int pw = (int) Math.round(width * Math.sqrt(occlusion)), ph = (int) Math.round(height * Math.sqrt(occlusion));
        this.patchX0 = pw > 0 && ph > 0 ? place.nextInt(width - pw + 1) : 0;
        this.patchY0 = pw > 0 && ph > 0 ? place.nextInt(height - ph + 1) : 0;
        this.patchX1 = pw > 0 && ph > 0 ? patchX0 + pw : 0;
        this.patchY1 = pw > 0 && ph > 0 ? patchY0 + ph : 0;
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
        this.scratch = drops > 0 || rotation != null ? new byte[width * height * 3] : new byte[0];
    }

    /** Output pixel → source pixel of an image rolled by {@code angle} (counter-clockwise as seen) about its centre. */
    static int[] rotationMap(int width, int height, double angle) {
        int[] map = new int[width * height];
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0, c = Math.cos(angle), s = Math.sin(angle);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Rows grow downwards, so a counter-clockwise roll as seen is a clockwise one in (x, y).
                double dx = x - cx, dy = y - cy;
                int sx = (int) Math.round(cx + c * dx - s * dy), sy = (int) Math.round(cy + s * dx + c * dy);
                map[y * width + x] = sx < 0 || sx >= width || sy < 0 || sy >= height ? -1 : sy * width + sx;
            }
        }
        return map;
    }

    /** The 256-entry table of {@code clamp(round((v * gain - 128) * contrast + 128))}. */
    static byte[] toneCurve(double gain, double contrast) {
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            long o = Math.round((v * gain - 128) * contrast + 128);
            lut[v] = (byte) (o < 0 ? 0 : o > 255 ? 255 : o);
        }
        return lut;
    }

    boolean isIdentity() {
        return dropX.length == 0 && noiseStd == 0 && rotation == null && patchX1 == 0 && tone == null;
    }

    /** Applies the effects to {@code rgb} (packed RGB, top-down) for simulated time {@code t}. */
    void apply(byte[] rgb, double t) {
        if (tone != null) {
            // Exposure is the sensor's: before the roll (whose empty corners stay black) and before the noise.
            for (int i = 0; i < rgb.length; i++) rgb[i] = tone[rgb[i] & 0xff];
        }
        if (rotation != null) {
            System.arraycopy(rgb, 0, scratch, 0, rgb.length);
            for (int i = 0, d = 0; i < rotation.length; i++, d += 3) {
                int src = rotation[i] * 3;
                if (src < 0) {
                    rgb[d] = rgb[d + 1] = rgb[d + 2] = 0;
                } else {
                    rgb[d] = scratch[src];
                    rgb[d + 1] = scratch[src + 1];
                    rgb[d + 2] = scratch[src + 2];
                }
            }
        }
        if (dropX.length > 0) {
            System.arraycopy(rgb, 0, scratch, 0, rgb.length);
            for (int i = 0; i < dropX.length; i++) {
                float cy = (float) ((dropY[i] + t * dropSpeed[i]) % (height + 2 * dropR[i])) - dropR[i];
                drop(rgb, dropX[i], cy, dropR[i]);
            }
        }
        for (int y = patchY0; y < patchY1; y++) {
            java.util.Arrays.fill(rgb, (y * width + patchX0) * 3, (y * width + patchX1) * 3, PATCH);
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
