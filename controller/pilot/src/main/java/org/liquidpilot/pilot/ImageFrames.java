package org.liquidpilot.pilot;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

/** sensor_msgs/Image → {@link RgbFrame}: rgb8 is wrapped without a copy when rows are packed, bgr8/mono8/rgba8/bgra8 are converted. */
public final class ImageFrames {
    /** Caps what a malformed message can make us allocate (4K RGB). */
    public static final long MAX_PIXELS = 4096L * 4096;

    private ImageFrames() {}

    public static RgbFrame toFrame(Image m, double stampSeconds) {
        int w = m.width();
        int h = m.height();
        if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) throw new IllegalArgumentException("image size " + w + "x" + h + " is not usable");
        int channels = switch (m.encoding()) {
            case "rgb8", "bgr8" -> 3;
            case "rgba8", "bgra8" -> 4;
            case "mono8", "8UC1" -> 1;
            default -> throw new IllegalArgumentException("image encoding '" + m.encoding() + "' is not supported (rgb8, bgr8, rgba8, bgra8, mono8)");
        };
        long rowBytes = (long) w * channels;
        if (m.step() < rowBytes || (long) m.step() * (h - 1) + rowBytes > m.data().length) {
            throw new IllegalArgumentException("image " + w + "x" + h + " " + m.encoding() + " with step " + m.step() + " needs more than its " + m.data().length + " bytes");
        }
        byte[] src = m.data();
        if (m.encoding().equals("rgb8") && m.step() == w * 3 && src.length == w * h * 3) return new RgbFrame(w, h, src, stampSeconds);
        byte[] rgb = new byte[w * h * 3];
        boolean bgr = m.encoding().startsWith("bgr");
        for (int y = 0; y < h; y++) {
            int in = y * m.step();
            int out = y * w * 3;
            for (int x = 0; x < w; x++, in += channels, out += 3) {
                if (channels == 1) {
                    rgb[out] = rgb[out + 1] = rgb[out + 2] = src[in];
                } else {
                    rgb[out] = src[in + (bgr ? 2 : 0)];
                    rgb[out + 1] = src[in + 1];
                    rgb[out + 2] = src[in + (bgr ? 0 : 2)];
                }
            }
        }
        return new RgbFrame(w, h, rgb, stampSeconds);
    }
}
