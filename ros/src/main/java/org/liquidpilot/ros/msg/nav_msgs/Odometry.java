package org.liquidpilot.ros.msg.nav_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.geometry_msgs.PoseWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.TwistWithCovariance;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** nav_msgs/Odometry: pose in header.frame_id, twist in childFrameId. */
public record Odometry(Header header, String childFrameId, PoseWithCovariance pose, TwistWithCovariance twist) {
    public static final TypedCodec<Odometry> CODEC = new TypedCodec<>("nav_msgs/Odometry") {
        @Override
        public Odometry read(ByteBuffer in) {
            return new Odometry(Header.CODEC.read(in), Wire.readString(in), PoseWithCovariance.CODEC.read(in),
                    TwistWithCovariance.CODEC.read(in));
        }

        @Override
        public void write(Odometry m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            Wire.writeString(out, m.childFrameId);
            PoseWithCovariance.CODEC.write(m.pose, out);
            TwistWithCovariance.CODEC.write(m.twist, out);
        }

        @Override
        public int encodedSize(Odometry m) {
            return Header.CODEC.encodedSize(m.header) + Wire.stringSize(m.childFrameId) + (56 + 288) + (48 + 288);
        }
    };

    public Odometry {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(childFrameId, "childFrameId");
        java.util.Objects.requireNonNull(pose, "pose");
        java.util.Objects.requireNonNull(twist, "twist");
    }
}
