package org.liquidpilot.sim.dynamics;

import org.liquidpilot.pilot.VehicleCommand;

/**
 * A simulated vehicle advanced in fixed steps. Every vehicle takes the same {@link VehicleCommand}: the car follows
 * its forward speed and yaw rate, the quadrotor's flight controller follows all four components.
 */
public interface Vehicle {

    /** Puts the vehicle on (x, y) heading {@code yaw}, already moving at its cruise speed. */
    void reset(double x, double y, double yaw);

    /**
     * Advances {@code dt} seconds. A non-finite command is treated as {@link VehicleCommand#ZERO}.
     *
     * @param wind air velocity at the vehicle, world frame {east, north, up}, m/s
     */
    void step(VehicleCommand command, double dt, double[] wind);

    VehicleState state();

    /** Radius of the disc that collides with trunks. */
    double radius();

    /** Height of the camera above the ground. */
    double cameraHeight();

    /**
     * The largest steering magnitude the vehicle can follow, in the units policies learn to steer in: path
     * curvature (1/m) for the car, yaw rate (rad/s) for the quadrotor. Labels and steering disturbances are clipped
     * to it.
     */
    double maxCommand();

    /** The steering value of {@code c} in {@link #maxCommand()}'s units. */
    double steering(VehicleCommand c);

    /** {@code c} with its steering replaced by {@code steering} (in {@link #maxCommand()}'s units). */
    VehicleCommand withSteering(VehicleCommand c, double steering);
}
