package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** geometry_msgs/PoseStamped. */
public record PoseStamped(Header header, Pose pose) {
    public static final TypedCodec<PoseStamped> CODEC = new TypedCodec<>("geometry_msgs/PoseStamped") {
        @Override
        public PoseStamped read(ByteBuffer in) {
            return new PoseStamped(Header.CODEC.read(in), Pose.CODEC.read(in));
        }

        @Override
        public void write(PoseStamped m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            Pose.CODEC.write(m.pose, out);
        }

        @Override
        public int encodedSize(PoseStamped m) {
            return Header.CODEC.encodedSize(m.header) + Pose.CODEC.encodedSize(m.pose);
        }
    };

    public PoseStamped {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(pose, "pose");
    }
}
