package org.liquidpilot.sim.dynamics;

/**
 * A quadrotor flying a body-frame velocity setpoint (cruise speed forward, nothing sideways, fixed altitude) and a
 * commanded yaw rate. The velocity loop asks for a horizontal acceleration; the airframe reaches it by tilting,
 * with a first-order attitude lag and a tilt limit. Drag acts on the velocity relative to the air, so wind pushes
 * the airframe and the loop, which only sees ground velocity, leaves a steady error under a steady wind.
 */
public final class Quadrotor implements Vehicle {
    public static final double MASS_KG = 1.2;
    public static final double DRAG_KG_S = 0.35;
    public static final double VELOCITY_GAIN = 1.2;
    public static final double ATTITUDE_TAU_S = 0.15;
    public static final double MAX_TILT_RAD = Math.toRadians(30);
    public static final double YAW_TAU_S = 0.1;
    public static final double MAX_YAW_RATE = 2.0;
    public static final double ALTITUDE_M = 2.0;
    static final double G = 9.81;

    private final double speed;
    private double x, y, h, vx, vy, vh, yaw, yawRate;
    /** Horizontal acceleration the current tilt produces, world frame. */
    private double ax, ay;

    public Quadrotor(double cruiseMps) {
        this.speed = cruiseMps;
    }

    @Override
    public void reset(double x, double y, double yaw) {
        this.x = x;
        this.y = y;
        this.h = ALTITUDE_M;
        this.yaw = yaw;
        this.vx = speed * Math.cos(yaw);
        this.vy = speed * Math.sin(yaw);
        this.vh = 0;
        this.yawRate = 0;
        double c = DRAG_KG_S / MASS_KG;
        this.ax = c * vx;
        this.ay = c * vy;
    }

    @Override
    public void step(double command, double dt, double[] wind) {
        double r = Double.isFinite(command) ? Math.max(-MAX_YAW_RATE, Math.min(MAX_YAW_RATE, command)) : 0;
        yawRate += (r - yawRate) * Math.min(1, dt / YAW_TAU_S);
        yaw += yawRate * dt;

        double c = DRAG_KG_S / MASS_KG;
        double spx = speed * Math.cos(yaw), spy = speed * Math.sin(yaw);
        // Velocity loop with drag feed-forward for still air: it cannot know the wind.
        double dx = VELOCITY_GAIN * (spx - vx) + c * spx;
        double dy = VELOCITY_GAIN * (spy - vy) + c * spy;
        double aMax = G * Math.tan(MAX_TILT_RAD);
        double norm = Math.hypot(dx, dy);
        if (norm > aMax) {
            dx *= aMax / norm;
            dy *= aMax / norm;
        }
        double k = Math.min(1, dt / ATTITUDE_TAU_S);
        ax += (dx - ax) * k;
        ay += (dy - ay) * k;

        vx += (ax + c * (wind[0] - vx)) * dt;
        vy += (ay + c * (wind[1] - vy)) * dt;
        // Altitude hold: a stiff loop on thrust, still nudged by vertical gusts through drag.
        vh += (4.0 * (ALTITUDE_M - h) - 3.0 * vh + c * (wind[2] - vh)) * dt;
        x += vx * dt;
        y += vy * dt;
        h += vh * dt;
    }

    @Override
    public VehicleState state() {
        // Tilt seen from the body: forward acceleration pitches the nose down, leftward acceleration rolls left.
        double cs = Math.cos(yaw), sn = Math.sin(yaw);
        double fwd = ax * cs + ay * sn, left = -ax * sn + ay * cs;
        return new VehicleState(x, y, h, yaw, vx, vy, yawRate, Math.atan(left / G), Math.atan(fwd / G));
    }

    @Override
    public double radius() {
        return 0.35;
    }

    @Override
    public double cameraHeight() {
        return h;
    }

    @Override
    public double maxCommand() {
        return MAX_YAW_RATE;
    }
}
