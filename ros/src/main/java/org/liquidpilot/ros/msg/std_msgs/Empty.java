package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_msgs/Empty: no fields, zero bytes on the wire. */
public record Empty() {
    public static final Empty INSTANCE = new Empty();

    public static final TypedCodec<Empty> CODEC = new TypedCodec<>("std_msgs/Empty") {
        @Override
        public Empty read(ByteBuffer in) {
            return INSTANCE;
        }

        @Override
        public void write(Empty m, ByteBuffer out) {
        }

        @Override
        public int encodedSize(Empty m) {
            return 0;
        }
    };
}
