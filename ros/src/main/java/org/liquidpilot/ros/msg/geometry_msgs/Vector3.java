package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** geometry_msgs/Vector3. */
public record Vector3(double x, double y, double z) {
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    public static final TypedCodec<Vector3> CODEC = new TypedCodec<>("geometry_msgs/Vector3") {
        @Override
        public Vector3 read(ByteBuffer in) {
            return new Vector3(in.getDouble(), in.getDouble(), in.getDouble());
        }

        @Override
        public void write(Vector3 m, ByteBuffer out) {
            out.putDouble(m.x).putDouble(m.y).putDouble(m.z);
        }

        @Override
        public int encodedSize(Vector3 m) {
            return 24;
        }
    };
}
