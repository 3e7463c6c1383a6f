package org.liquidpilot.sim.dynamics;

/**
 * The simulated flight controller's tuning, named after the PX4 multicopter parameters that play the same part
 * (PX4 defaults unless noted). Gains take velocity errors to accelerations, as PX4's {@code *_ACC} gains do.
 *
 * @param mpcXyVelPAcc   MPC_XY_VEL_P_ACC: horizontal velocity error → acceleration (1/s)
 * @param mpcXyVelIAcc   MPC_XY_VEL_I_ACC: its integral gain (1/s²); rejects steady wind and drag
 * @param mpcXyVelDAcc   MPC_XY_VEL_D_ACC: damping on the measured horizontal acceleration (s⁰)
 * @param mpcZVelPAcc    MPC_Z_VEL_P_ACC: vertical velocity error → acceleration (1/s)
 * @param mpcZVelIAcc    MPC_Z_VEL_I_ACC: its integral gain (1/s²)
 * @param mpcZP          MPC_Z_P: altitude error → vertical velocity while the vertical setpoint is 0 (1/s)
 * @param mpcXyVelMax    MPC_XY_VEL_MAX: horizontal speed limit (m/s)
 * @param mpcZVelMaxUp   MPC_Z_VEL_MAX_UP: climb rate limit (m/s)
 * @param mpcZVelMaxDn   MPC_Z_VEL_MAX_DN: descent rate limit (m/s)
 * @param mpcTiltmaxAir  MPC_TILTMAX_AIR: largest tilt of the thrust from vertical (degrees)
 * @param mpcThrHover    MPC_THR_HOVER: normalised thrust that balances gravity
 * @param mpcThrMin      MPC_THR_MIN: lowest normalised thrust in flight
 * @param mpcThrMax      MPC_THR_MAX: highest normalised thrust
 * @param mcRollP        MC_ROLL_P / MC_PITCH_P: attitude gain; the thrust direction follows its setpoint with a
 *                       first-order lag of time constant 1/mcRollP (s)
 * @param mcYawrateMax   MC_YAWRATE_MAX: yaw-rate limit (degrees/s; this airframe's 115, where PX4 allows 200)
 * @param yawRateTauS    time constant of the yaw-rate response (s); the airframe's, not a PX4 parameter
 */
public record FlightControllerParams(double mpcXyVelPAcc, double mpcXyVelIAcc, double mpcXyVelDAcc,
                                     double mpcZVelPAcc, double mpcZVelIAcc, double mpcZP,
                                     double mpcXyVelMax, double mpcZVelMaxUp, double mpcZVelMaxDn,
                                     double mpcTiltmaxAir, double mpcThrHover, double mpcThrMin, double mpcThrMax,
                                     double mcRollP, double mcYawrateMax, double yawRateTauS) {
    public FlightControllerParams {
        for (double v : new double[]{mpcXyVelPAcc, mpcZVelPAcc, mpcZP, mpcXyVelMax, mpcZVelMaxUp, mpcZVelMaxDn, mcRollP, mcYawrateMax, yawRateTauS}) {
            if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("flight controller gains and limits must be positive and finite");
        }
        if (!(mpcXyVelIAcc >= 0 && mpcXyVelDAcc >= 0 && mpcZVelIAcc >= 0)) throw new IllegalArgumentException("I and D gains must be >= 0");
        if (!(mpcTiltmaxAir > 0 && mpcTiltmaxAir < 90)) throw new IllegalArgumentException("MPC_TILTMAX_AIR must be in (0, 90) degrees, not " + mpcTiltmaxAir);
        if (!(mpcThrMin >= 0 && mpcThrMin < mpcThrHover && mpcThrHover < mpcThrMax && mpcThrMax <= 1)) {
            throw new IllegalArgumentException("need 0 <= MPC_THR_MIN < MPC_THR_HOVER < MPC_THR_MAX <= 1");
        }
    }

    /** PX4 v1.14's defaults for these parameters, but for the yaw-rate limit (see above). */
    public static FlightControllerParams px4Defaults() {
        return new FlightControllerParams(1.8, 0.4, 0.2, 4.0, 2.0, 1.0, 12, 3, 1.0, 45, 0.5, 0.12, 1.0, 6.5, 115, 0.1);
    }

    /** The yaw-rate limit in rad/s. */
    public double maxYawRateRad() {
        return Math.toRadians(mcYawrateMax);
    }
}
