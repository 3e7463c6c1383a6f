package org.liquidpilot.pilot;

/**
 * What every vehicle is told each control period: a velocity setpoint in the body frame and a yaw rate, the four
 * numbers a PX4 or ArduPilot offboard velocity setpoint carries (mavros {@code PositionTarget} in
 * {@code FRAME_BODY_NED}, velocity and yaw rate only). Axes follow REP-103 on the ROS side: x forward, y left, z up,
 * yaw rate positive counter-clockwise seen from above.
 * <p>
 * A car uses (forward, yaw rate); its path curvature is {@code yawRate / forward}. A multicopter uses all four, and
 * its flight controller holds the current altitude while {@code up} is 0.
 *
 * @param forward m/s along the vehicle's heading
 * @param left    m/s to the vehicle's left, horizontal
 * @param up      m/s upwards; 0 holds altitude
 * @param yawRate rad/s, positive turns left
 */
public record VehicleCommand(double forward, double left, double up, double yawRate) {
    /** Stop (car) or hover in place (multicopter). */
    public static final VehicleCommand ZERO = new VehicleCommand(0, 0, 0, 0);

    /** A ground vehicle's command: forward speed and yaw rate. */
    public static VehicleCommand car(double forward, double yawRate) {
        return new VehicleCommand(forward, 0, 0, yawRate);
    }

    /** Forward speed and the path curvature (1/m) to follow at it. */
    public static VehicleCommand ofCurvature(double forward, double curvature) {
        return new VehicleCommand(forward, 0, 0, curvature * forward);
    }

    public boolean isZero() {
        return forward == 0 && left == 0 && up == 0 && yawRate == 0;
    }

    public boolean isFinite() {
        return Double.isFinite(forward) && Double.isFinite(left) && Double.isFinite(up) && Double.isFinite(yawRate);
    }

    /** The path curvature (1/m) this command asks of a vehicle moving forward; 0 when it does not move forward. */
    public double curvature() {
        return forward > 1e-6 ? yawRate / forward : 0;
    }

    /** The same command with another yaw rate. */
    public VehicleCommand withYawRate(double r) {
        return new VehicleCommand(forward, left, up, r);
    }
}
