package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/MultiArrayDimension; size and stride are uint32 kept raw. */
public record MultiArrayDimension(String label, int size, int stride) {
    public static final TypedCodec<MultiArrayDimension> CODEC = new TypedCodec<>("std_msgs/MultiArrayDimension") {
        @Override
        public MultiArrayDimension read(ByteBuffer in) {
            return new MultiArrayDimension(Wire.readString(in), in.getInt(), in.getInt());
        }

        @Override
        public void write(MultiArrayDimension m, ByteBuffer out) {
            Wire.writeString(out, m.label);
            out.putInt(m.size).putInt(m.stride);
        }

        @Override
        public int encodedSize(MultiArrayDimension m) {
            return Wire.stringSize(m.label) + 8;
        }
    };

    public MultiArrayDimension {
        java.util.Objects.requireNonNull(label, "label");
    }
}
