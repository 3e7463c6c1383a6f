package org.liquidpilot.sim.dynamics;

/**
 * Where a vehicle is and how it moves, in the world's ground frame: x east, y north (left of +x), altitude up,
 * yaw counter-clockwise from +x. Roll and pitch are the quadrotor's tilt (zero for the car).
 *
 * @param vx ground velocity east, m/s
 * @param vy ground velocity north, m/s
 */
public record VehicleState(double x, double y, double altitude, double yaw, double vx, double vy,
                           double yawRate, double roll, double pitch) {

    public double groundSpeed() {
        return Math.hypot(vx, vy);
    }
}
