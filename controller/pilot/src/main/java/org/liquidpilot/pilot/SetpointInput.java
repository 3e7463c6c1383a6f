package org.liquidpilot.pilot;

import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;

/**
 * Turns the command messages a vehicle receives over ROS, or a bag recorded, into a {@link VehicleCommand},
 * refusing what a flight controller would not fly. A refused message throws {@link IllegalArgumentException} with a
 * one-line reason; a simulated vehicle logs it and hovers (or stops), a dataset reports the bag.
 */
public final class SetpointInput {
    private SetpointInput() {}

    /** The fields a body-frame velocity setpoint must ignore: position, acceleration/force, yaw. */
    static final int MUST_IGNORE = PositionTarget.IGNORE_PX | PositionTarget.IGNORE_PY | PositionTarget.IGNORE_PZ
            | PositionTarget.IGNORE_AFX | PositionTarget.IGNORE_AFY | PositionTarget.IGNORE_AFZ | PositionTarget.IGNORE_YAW;
    /** The fields it must use: the three velocities and the yaw rate. */
    static final int MUST_USE = PositionTarget.IGNORE_VX | PositionTarget.IGNORE_VY | PositionTarget.IGNORE_VZ
            | PositionTarget.IGNORE_YAW_RATE | PositionTarget.FORCE;

    /** The ROS types {@link #fromMessage} reads. */
    public static final java.util.Set<String> TYPES = java.util.Set.of("geometry_msgs/Twist", "geometry_msgs/TwistStamped",
            "mavros_msgs/PositionTarget");

    /** Any of {@link #TYPES}, decoded. */
    public static VehicleCommand fromMessage(Object msg) {
        if (msg instanceof Twist t) return fromTwist(t);
        if (msg instanceof TwistStamped ts) return fromTwist(ts.twist());
        if (msg instanceof PositionTarget p) return fromPositionTarget(p);
        throw new IllegalArgumentException("not a command message: " + (msg == null ? "null" : msg.getClass().getSimpleName()));
    }

    /** geometry_msgs/Twist: linear (forward, left, up) in m/s, angular.z the yaw rate. */
    public static VehicleCommand fromTwist(Twist t) {
        VehicleCommand c = TwistCommands.fromTwist(t);
        if (!c.isFinite()) throw new IllegalArgumentException("Twist command with a non-finite value: " + describe(c));
        return c;
    }

    /**
     * mavros_msgs/PositionTarget as mavros's {@code setpoint_raw/local} takes it from an offboard pilot: only
     * {@code FRAME_BODY_NED} with velocity and yaw rate (mavros's ROS side is FLU: forward, left, up; yaw rate
     * counter-clockwise positive).
     */
    public static VehicleCommand fromPositionTarget(PositionTarget p) {
        if (p.coordinateFrame() != PositionTarget.FRAME_BODY_NED) {
            throw new IllegalArgumentException("PositionTarget coordinate_frame " + p.coordinateFrame()
                    + " is not supported (only FRAME_BODY_NED = 8, body-frame velocity)");
        }
        int mask = p.typeMask();
        if ((mask & MUST_IGNORE) != MUST_IGNORE || (mask & MUST_USE) != 0) {
            throw new IllegalArgumentException("PositionTarget type_mask " + mask + " is not supported (only velocity and yaw rate: "
                    + PositionTarget.VELOCITY_AND_YAW_RATE + ")");
        }
        VehicleCommand c = new VehicleCommand(p.velocity().x(), p.velocity().y(), p.velocity().z(), p.yawRate());
        if (!c.isFinite()) throw new IllegalArgumentException("PositionTarget with a non-finite velocity or yaw rate: " + describe(c));
        return c;
    }

    private static String describe(VehicleCommand c) {
        return "forward " + c.forward() + ", left " + c.left() + ", up " + c.up() + ", yaw rate " + c.yawRate();
    }
}
