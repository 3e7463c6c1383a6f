package org.liquidpilot.pilot;

import org.liquidpilot.perception.RgbFrame;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A serialised sensor_msgs/Image straight into one reused {@link RgbFrame}: the pilot node's control path reads
 * each camera message from the transport's receive buffer with no decoded message, no pixel array and no frame
 * object per image (a new frame only when the image size changes). Accepts and refuses exactly what
 * {@link ImageFrames#toFrame} does. Not thread-safe: one reader per subscription.
 */
public final class ImageFrameReader {
    private static final byte[][] ENCODINGS = bytes("rgb8", "bgr8", "rgba8", "bgra8", "mono8", "8UC1");
    private static final int[] CHANNELS = {3, 3, 4, 4, 1, 1};
    private static final int RGB8 = 0;

    private RgbFrame frame;
    private long stampNanos;

    /**
     * Reads one message. The frame returned is this reader's own and is overwritten by the next call; its
     * {@code stampSeconds} is 0: the message's stamp is {@link #stampNanos()}.
     *
     * @throws IllegalArgumentException for a truncated message or an image the pilot cannot use (size, encoding,
     *                                  too few bytes for its step)
     */
    public RgbFrame read(ByteBuffer in) {
        try {
            in.getInt(); // header.seq
            long secs = in.getInt() & 0xFFFFFFFFL;
            long nsecs = in.getInt() & 0xFFFFFFFFL;
            stampNanos = secs * 1_000_000_000L + nsecs;
            skip(in, length(in)); // header.frame_id
            long h = in.getInt() & 0xFFFFFFFFL;
            long w = in.getInt() & 0xFFFFFFFFL;
            int encodingLength = length(in);
            int encodingAt = in.position();
            skip(in, encodingLength);
            in.get(); // is_bigendian: 8-bit channels have no byte order
            long step = in.getInt() & 0xFFFFFFFFL;
            int dataLength = length(in);
            int data = in.position();
            skip(in, dataLength);
            if (w <= 0 || h <= 0 || w * h > ImageFrames.MAX_PIXELS) throw new IllegalArgumentException("image size " + w + "x" + h + " is not usable");
            int encoding = encoding(in, encodingAt, encodingLength);
            int channels = CHANNELS[encoding];
            long rowBytes = w * channels;
            if (step < rowBytes || step * (h - 1) + rowBytes > dataLength) {
                throw new IllegalArgumentException("image " + w + "x" + h + " " + encodingName(in, encodingAt, encodingLength) + " with step " + step
                        + " needs more than its " + dataLength + " bytes");
            }
            pixels((int) w, (int) h, in, data, (int) step, encoding, channels);
            return frame;
        } catch (BufferUnderflowException | IndexOutOfBoundsException truncated) {
            throw new IllegalArgumentException("truncated sensor_msgs/Image message");
        }
    }

    /** The stamp of the last message read, in nanoseconds (0 when the publisher left it zero). */
    public long stampNanos() {
        return stampNanos;
    }

    private void pixels(int w, int h, ByteBuffer in, int data, int step, int encoding, int channels) {
        if (frame == null || frame.width() != w || frame.height() != h) frame = new RgbFrame(w, h, new byte[w * h * 3], 0);
        byte[] rgb = frame.rgb();
        if (encoding == RGB8 && step == w * 3) {
            in.get(data, rgb, 0, rgb.length);
            return;
        }
        boolean bgr = encoding == 1 || encoding == 3;
        for (int y = 0; y < h; y++) {
            int src = data + y * step;
            int out = y * w * 3;
            for (int x = 0; x < w; x++, src += channels, out += 3) {
                if (channels == 1) {
                    rgb[out] = rgb[out + 1] = rgb[out + 2] = in.get(src);
                } else {
                    rgb[out] = in.get(src + (bgr ? 2 : 0));
                    rgb[out + 1] = in.get(src + 1);
                    rgb[out + 2] = in.get(src + (bgr ? 0 : 2));
                }
            }
        }
    }

    /** The index of a supported encoding, compared byte by byte so that no string is made. */
    private static int encoding(ByteBuffer in, int at, int length) {
        outer:
        for (int e = 0; e < ENCODINGS.length; e++) {
            byte[] name = ENCODINGS[e];
            if (name.length != length) continue;
            for (int i = 0; i < length; i++) if (in.get(at + i) != name[i]) continue outer;
            return e;
        }
        throw new IllegalArgumentException("image encoding '" + encodingName(in, at, length) + "' is not supported (rgb8, bgr8, rgba8, bgra8, mono8)");
    }

    private static String encodingName(ByteBuffer in, int at, int length) {
        byte[] b = new byte[length];
        in.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int length(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) throw new BufferUnderflowException();
        return n;
    }

    private static void skip(ByteBuffer in, int n) {
        in.position(in.position() + n);
    }

    private static byte[][] bytes(String... names) {
        byte[][] b = new byte[names.length][];
        for (int i = 0; i < names.length; i++) b[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        return b;
    }
}
