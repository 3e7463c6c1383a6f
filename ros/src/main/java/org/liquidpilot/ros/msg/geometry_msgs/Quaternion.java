package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** geometry_msgs/Quaternion (x, y, z, w). */
public record Quaternion(double x, double y, double z, double w) {
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);

    public static final TypedCodec<Quaternion> CODEC = new TypedCodec<>("geometry_msgs/Quaternion") {
        @Override
        public Quaternion read(ByteBuffer in) {
            return new Quaternion(in.getDouble(), in.getDouble(), in.getDouble(), in.getDouble());
        }

        @Override
        public void write(Quaternion m, ByteBuffer out) {
            out.putDouble(m.x).putDouble(m.y).putDouble(m.z).putDouble(m.w);
        }

        @Override
        public int encodedSize(Quaternion m) {
            return 32;
        }
    };

    /** A rotation of {@code yaw} radians about +z (REP-103: counter-clockwise seen from above). */
    public static Quaternion ofYaw(double yaw) {
        return new Quaternion(0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2));
    }

    /** The rotation's yaw about +z, in radians. */
    public double yaw() {
        return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
    }
}
