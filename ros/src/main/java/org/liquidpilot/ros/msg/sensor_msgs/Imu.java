package org.liquidpilot.ros.msg.sensor_msgs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.geometry_msgs.Quaternion;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.std_msgs.Header;

/** sensor_msgs/Imu with row-major 3x3 covariances (9 elements each). Equality compares them by value. */
public record Imu(Header header, Quaternion orientation, double[] orientationCovariance, Vector3 angularVelocity,
                  double[] angularVelocityCovariance, Vector3 linearAcceleration,
                  double[] linearAccelerationCovariance) {
    public static final TypedCodec<Imu> CODEC = new TypedCodec<>("sensor_msgs/Imu") {
        @Override
        public Imu read(ByteBuffer in) {
            Header h = Header.CODEC.read(in);
            Quaternion q = Quaternion.CODEC.read(in);
            double[] qc = Wire.readDoubles(in, 9);
            Vector3 w = Vector3.CODEC.read(in);
            double[] wc = Wire.readDoubles(in, 9);
            Vector3 a = Vector3.CODEC.read(in);
            return new Imu(h, q, qc, w, wc, a, Wire.readDoubles(in, 9));
        }

        @Override
        public void write(Imu m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            Quaternion.CODEC.write(m.orientation, out);
            Wire.writeDoubles(out, m.orientationCovariance);
            Vector3.CODEC.write(m.angularVelocity, out);
            Wire.writeDoubles(out, m.angularVelocityCovariance);
            Vector3.CODEC.write(m.linearAcceleration, out);
            Wire.writeDoubles(out, m.linearAccelerationCovariance);
        }

        @Override
        public int encodedSize(Imu m) {
            return Header.CODEC.encodedSize(m.header) + 32 + 24 + 24 + 3 * 72;
        }
    };

    public Imu {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(orientation, "orientation");
        java.util.Objects.requireNonNull(angularVelocity, "angularVelocity");
        java.util.Objects.requireNonNull(linearAcceleration, "linearAcceleration");
        for (double[] c : new double[][] {orientationCovariance, angularVelocityCovariance, linearAccelerationCovariance}) {
            if (c.length != 9) {
                throw new IllegalArgumentException("Imu covariances have 9 elements, not " + c.length);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Imu i && header.equals(i.header) && orientation.equals(i.orientation)
                && Arrays.equals(orientationCovariance, i.orientationCovariance)
                && angularVelocity.equals(i.angularVelocity)
                && Arrays.equals(angularVelocityCovariance, i.angularVelocityCovariance)
                && linearAcceleration.equals(i.linearAcceleration)
                && Arrays.equals(linearAccelerationCovariance, i.linearAccelerationCovariance);
    }

    @Override
    public int hashCode() {
        return ((header.hashCode() * 31 + orientation.hashCode()) * 31 + angularVelocity.hashCode()) * 31
                + linearAcceleration.hashCode();
    }

    @Override
    public String toString() {
        return "Imu[header=" + header + ", orientation=" + orientation + ", angularVelocity=" + angularVelocity
                + ", linearAcceleration=" + linearAcceleration + ", covariances="
                + Arrays.toString(orientationCovariance) + Arrays.toString(angularVelocityCovariance)
                + Arrays.toString(linearAccelerationCovariance) + "]";
    }
}
