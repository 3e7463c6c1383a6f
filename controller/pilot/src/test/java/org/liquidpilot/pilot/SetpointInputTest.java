package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.std_msgs.Header;

import static org.junit.jupiter.api.Assertions.*;

/** What the simulated vehicle accepts over ROS, and the one-line reasons for what it refuses. */
class SetpointInputTest {
    static final Header H = new Header(0, Time.ofSeconds(1), "base_link");

    static PositionTarget target(int frame, int mask, double vx, double vy, double vz, double yawRate) {
        return new PositionTarget(H, frame, mask, new Point(0, 0, 0), new Vector3(vx, vy, vz), new Vector3(0, 0, 0), 0f, (float) yawRate);
    }

    @Test
    void bodyFrameVelocityAndYawRateAreTakenWhole() {
        VehicleCommand c = SetpointInput.fromPositionTarget(target(PositionTarget.FRAME_BODY_NED, PositionTarget.VELOCITY_AND_YAW_RATE, 3, -0.5, 0.25, 0.4));
        assertEquals(new VehicleCommand(3, -0.5, 0.25, 0.4f), c);
        assertEquals(new VehicleCommand(2, 0.1, -0.2, 0.3), SetpointInput.fromTwist(new Twist(new Vector3(2, 0.1, -0.2), new Vector3(0, 0, 0.3))));
    }

    @Test
    void otherFramesMasksAndNonFiniteValuesAreRefusedWithOneLine() {
        String frame = assertThrows(IllegalArgumentException.class, () -> SetpointInput.fromPositionTarget(
                target(PositionTarget.FRAME_LOCAL_NED, PositionTarget.VELOCITY_AND_YAW_RATE, 1, 0, 0, 0))).getMessage();
        assertTrue(frame.contains("coordinate_frame 1") && !frame.contains("\n"), frame);
        int positionToo = PositionTarget.VELOCITY_AND_YAW_RATE & ~PositionTarget.IGNORE_PX;
        int yawNotRate = PositionTarget.VELOCITY_AND_YAW_RATE & ~PositionTarget.IGNORE_YAW | PositionTarget.IGNORE_YAW_RATE;
        int noVz = PositionTarget.VELOCITY_AND_YAW_RATE | PositionTarget.IGNORE_VZ;
        int force = PositionTarget.VELOCITY_AND_YAW_RATE | PositionTarget.FORCE;
        for (int mask : new int[]{positionToo, yawNotRate, noVz, force, 0, 0xFFFF}) {
            String m = assertThrows(IllegalArgumentException.class, () -> SetpointInput.fromPositionTarget(
                    target(PositionTarget.FRAME_BODY_NED, mask, 1, 0, 0, 0))).getMessage();
            assertTrue(m.contains("type_mask " + mask) && !m.contains("\n"), m);
        }
        for (double bad : new double[]{Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> SetpointInput.fromPositionTarget(target(8, PositionTarget.VELOCITY_AND_YAW_RATE, bad, 0, 0, 0)));
            assertThrows(IllegalArgumentException.class, () -> SetpointInput.fromPositionTarget(target(8, PositionTarget.VELOCITY_AND_YAW_RATE, 0, 0, 0, bad)));
            assertThrows(IllegalArgumentException.class, () -> SetpointInput.fromTwist(new Twist(new Vector3(0, bad, 0), new Vector3(0, 0, 0))));
        }
    }
}
