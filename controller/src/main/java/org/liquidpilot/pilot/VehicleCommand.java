package org.liquidpilot.pilot;

/**
 * The one vehicle command of the design: a body-frame velocity (forward, left, up; m/s, REP-103 FLU axes) and a
 * yaw rate (rad/s, counter-clockwise positive). A car uses forward and yaw rate; a drone all four, its flight
 * controller holding altitude while {@code up} is 0.
 */
public record VehicleCommand(double forward, double left, double up, double yawRate) {
    /** Stop (car) or hover (drone). */
    public static final VehicleCommand ZERO = new VehicleCommand(0, 0, 0, 0);

    public boolean isZero() {
        return forward == 0 && left == 0 && up == 0 && yawRate == 0;
    }
}
