package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** geometry_msgs/PoseWithCovariance: a pose with its row-major 6x6 covariance. Equality compares the covariance by value. */
public record PoseWithCovariance(Pose pose, double[] covariance) {
    public static final TypedCodec<PoseWithCovariance> CODEC = new TypedCodec<>("geometry_msgs/PoseWithCovariance") {
        @Override
        public PoseWithCovariance read(ByteBuffer in) {
            return new PoseWithCovariance(Pose.CODEC.read(in), Wire.readDoubles(in, 36));
        }

        @Override
        public void write(PoseWithCovariance m, ByteBuffer out) {
            Pose.CODEC.write(m.pose, out);
            Wire.writeDoubles(out, m.covariance);
        }

        @Override
        public int encodedSize(PoseWithCovariance m) {
            return Pose.CODEC.encodedSize(m.pose) + 36 * 8;
        }
    };

    public PoseWithCovariance {
        java.util.Objects.requireNonNull(pose, "pose");
        if (covariance.length != 36) {
            throw new IllegalArgumentException("covariance must have 36 elements, not " + covariance.length);
        }
    }

    /** With an all-zero covariance. */
    public static PoseWithCovariance of(Pose pose) {
        return new PoseWithCovariance(pose, new double[36]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoseWithCovariance other && pose.equals(other.pose) && Arrays.equals(covariance, other.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * pose.hashCode() + Arrays.hashCode(covariance);
    }

    @Override
    public String toString() {
        return "PoseWithCovariance[pose=" + pose + ", covariance=" + Arrays.toString(covariance) + "]";
    }
}
