package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** geometry_msgs/Pose. */
public record Pose(Point position, Quaternion orientation) {
    public static final Pose IDENTITY = new Pose(Point.ORIGIN, Quaternion.IDENTITY);

    public static final TypedCodec<Pose> CODEC = new TypedCodec<>("geometry_msgs/Pose") {
        @Override
        public Pose read(ByteBuffer in) {
            return new Pose(Point.CODEC.read(in), Quaternion.CODEC.read(in));
        }

        @Override
        public void write(Pose m, ByteBuffer out) {
            Point.CODEC.write(m.position, out);
            Quaternion.CODEC.write(m.orientation, out);
        }

        @Override
        public int encodedSize(Pose m) {
            return 56;
        }
    };

    public Pose {
        java.util.Objects.requireNonNull(position, "position");
        java.util.Objects.requireNonNull(orientation, "orientation");
    }
}
