package org.liquidpilot.perception;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Turns the contents of sensor_msgs/Image and sensor_msgs/CompressedImage into {@link RgbFrame}s.
 * Anything that cannot be decoded faithfully gives an {@link ImageFormatException} with a one-line reason; sizes
 * are checked against the data before anything is allocated, so a lying header cannot ask for gigabytes.
 */
public final class ImageDecoder {
    /** Largest accepted width or height. */
    public static final int MAX_SIDE = 8192;
    /** Largest accepted pixel count (a 4K frame is 8.3 M). */
    public static final long MAX_PIXELS = 16L << 20;
    /** Largest accepted compressed payload. */
    public static final int MAX_COMPRESSED_BYTES = 64 << 20;

    private ImageDecoder() {}

    /** Encodings {@link #decodeRaw} accepts, as sensor_msgs/image_encodings spells them. */
    public static final java.util.List<String> RAW_ENCODINGS = java.util.List.of("rgb8", "bgr8", "rgba8", "bgra8", "mono8");

    /**
     * Decodes an uncompressed image. Rows may be padded ({@code step > width * bytesPerPixel}); the data must hold
     * at least {@code height} rows of {@code step} bytes (the last row may omit its padding).
     */
    public static RgbFrame decodeRaw(int width, int height, String encoding, int step, byte[] data, double stampSeconds) {
        checkSize(width, height);
        if (encoding == null) throw new ImageFormatException("image encoding is missing");
        int channels;
        boolean bgr = false;
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "rgb8" -> channels = 3;
            case "bgr8" -> { channels = 3; bgr = true; }
            case "rgba8" -> channels = 4;
            case "bgra8" -> { channels = 4; bgr = true; }
            case "mono8", "8uc1" -> channels = 1;
            default -> throw new ImageFormatException("unsupported image encoding '" + clip(encoding)
                    + "' (supported: " + String.join(", ", RAW_ENCODINGS) + ")");
        }
        long rowBytes = (long) width * channels;
        if (step < rowBytes) {
            throw new ImageFormatException("image step " + step + " is shorter than a row of " + width + " " + encoding + " pixels (" + rowBytes + " bytes)");
        }
        if (data == null) throw new ImageFormatException("image data is missing");
        long needed = (long) step * (height - 1) + rowBytes;
        if (data.length < needed) {
            throw new ImageFormatException("image data has " + data.length + " bytes, " + width + "x" + height + " " + encoding
                    + " with step " + step + " needs " + (long) step * height);
        }
        byte[] rgb = new byte[width * height * 3];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int p = y * step;
            if (channels == 1) {
                for (int x = 0; x < width; x++, p++) {
                    byte v = data[p];
                    rgb[o++] = v;
                    rgb[o++] = v;
                    rgb[o++] = v;
                }
            } else if (!bgr && channels == 3) {
                System.arraycopy(data, p, rgb, o, width * 3);
                o += width * 3;
            } else {
                for (int x = 0; x < width; x++, p += channels) {
                    rgb[o++] = data[bgr ? p + 2 : p];
                    rgb[o++] = data[p + 1];
                    rgb[o++] = data[bgr ? p : p + 2];
                }
            }
        }
        return new RgbFrame(width, height, rgb, stampSeconds);
    }

    /**
     * Decodes a JPEG or PNG payload. {@code format} is the message's format field ({@code "jpeg"},
     * {@code "rgb8; jpeg compressed bgr8"}, {@code "png"}, ...); when it names a codec the data must be that codec.
     */
    public static RgbFrame decodeCompressed(String format, byte[] data, double stampSeconds) {
        if (data == null || data.length == 0) throw new ImageFormatException("compressed image has no data");
        if (data.length > MAX_COMPRESSED_BYTES) throw new ImageFormatException("compressed image of " + data.length + " bytes is too large");
        String f = format == null ? "" : format.toLowerCase(Locale.ROOT);
        if (f.contains("compresseddepth")) throw new ImageFormatException("depth images ('" + clip(format) + "') are not camera frames");
        CompressedHeader header = CompressedHeader.read(data);
        boolean saysJpeg = f.contains("jpeg") || f.contains("jpg");
        boolean saysPng = f.contains("png");
        if ((saysJpeg && header.codec() != CompressedHeader.Codec.JPEG) || (saysPng && header.codec() != CompressedHeader.Codec.PNG)) {
            throw new ImageFormatException("format '" + clip(format) + "' does not match the data, which is " + header.codec());
        }
        checkSize(header.width(), header.height());
        try (BytePointer bytes = new BytePointer(data); Mat encoded = new Mat(1, data.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
             Mat bgr = imdecode(encoded, IMREAD_COLOR)) {
            if (bgr == null || bgr.empty()) throw new ImageFormatException("corrupt " + header.codec() + " data (" + data.length + " bytes)");
            if (bgr.cols() != header.width() || bgr.rows() != header.height()) {
                throw new ImageFormatException(header.codec() + " decoded to " + bgr.cols() + "x" + bgr.rows() + " but its header says "
                        + header.width() + "x" + header.height());
            }
            byte[] rgb = new byte[header.width() * header.height() * 3];
            try (Mat out = new Mat(header.height(), header.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC3)) {
                cvtColor(bgr, out, COLOR_BGR2RGB);
                out.data().get(rgb);
            }
            return new RgbFrame(header.width(), header.height(), rgb, stampSeconds);
        }
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) throw new ImageFormatException("image size " + width + "x" + height + " is not positive");
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new ImageFormatException("image size " + width + "x" + height + " is larger than " + MAX_SIDE + " a side or " + MAX_PIXELS + " pixels");
        }
    }

    static String clip(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) b.append(c < 0x20 || c == 0x7f ? '?' : c);
        return b.toString();
    }
}
