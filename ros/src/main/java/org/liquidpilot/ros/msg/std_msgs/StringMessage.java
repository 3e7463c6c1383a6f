package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/String (named so that it does not shadow java.lang.String). */
public record StringMessage(String data) {
    public static final TypedCodec<StringMessage> CODEC = new TypedCodec<>("std_msgs/String") {
        @Override
        public StringMessage read(ByteBuffer in) {
            return new StringMessage(Wire.readString(in));
        }

        @Override
        public void write(StringMessage m, ByteBuffer out) {
            Wire.writeString(out, m.data);
        }

        @Override
        public int encodedSize(StringMessage m) {
            return Wire.stringSize(m.data);
        }
    };

    public StringMessage {
        java.util.Objects.requireNonNull(data, "data");
    }
}
