package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_msgs/Bool. */
public record Bool(boolean data) {
    public static final TypedCodec<Bool> CODEC = new TypedCodec<>("std_msgs/Bool") {
        @Override
        public Bool read(ByteBuffer in) {
            return new Bool(in.get() != 0);
        }

        @Override
        public void write(Bool m, ByteBuffer out) {
            out.put((byte) (m.data ? 1 : 0));
        }

        @Override
        public int encodedSize(Bool m) {
            return 1;
        }
    };
}
