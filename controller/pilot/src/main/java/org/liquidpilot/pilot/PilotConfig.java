package org.liquidpilot.pilot;

/**
 * How the pilot scales and limits its commands.
 *
 * @param speed          forward speed in ACTIVE (m/s)
 * @param maxYawRate     magnitude limit of the yaw-rate command (rad/s)
 * @param maxYawAccel    rate limit of the yaw-rate command (rad/s²), so one odd frame cannot jerk the vehicle
 * @param outputGain     policy output × gain = yaw rate (rad/s) or curvature (1/m), from the model's output scaling
 * @param steering       yaw rate or curvature
 * @param nominalDt      timespan fed for the first frame, when there is no previous stamp (s)
 * @param maxDt          longest timespan fed to the cell; longer gaps (a pause, a stamp jump) are clipped (s)
 * @param failsafe       failsafe thresholds
 */
public record PilotConfig(double speed, double maxYawRate, double maxYawAccel, double outputGain, SteeringMode steering,
                          double nominalDt, double maxDt, FailsafeConfig failsafe) {
    public PilotConfig {
        if (!(speed >= 0 && speed <= 100)) throw new IllegalArgumentException("speed must be 0..100 m/s, got " + speed);
        if (!(maxYawRate > 0 && maxYawRate <= 20)) throw new IllegalArgumentException("max_yaw_rate must be in (0, 20] rad/s, got " + maxYawRate);
        if (!(maxYawAccel > 0)) throw new IllegalArgumentException("max yaw acceleration must be positive, got " + maxYawAccel);
        if (!Double.isFinite(outputGain)) throw new IllegalArgumentException("output gain must be finite");
        if (steering == null) throw new IllegalArgumentException("steering mode missing");
        if (!(nominalDt > 0 && maxDt >= nominalDt && maxDt <= 10)) throw new IllegalArgumentException("need 0 < nominal dt <= max dt <= 10 s");
        if (failsafe == null) throw new IllegalArgumentException("failsafe config missing");
    }

    public static PilotConfig defaults() {
        return new PilotConfig(4.0, 1.0, 8.0, 1.0, SteeringMode.YAW_RATE, 1.0 / 30, 0.5, FailsafeConfig.defaults(200));
    }

    public PilotConfig withSpeed(double s) {
        return new PilotConfig(s, maxYawRate, maxYawAccel, outputGain, steering, nominalDt, maxDt, failsafe);
    }

    public PilotConfig withMaxYawRate(double r) {
        return new PilotConfig(speed, r, maxYawAccel, outputGain, steering, nominalDt, maxDt, failsafe);
    }

    public PilotConfig withOutputGain(double g) {
        return new PilotConfig(speed, maxYawRate, maxYawAccel, g, steering, nominalDt, maxDt, failsafe);
    }

    public PilotConfig withSteering(SteeringMode m) {
        return new PilotConfig(speed, maxYawRate, maxYawAccel, outputGain, m, nominalDt, maxDt, failsafe);
    }

    public PilotConfig withFailsafe(FailsafeConfig f) {
        return new PilotConfig(speed, maxYawRate, maxYawAccel, outputGain, steering, nominalDt, maxDt, f);
    }

    public PilotConfig withNominalDt(double dt) {
        return new PilotConfig(speed, maxYawRate, maxYawAccel, outputGain, steering, dt, Math.max(maxDt, dt), failsafe);
    }
}
