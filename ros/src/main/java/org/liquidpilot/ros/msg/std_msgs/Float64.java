package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_msgs/Float64. */
public record Float64(double data) {
    public static final TypedCodec<Float64> CODEC = new TypedCodec<>("std_msgs/Float64") {
        @Override
        public Float64 read(ByteBuffer in) {
            return new Float64(in.getDouble());
        }

        @Override
        public void write(Float64 m, ByteBuffer out) {
            out.putDouble(m.data);
        }

        @Override
        public int encodedSize(Float64 m) {
            return 8;
        }
    };
}
