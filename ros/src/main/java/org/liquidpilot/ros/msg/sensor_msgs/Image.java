package org.liquidpilot.ros.msg.sensor_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.std_msgs.Header;

/**
 * sensor_msgs/Image. height, width and step are uint32 kept raw; isBigendian is the uint8 as sent (0..255).
 * The pixel array is not copied (images are large); equality compares it by value.
 */
public record Image(Header header, int height, int width, String encoding, int isBigendian, int step, byte[] data) {
    public static final TypedCodec<Image> CODEC = new TypedCodec<>("sensor_msgs/Image") {
        @Override
        public Image read(ByteBuffer in) {
            Header h = Header.CODEC.read(in);
            int height = in.getInt();
            int width = in.getInt();
            String encoding = Wire.readString(in);
            int bigendian = in.get() & 0xFF;
            int step = in.getInt();
            return new Image(h, height, width, encoding, bigendian, step, Wire.readBytes(in));
        }

        @Override
        public void write(Image m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            out.putInt(m.height).putInt(m.width);
            Wire.writeString(out, m.encoding);
            out.put((byte) m.isBigendian).putInt(m.step);
            Wire.writeBytes(out, m.data);
        }

        @Override
        public int encodedSize(Image m) {
            return Header.CODEC.encodedSize(m.header) + 8 + Wire.stringSize(m.encoding) + 5 + 4 + m.data.length;
        }
    };

    public Image {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(encoding, "encoding");
        java.util.Objects.requireNonNull(data, "data");
        if (isBigendian < 0 || isBigendian > 255) {
            throw new IllegalArgumentException("isBigendian is a uint8: " + isBigendian);
        }
    }

    /** An 8-bit-per-channel image ({@code rgb8}, {@code bgr8}, {@code mono8}, ...) with rows packed tightly. */
    public static Image of(Header header, int height, int width, String encoding, int channels, byte[] data) {
        if ((long) height * width * channels != data.length) {
            throw new IllegalArgumentException(height + "x" + width + "x" + channels + " image needs "
                    + (long) height * width * channels + " bytes, got " + data.length);
        }
        return new Image(header, height, width, encoding, 0, width * channels, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && header.equals(i.header) && height == i.height && width == i.width
                && encoding.equals(i.encoding) && isBigendian == i.isBigendian && step == i.step
                && Arrays.equals(data, i.data);
    }

    @Override
    public int hashCode() {
        return ((header.hashCode() * 31 + height) * 31 + width) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Image[header=" + header + ", " + width + "x" + height + " " + encoding + ", step=" + step
                + ", bigendian=" + isBigendian + ", " + data.length + " bytes]";
    }
}
