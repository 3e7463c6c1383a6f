package org.liquidpilot.perception;

/**
 * One camera frame as the simulator renders it and the pilot sees it: packed 8-bit RGB, three bytes a pixel,
 * rows top to bottom with no padding. The array is not copied; producers that reuse a buffer say so.
 *
 * @param width        pixels per row
 * @param height       rows
 * @param rgb          {@code width*height*3} bytes
 * @param stampSeconds capture time (simulated or ROS time), seconds
 */
public record RgbFrame(int width, int height, byte[] rgb, double stampSeconds) {
    public RgbFrame {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("frame size " + width + "x" + height + " is not positive");
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("frame " + width + "x" + height + " needs " + (long) width * height * 3
                    + " RGB bytes, got " + (rgb == null ? "none" : rgb.length));
        }
    }

    /** Red, green or blue (channel 0, 1, 2) of pixel (x, y), 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
