package org.liquidpilot.ros.msg.mavros_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.std_msgs.Header;

/**
 * mavros_msgs/PositionTarget (mavros 1.x), the raw setpoint mavros forwards to the flight controller from
 * {@code mavros/setpoint_raw/local} as SET_POSITION_TARGET_LOCAL_NED. {@code typeMask} bits say which fields the
 * flight controller ignores ({@code IGNORE_*}); {@code coordinateFrame} is one of the {@code FRAME_*} values.
 * On the ROS side mavros takes ENU/FLU values and converts them to NED/FRD for the flight controller.
 * {@code coordinateFrame} is the uint8 as sent (0..255), {@code typeMask} the uint16 (0..65535).
 */
public record PositionTarget(Header header, int coordinateFrame, int typeMask, Point position, Vector3 velocity,
                             Vector3 accelerationOrForce, float yaw, float yawRate) {
    public static final int FRAME_LOCAL_NED = 1;
    public static final int FRAME_LOCAL_OFFSET_NED = 7;
    public static final int FRAME_BODY_NED = 8;
    public static final int FRAME_BODY_OFFSET_NED = 9;

    public static final int IGNORE_PX = 1;
    public static final int IGNORE_PY = 2;
    public static final int IGNORE_PZ = 4;
    public static final int IGNORE_VX = 8;
    public static final int IGNORE_VY = 16;
    public static final int IGNORE_VZ = 32;
    public static final int IGNORE_AFX = 64;
    public static final int IGNORE_AFY = 128;
    public static final int IGNORE_AFZ = 256;
    public static final int FORCE = 512;
    public static final int IGNORE_YAW = 1024;
    public static final int IGNORE_YAW_RATE = 2048;

    /** Velocity and yaw rate only: position, acceleration/force and yaw ignored (1479). */
    public static final int VELOCITY_AND_YAW_RATE = IGNORE_PX | IGNORE_PY | IGNORE_PZ
            | IGNORE_AFX | IGNORE_AFY | IGNORE_AFZ | IGNORE_YAW;

    public static final TypedCodec<PositionTarget> CODEC = new TypedCodec<>("mavros_msgs/PositionTarget") {
        @Override
        public PositionTarget read(ByteBuffer in) {
            return new PositionTarget(Header.CODEC.read(in), in.get() & 0xFF, in.getShort() & 0xFFFF,
                    Point.CODEC.read(in), Vector3.CODEC.read(in), Vector3.CODEC.read(in), in.getFloat(), in.getFloat());
        }

        @Override
        public void write(PositionTarget m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            out.put((byte) m.coordinateFrame).putShort((short) m.typeMask);
            Point.CODEC.write(m.position, out);
            Vector3.CODEC.write(m.velocity, out);
            Vector3.CODEC.write(m.accelerationOrForce, out);
            out.putFloat(m.yaw).putFloat(m.yawRate);
        }

        @Override
        public int encodedSize(PositionTarget m) {
            return Header.CODEC.encodedSize(m.header) + 1 + 2 + 3 * 24 + 4 + 4;
        }
    };

    public PositionTarget {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(position, "position");
        java.util.Objects.requireNonNull(velocity, "velocity");
        java.util.Objects.requireNonNull(accelerationOrForce, "accelerationOrForce");
        if (coordinateFrame < 0 || coordinateFrame > 255) {
            throw new IllegalArgumentException("coordinateFrame is a uint8: " + coordinateFrame);
        }
        if (typeMask < 0 || typeMask > 0xFFFF) {
            throw new IllegalArgumentException("typeMask is a uint16: " + typeMask);
        }
    }

    /**
     * A body-frame velocity and yaw-rate setpoint ({@link #FRAME_BODY_NED}, mask {@link #VELOCITY_AND_YAW_RATE}):
     * velocity (forward, left, up) in m/s, yaw rate in rad/s counter-clockwise positive (REP-103).
     */
    public static PositionTarget bodyVelocity(Header header, double forward, double left, double up, double yawRate) {
        return new PositionTarget(header, FRAME_BODY_NED, VELOCITY_AND_YAW_RATE, Point.ORIGIN,
                new Vector3(forward, left, up), Vector3.ZERO, 0f, (float) yawRate);
    }
}
