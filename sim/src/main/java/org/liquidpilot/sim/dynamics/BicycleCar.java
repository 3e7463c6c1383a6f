package org.liquidpilot.sim.dynamics;

import org.liquidpilot.pilot.VehicleCommand;

/**
 * Kinematic bicycle. It follows the command's forward speed within an acceleration limit, and its path curvature
 * {@code yawRate / forward}, turned into a front-wheel angle that moves at a limited rate within a limited range;
 * the lateral and vertical components mean nothing to a car and are ignored. A crosswind makes the car slide
 * sideways a little and yaws it, which is all a kinematic model can show of it and enough for a policy to have to
 * correct.
 */
public final class BicycleCar implements Vehicle {
    public static final double WHEELBASE_M = 2.6;
    public static final double MAX_STEER_RAD = 0.5;
    public static final double STEER_RATE_RAD_S = 1.5;
    /** Braking and acceleration limit, m/s². */
    public static final double MAX_ACCEL_MPS2 = 3.0;
    /** Sideways slide per m/s of crosswind (m/s per m/s) and yaw per m/s of crosswind (rad/s per m/s). */
    static final double SLIDE_PER_WIND = 0.05, YAW_PER_WIND = 0.006;

    private final double cruise;
    private double x, y, yaw, steer, yawRate, vx, vy, speed;

    /** @param speedMps the cruise speed it starts each episode at */
    public BicycleCar(double speedMps) {
        this.cruise = speedMps;
    }

    @Override
    public void reset(double x, double y, double yaw) {
        this.x = x;
        this.y = y;
        this.yaw = yaw;
        this.steer = 0;
        this.yawRate = 0;
        this.speed = cruise;
        this.vx = speed * Math.cos(yaw);
        this.vy = speed * Math.sin(yaw);
    }

    @Override
    public void step(VehicleCommand command, double dt, double[] wind) {
        VehicleCommand cmd = command.isFinite() ? command : VehicleCommand.ZERO;
        double wanted = Math.max(0, cmd.forward());
        double maxDv = MAX_ACCEL_MPS2 * dt;
        speed += Math.max(-maxDv, Math.min(maxDv, wanted - speed));
        // Below walking pace a curvature asked through a yaw rate is ill-defined; keep the wheels where they are.
        double target = speed > 0.1 ? Math.atan(WHEELBASE_M * cmd.curvature()) : steer;
        target = Math.max(-MAX_STEER_RAD, Math.min(MAX_STEER_RAD, target));
        double maxDelta = STEER_RATE_RAD_S * dt;
        steer += Math.max(-maxDelta, Math.min(maxDelta, target - steer));
        double c = Math.cos(yaw), s = Math.sin(yaw);
        // The wind's slide and yaw were fitted at cruise; a parked car does not drift.
        double moving = cruise > 0 ? Math.min(1, speed / cruise) : 0;
        double crosswind = moving * (-wind[0] * s + wind[1] * c); // component towards the car's left
        yawRate = speed * Math.tan(steer) / WHEELBASE_M + YAW_PER_WIND * crosswind;
        double slide = SLIDE_PER_WIND * crosswind;
        vx = speed * c - slide * s;
        vy = speed * s + slide * c;
        x += vx * dt;
        y += vy * dt;
        yaw += yawRate * dt;
    }

    @Override
    public VehicleState state() {
        return new VehicleState(x, y, 0, yaw, vx, vy, yawRate, 0, 0);
    }

    @Override
    public double radius() {
        return 0.9;
    }

    @Override
    public double cameraHeight() {
        return 1.4;
    }

    @Override
    public double maxCommand() {
        return Math.tan(MAX_STEER_RAD) / WHEELBASE_M;
    }

    @Override
    public double steering(VehicleCommand c) {
        return c.curvature();
    }

    @Override
    public VehicleCommand withSteering(VehicleCommand c, double curvature) {
        return c.withYawRate(curvature * c.forward());
    }
}
