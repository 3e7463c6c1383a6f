package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** geometry_msgs/Twist: linear (m/s) and angular (rad/s) velocity. */
public record Twist(Vector3 linear, Vector3 angular) {
    public static final Twist ZERO = new Twist(Vector3.ZERO, Vector3.ZERO);

    public static final TypedCodec<Twist> CODEC = new TypedCodec<>("geometry_msgs/Twist") {
        @Override
        public Twist read(ByteBuffer in) {
            return new Twist(Vector3.CODEC.read(in), Vector3.CODEC.read(in));
        }

        @Override
        public void write(Twist m, ByteBuffer out) {
            Vector3.CODEC.write(m.linear, out);
            Vector3.CODEC.write(m.angular, out);
        }

        @Override
        public int encodedSize(Twist m) {
            return 48;
        }
    };

    public Twist {
        java.util.Objects.requireNonNull(linear, "linear");
        java.util.Objects.requireNonNull(angular, "angular");
    }

    /** The planar command most nodes send: forward speed and yaw rate. */
    public static Twist of(double linearX, double angularZ) {
        return new Twist(new Vector3(linearX, 0, 0), new Vector3(0, 0, angularZ));
    }
}
