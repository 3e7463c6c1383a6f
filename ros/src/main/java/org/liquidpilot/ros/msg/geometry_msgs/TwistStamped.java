package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** geometry_msgs/TwistStamped. */
public record TwistStamped(Header header, Twist twist) {
    public static final TypedCodec<TwistStamped> CODEC = new TypedCodec<>("geometry_msgs/TwistStamped") {
        @Override
        public TwistStamped read(ByteBuffer in) {
            return new TwistStamped(Header.CODEC.read(in), Twist.CODEC.read(in));
        }

        @Override
        public void write(TwistStamped m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            Twist.CODEC.write(m.twist, out);
        }

        @Override
        public int encodedSize(TwistStamped m) {
            return Header.CODEC.encodedSize(m.header) + Twist.CODEC.encodedSize(m.twist);
        }
    };

    public TwistStamped {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(twist, "twist");
    }
}
