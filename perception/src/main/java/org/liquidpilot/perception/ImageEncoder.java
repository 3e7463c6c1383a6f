package org.liquidpilot.perception;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/** PNG and JPEG bytes of a frame (for panels, tests and publishing CompressedImage). */
public final class ImageEncoder {
    private ImageEncoder() {}

    public static byte[] png(RgbFrame f) {
        return encode(f, ".png");
    }

    public static byte[] jpeg(RgbFrame f) {
        return encode(f, ".jpg");
    }

    private static byte[] encode(RgbFrame f, String ext) {
        try (Mat rgb = new Mat(f.height(), f.width(), CV_8UC3); Mat bgr = new Mat(); BytePointer out = new BytePointer()) {
            rgb.data().put(f.rgb(), 0, f.rgb().length);
            cvtColor(rgb, bgr, COLOR_RGB2BGR);
            if (!imencode(ext, bgr, out)) throw new IllegalStateException("OpenCV could not encode " + ext);
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }
}
