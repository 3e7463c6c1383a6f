package org.liquidpilot.ros.msg.sensor_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** sensor_msgs/CompressedImage ({@code format} e.g. "jpeg" or "rgb8; jpeg compressed bgr8"). Data is not copied. */
public record CompressedImage(Header header, String format, byte[] data) {
    public static final TypedCodec<CompressedImage> CODEC = new TypedCodec<>("sensor_msgs/CompressedImage") {
        @Override
        public CompressedImage read(ByteBuffer in) {
            return new CompressedImage(Header.CODEC.read(in), Wire.readString(in), Wire.readBytes(in));
        }

        @Override
        public void write(CompressedImage m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            Wire.writeString(out, m.format);
            Wire.writeBytes(out, m.data);
        }

        @Override
        public int encodedSize(CompressedImage m) {
            return Header.CODEC.encodedSize(m.header) + Wire.stringSize(m.format) + 4 + m.data.length;
        }
    };

    public CompressedImage {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(format, "format");
        java.util.Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressedImage c && header.equals(c.header) && format.equals(c.format)
                && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return (header.hashCode() * 31 + format.hashCode()) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CompressedImage[header=" + header + ", format=" + format + ", " + data.length + " bytes]";
    }
}
