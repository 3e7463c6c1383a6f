package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/MultiArrayLayout. */
public record MultiArrayLayout(List<MultiArrayDimension> dim, int dataOffset) {
    public static final MultiArrayLayout EMPTY = new MultiArrayLayout(List.of(), 0);

    public static final TypedCodec<MultiArrayLayout> CODEC = new TypedCodec<>("std_msgs/MultiArrayLayout") {
        @Override
        public MultiArrayLayout read(ByteBuffer in) {
            int n = Wire.readCount(in, 12);
            List<MultiArrayDimension> dims = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                dims.add(MultiArrayDimension.CODEC.read(in));
            }
            return new MultiArrayLayout(dims, in.getInt());
        }

        @Override
        public void write(MultiArrayLayout m, ByteBuffer out) {
            out.putInt(m.dim.size());
            for (MultiArrayDimension d : m.dim) {
                MultiArrayDimension.CODEC.write(d, out);
            }
            out.putInt(m.dataOffset);
        }

        @Override
        public int encodedSize(MultiArrayLayout m) {
            int n = 8;
            for (MultiArrayDimension d : m.dim) {
                n += MultiArrayDimension.CODEC.encodedSize(d);
            }
            return n;
        }
    };

    public MultiArrayLayout {
        dim = List.copyOf(dim);
    }

    /** A one-dimensional layout labelled {@code label} of {@code size} elements. */
    public static MultiArrayLayout vector(String label, int size) {
        return new MultiArrayLayout(List.of(new MultiArrayDimension(label, size, size)), 0);
    }
}
