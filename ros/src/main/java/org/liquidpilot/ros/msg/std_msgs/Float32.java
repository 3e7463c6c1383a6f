package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_msgs/Float32. */
public record Float32(float data) {
    public static final TypedCodec<Float32> CODEC = new TypedCodec<>("std_msgs/Float32") {
        @Override
        public Float32 read(ByteBuffer in) {
            return new Float32(in.getFloat());
        }

        @Override
        public void write(Float32 m, ByteBuffer out) {
            out.putFloat(m.data);
        }

        @Override
        public int encodedSize(Float32 m) {
            return 4;
        }
    };
}
