package org.liquidpilot.pilot;

import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;

/**
 * A {@link VehicleCommand} as geometry_msgs/Twist carries it, and back: linear x, y, z the body-frame forward, left
 * and up velocity, angular z the yaw rate. The one place the mapping is written, for the pilot's {@code cmd_vel},
 * the simulator's input and the demonstration bags.
 */
public final class TwistCommands {
    private TwistCommands() {}

    public static Twist toTwist(VehicleCommand c) {
        return new Twist(new Vector3(c.forward(), c.left(), c.up()), new Vector3(0, 0, c.yawRate()));
    }

    /** The command a Twist carries (angular x and y are not part of a vehicle command and are ignored). */
    public static VehicleCommand fromTwist(Twist t) {
        return new VehicleCommand(t.linear().x(), t.linear().y(), t.linear().z(), t.angular().z());
    }
}
