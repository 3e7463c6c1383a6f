package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/Float32MultiArray. Equality compares the data by value. */
public record Float32MultiArray(MultiArrayLayout layout, float[] data) {
    public static final TypedCodec<Float32MultiArray> CODEC = new TypedCodec<>("std_msgs/Float32MultiArray") {
        @Override
        public Float32MultiArray read(ByteBuffer in) {
            MultiArrayLayout layout = MultiArrayLayout.CODEC.read(in);
            return new Float32MultiArray(layout, Wire.readFloats(in, Wire.readCount(in, 4)));
        }

        @Override
        public void write(Float32MultiArray m, ByteBuffer out) {
            MultiArrayLayout.CODEC.write(m.layout, out);
            out.putInt(m.data.length);
            Wire.writeFloats(out, m.data);
        }

        @Override
        public int encodedSize(Float32MultiArray m) {
            return MultiArrayLayout.CODEC.encodedSize(m.layout) + 4 + 4 * m.data.length;
        }
    };

    public Float32MultiArray {
        java.util.Objects.requireNonNull(layout, "layout");
        java.util.Objects.requireNonNull(data, "data");
    }

    /** A plain vector with a one-dimension layout labelled {@code label}. */
    public static Float32MultiArray vector(String label, float... data) {
        return new Float32MultiArray(MultiArrayLayout.vector(label, data.length), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float32MultiArray other && layout.equals(other.layout) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * layout.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Float32MultiArray[layout=" + layout + ", data=" + Arrays.toString(data) + "]";
    }
}
