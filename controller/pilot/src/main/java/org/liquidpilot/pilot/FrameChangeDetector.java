package org.liquidpilot.pilot;

import org.liquidpilot.perception.RgbFrame;

/**
 * How much a camera frame differs from the one before: the mean absolute difference, in 0..255 levels, of a fixed
 * sparse sample of the pixels (the centres of a grid of at most {@value #GRID} × {@value #GRID} cells, all three
 * channels). That is about 3,000 byte comparisons a frame whatever the resolution, and nothing is allocated: the
 * sample of the previous frame lives in a buffer made once. A frozen camera driver that repeats its buffer gives
 * exactly 0; a moving vehicle gives a clearly positive value (see {@link FailsafeConfig#defaults}).
 * <p>
 * Not thread-safe: the pilot serialises calls.
 */
public final class FrameChangeDetector {
    /** Grid cells per side. */
    public static final int GRID = 32;
    private final byte[] previous = new byte[GRID * GRID * 3];
    private int width = -1;
    private int height = -1;

    /**
     * The mean absolute difference between this frame's sample and the previous frame's, then remembers this one.
     * NaN for the first frame, after {@link #reset()}, or when the frame size changed.
     */
    public double difference(RgbFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int gx = Math.min(GRID, w);
        int gy = Math.min(GRID, h);
        boolean comparable = w == width && h == height;
        byte[] rgb = frame.rgb();
        long sum = 0;
        int k = 0;
        for (int j = 0; j < gy; j++) {
            int row = (int) ((2L * j + 1) * h / (2L * gy)) * w;
            for (int i = 0; i < gx; i++) {
                int o = (row + (int) ((2L * i + 1) * w / (2L * gx))) * 3;
                for (int c = 0; c < 3; c++, k++) {
                    byte b = rgb[o + c];
                    sum += Math.abs((b & 0xff) - (previous[k] & 0xff));
                    previous[k] = b;
                }
            }
        }
        width = w;
        height = h;
        return comparable ? (double) sum / k : Double.NaN;
    }

    /** Forgets the previous frame: the next difference is NaN. */
    public void reset() {
        width = -1;
        height = -1;
    }
}
