package org.liquidpilot.sim.dynamics;

/**
 * Kinematic bicycle at constant speed: the command is a curvature, turned into a front-wheel angle that moves at a
 * limited rate within a limited range. A crosswind makes the car slide sideways a little and yaws it, which is all a
 * kinematic model can show of it and enough for a policy to have to correct.
 */
public final class BicycleCar implements Vehicle {
    public static final double WHEELBASE_M = 2.6;
    public static final double MAX_STEER_RAD = 0.5;
    public static final double STEER_RATE_RAD_S = 1.5;
    /** Sideways slide per m/s of crosswind (m/s per m/s) and yaw per m/s of crosswind (rad/s per m/s). */
    static final double SLIDE_PER_WIND = 0.05, YAW_PER_WIND = 0.006;

    private final double speed;
    private double x, y, yaw, steer, yawRate, vx, vy;

    public BicycleCar(double speedMps) {
        this.speed = speedMps;
    }

    @Override
    public void reset(double x, double y, double yaw) {
        this.x = x;
        this.y = y;
        this.yaw = yaw;
        this.steer = 0;
        this.yawRate = 0;
        this.vx = speed * Math.cos(yaw);
        this.vy = speed * Math.sin(yaw);
    }

    @Override
    public void step(double command, double dt, double[] wind) {
        double target = Math.atan(WHEELBASE_M * (Double.isFinite(command) ? command : 0));
        target = Math.max(-MAX_STEER_RAD, Math.min(MAX_STEER_RAD, target));
        double maxDelta = STEER_RATE_RAD_S * dt;
        steer += Math.max(-maxDelta, Math.min(maxDelta, target - steer));
        double c = Math.cos(yaw), s = Math.sin(yaw);
        double crosswind = -wind[0] * s + wind[1] * c; // component towards the car's left
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
}
