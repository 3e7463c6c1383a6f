package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/Float64MultiArray. Equality compares the data by value. */
public record Float64MultiArray(MultiArrayLayout layout, double[] data) {
    public static final TypedCodec<Float64MultiArray> CODEC = new TypedCodec<>("std_msgs/Float64MultiArray") {
        @Override
        public Float64MultiArray read(ByteBuffer in) {
            MultiArrayLayout layout = MultiArrayLayout.CODEC.read(in);
            return new Float64MultiArray(layout, Wire.readDoubles(in, Wire.readCount(in, 8)));
        }

        @Override
        public void write(Float64MultiArray m, ByteBuffer out) {
            MultiArrayLayout.CODEC.write(m.layout, out);
            out.putInt(m.data.length);
            Wire.writeDoubles(out, m.data);
        }

        @Override
        public int encodedSize(Float64MultiArray m) {
            return MultiArrayLayout.CODEC.encodedSize(m.layout) + 4 + 8 * m.data.length;
        }
    };

    public Float64MultiArray {
        java.util.Objects.requireNonNull(layout, "layout");
        java.util.Objects.requireNonNull(data, "data");
    }

    /** A plain vector with a one-dimension layout labelled {@code label}. */
    public static Float64MultiArray vector(String label, double... data) {
        return new Float64MultiArray(MultiArrayLayout.vector(label, data.length), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Float64MultiArray other && layout.equals(other.layout) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * layout.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Float64MultiArray[layout=" + layout + ", data=" + Arrays.toString(data) + "]";
    }
}
