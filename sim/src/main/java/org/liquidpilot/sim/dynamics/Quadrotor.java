package org.liquidpilot.sim.dynamics;

import org.liquidpilot.pilot.VehicleCommand;

/**
 * A quadrotor flown through its flight controller, as an offboard companion computer flies a PX4 vehicle: the
 * command is a body-frame velocity setpoint (forward, left, up) and a yaw rate, and
 * {@link MulticopterVelocityController} turns it into a thrust vector.
 * <p>
 * The airframe, in the world frame (z up), with specific thrust T, drag coefficient k = {@link #DRAG_KG_S}/m and
 * air velocity w:
 * <pre>
 *   dT/dt = (T_sp − T) · MC_ROLL_P          (attitude lag: the thrust direction follows its setpoint)
 *   dv/dt = T − g·ẑ + k·(w − v)             (drag acts on the velocity relative to the air)
 *   dr/dt = (r_sp − r) / τ_yaw,  r_sp clipped to MC_YAWRATE_MAX
 * </pre>
 * The controller sees the true ground velocity, as a good estimator would give it; wind is rejected by its integral
 * term, not by knowledge of the wind. The ground is at z = 0.
 */
public final class Quadrotor implements Vehicle {
    public static final double MASS_KG = 1.2;
    public static final double DRAG_KG_S = 0.35;
    /** Altitude it starts each episode at, and holds while the vertical setpoint is 0. */
    public static final double ALTITUDE_M = 2.0;
    /** Lowest the airframe's centre can get: it sits on its legs. */
    static final double GROUND_M = 0.15;
    static final double G = MulticopterVelocityController.G;

    private final double cruise;
    private final FlightControllerParams params;
    private final MulticopterVelocityController fc;
    private final double[] pos = new double[3], vel = new double[3], acc = new double[3];
    private final double[] thrust = new double[3], thrustSp = new double[3];
    private double yaw, yawRate;

    /** With PX4's default tuning. */
    public Quadrotor(double cruiseMps) {
        this(cruiseMps, FlightControllerParams.px4Defaults());
    }

    /** @param cruiseMps forward speed it starts each episode at */
    public Quadrotor(double cruiseMps, FlightControllerParams params) {
        this.cruise = cruiseMps;
        this.params = params;
        this.fc = new MulticopterVelocityController(params);
    }

    @Override
    public void reset(double x, double y, double yaw) {
        this.yaw = yaw;
        this.yawRate = 0;
        pos[0] = x;
        pos[1] = y;
        pos[2] = ALTITUDE_M;
        vel[0] = cruise * Math.cos(yaw);
        vel[1] = cruise * Math.sin(yaw);
        vel[2] = 0;
        // Steady cruise in still air: thrust tilted just enough to cancel the drag, and the integrator holding it.
        double k = DRAG_KG_S / MASS_KG;
        thrust[0] = k * vel[0];
        thrust[1] = k * vel[1];
        thrust[2] = G;
        acc[0] = acc[1] = acc[2] = 0;
        fc.reset(ALTITUDE_M, thrust[0], thrust[1]);
    }

    @Override
    public void step(VehicleCommand command, double dt, double[] wind) {
        VehicleCommand c = command.isFinite() ? command : VehicleCommand.ZERO;
        double maxRate = params.maxYawRateRad();
        double r = Math.max(-maxRate, Math.min(maxRate, c.yawRate()));
        yawRate += (r - yawRate) * Math.min(1, dt / params.yawRateTauS());
        yaw += yawRate * dt;

        fc.update(c.forward(), c.left(), c.up(), yaw, pos, vel, acc, dt, thrustSp);
        double lag = Math.min(1, dt * params.mcRollP());
        double k = DRAG_KG_S / MASS_KG;
        for (int i = 0; i < 3; i++) {
            thrust[i] += (thrustSp[i] - thrust[i]) * lag;
            acc[i] = thrust[i] + k * (wind[i] - vel[i]) - (i == 2 ? G : 0);
            vel[i] += acc[i] * dt;
            pos[i] += vel[i] * dt;
        }
        if (pos[2] < GROUND_M) {
            pos[2] = GROUND_M;
            vel[2] = Math.max(0, vel[2]);
        }
    }

    @Override
    public VehicleState state() {
        // Tilt seen from the body: forward thrust pitches the nose down, leftward thrust rolls left.
        double cs = Math.cos(yaw), sn = Math.sin(yaw);
        double fwd = thrust[0] * cs + thrust[1] * sn, left = -thrust[0] * sn + thrust[1] * cs;
        return new VehicleState(pos[0], pos[1], pos[2], yaw, vel[0], vel[1], yawRate,
                Math.atan2(left, thrust[2]), Math.atan2(fwd, thrust[2]));
    }

    /** Vertical velocity, m/s (up). */
    public double verticalSpeed() {
        return vel[2];
    }

    public FlightControllerParams params() {
        return params;
    }

    public MulticopterVelocityController controller() {
        return fc;
    }

    @Override
    public double radius() {
        return 0.35;
    }

    @Override
    public double cameraHeight() {
        return pos[2];
    }

    @Override
    public double maxCommand() {
        return params.maxYawRateRad();
    }

    @Override
    public double steering(VehicleCommand c) {
        return c.yawRate();
    }

    @Override
    public VehicleCommand withSteering(VehicleCommand c, double yawRate) {
        return c.withYawRate(yawRate);
    }
}
