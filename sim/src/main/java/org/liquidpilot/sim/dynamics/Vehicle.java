package org.liquidpilot.sim.dynamics;

/**
 * A simulated vehicle advanced in fixed steps. The command is the policy's single output: path curvature (1/m,
 * positive turns left) for the car, yaw rate (rad/s, positive turns left) for the quadrotor.
 */
public interface Vehicle {

    /** Puts the vehicle at rest-free cruise on (x, y) heading {@code yaw}, at its cruise speed. */
    void reset(double x, double y, double yaw);

    /**
     * Advances {@code dt} seconds.
     *
     * @param wind air velocity at the vehicle, world frame {east, north, up}, m/s
     */
    void step(double command, double dt, double[] wind);

    VehicleState state();

    /** Radius of the disc that collides with trunks. */
    double radius();

    /** Height of the camera above the ground. */
    double cameraHeight();

    /** The largest command magnitude the vehicle can follow (for clipping and for the policy's scaling). */
    double maxCommand();
}
