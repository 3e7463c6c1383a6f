package org.liquidpilot.pilot;

import org.liquidpilot.ros.node.ParameterTree;

import java.util.Locale;

/**
 * The pilot node's private parameters, as in the design's ROS graph.
 *
 * @param model             model file; empty = no trained model (untrained NCP, statistics from the first frames)
 * @param rateHz            output timer rate: watchdog checks, and mavros setpoints between images
 * @param speed             forward speed (m/s)
 * @param maxYawRate        yaw-rate limit (rad/s)
 * @param watchdogMs        no image for this long → stop/hover
 * @param output            twist (/cmd_vel) or mavros (/mavros/setpoint_velocity/cmd_vel, TwistStamped)
 * @param frameId           frame of the stamped setpoints
 * @param steering          yaw_rate or curvature
 * @param calibrationFrames frames used for feature statistics when there is no model
 * @param seed              seed of the untrained NCP
 * @param transport         raw (sensor_msgs/Image on the image topic) or compressed (sensor_msgs/CompressedImage,
 *                          jpeg or png, on {@code <image topic>/compressed}, as image_transport names it)
 */
public record PilotParams(String model, double rateHz, double speed, double maxYawRate, int watchdogMs, String output,
                          String frameId, SteeringMode steering, int calibrationFrames, long seed,
                          String transport) {
    public PilotParams {
        if (!(rateHz >= 1 && rateHz <= 1000)) throw new IllegalArgumentException("~rate_hz must be 1..1000, got " + rateHz);
        if (watchdogMs < 1 || watchdogMs > 60_000) throw new IllegalArgumentException("~watchdog_ms must be 1..60000, got " + watchdogMs);
        if (!output.equals("twist") && !output.equals("mavros")) throw new IllegalArgumentException("~output must be twist or mavros, got '" + output + "'");
        if (!transport.equals("raw") && !transport.equals("compressed")) throw new IllegalArgumentException("~transport must be raw or compressed, got '" + transport + "'");
        if (calibrationFrames < 2 || calibrationFrames > 100_000) throw new IllegalArgumentException("~calibration_frames must be 2..100000");
    }

    public static PilotParams read(ParameterTree p) {
        String steering = p.getString("~steering", "yaw_rate").toLowerCase(Locale.ROOT);
        SteeringMode mode = switch (steering) {
            case "yaw_rate" -> SteeringMode.YAW_RATE;
            case "curvature" -> SteeringMode.CURVATURE;
            default -> throw new IllegalArgumentException("~steering must be yaw_rate or curvature, got '" + steering + "'");
        };
        return new PilotParams(p.getString("~model", ""), p.getDouble("~rate_hz", 30), p.getDouble("~speed", 4.0),
                p.getDouble("~max_yaw_rate", 1.0), p.getInteger("~watchdog_ms", 200), p.getString("~output", "twist"),
                p.getString("~frame_id", "base_link"), mode, p.getInteger("~calibration_frames", 30), p.getInteger("~seed", 1),
                p.getString("~transport", "raw").toLowerCase(Locale.ROOT));
    }

    public PilotConfig pilotConfig() {
        return PilotConfig.defaults().withSpeed(speed).withMaxYawRate(maxYawRate).withSteering(steering)
                .withNominalDt(1.0 / Math.max(rateHz, 2)).withFailsafe(FailsafeConfig.defaults(watchdogMs));
    }
}
