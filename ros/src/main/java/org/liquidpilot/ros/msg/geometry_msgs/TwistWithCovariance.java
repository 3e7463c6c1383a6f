package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** geometry_msgs/TwistWithCovariance: a twist with its row-major 6x6 covariance. Equality compares the covariance by value. */
public record TwistWithCovariance(Twist twist, double[] covariance) {
    public static final TypedCodec<TwistWithCovariance> CODEC = new TypedCodec<>("geometry_msgs/TwistWithCovariance") {
        @Override
        public TwistWithCovariance read(ByteBuffer in) {
            return new TwistWithCovariance(Twist.CODEC.read(in), Wire.readDoubles(in, 36));
        }

        @Override
        public void write(TwistWithCovariance m, ByteBuffer out) {
            Twist.CODEC.write(m.twist, out);
            Wire.writeDoubles(out, m.covariance);
        }

        @Override
        public int encodedSize(TwistWithCovariance m) {
            return Twist.CODEC.encodedSize(m.twist) + 36 * 8;
        }
    };

    public TwistWithCovariance {
        java.util.Objects.requireNonNull(twist, "twist");
        if (covariance.length != 36) {
            throw new IllegalArgumentException("covariance must have 36 elements, not " + covariance.length);
        }
    }

    /** With an all-zero covariance. */
    public static TwistWithCovariance of(Twist twist) {
        return new TwistWithCovariance(twist, new double[36]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwistWithCovariance other && twist.equals(other.twist) && Arrays.equals(covariance, other.covariance);
    }

    @Override
    public int hashCode() {
        return 31 * twist.hashCode() + Arrays.hashCode(covariance);
    }

    @Override
    public String toString() {
        return "TwistWithCovariance[twist=" + twist + ", covariance=" + Arrays.toString(covariance) + "]";
    }
}
