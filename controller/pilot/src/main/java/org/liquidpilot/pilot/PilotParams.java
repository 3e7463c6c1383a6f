package org.liquidpilot.pilot;

import org.liquidpilot.ros.node.ParameterTree;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The pilot node's private parameters, as in the design's ROS graph.
 *
 * @param model             model file (relative: to the package, then the working directory); empty = the shipped
 *                          model for {@code vehicle}
 * @param vehicle           car or quad: which shipped model an empty {@code model} means
 * @param allowUntrained    with an empty {@code model} and no shipped model for the vehicle: fly an untrained NCP
 *                          whose statistics come from the first frames, with a WARN every few seconds (default
 *                          false: a missing model is an error)
 * @param packagePath       the liquidpilot package ({@code $(find liquidpilot)} in launch files), where relative
 *                          model paths are looked up first; empty: the environment's
 * @param rateHz            output timer rate: watchdog checks; with mavros output the setpoint rate (setpoints go out
 *                          only from this timer)
 * @param speed             forward speed (m/s)
 * @param maxYawRate        yaw-rate limit (rad/s)
 * @param watchdogMs        no image for this long → stop/hover
 * @param output            twist ({@code cmd_vel}, Twist), twist_stamped ({@code cmd_vel}, TwistStamped with node
 *                          time, for consumers that drop stale commands) or mavros ({@code mavros/setpoint_raw/local},
 *                          mavros_msgs/PositionTarget, body-frame velocity and yaw rate)
 * @param frameId           frame of the stamped setpoints
 * @param steering          yaw_rate or curvature
 * @param calibrationFrames frames used for feature statistics when there is no model
 * @param seed              seed of the untrained NCP
 * @param transport         raw (sensor_msgs/Image on the image topic) or compressed (sensor_msgs/CompressedImage,
 *                          jpeg or png, on {@code <image topic>/compressed}, as image_transport names it)
 * @param offboard          mavros only: request OFFBOARD through {@code mavros/set_mode} after streaming setpoints
 *                          to mavros for 1.5 s (default false: the pilot never switches mode unasked)
 * @param arm               mavros only: request arming through {@code mavros/cmd/arming} while in OFFBOARD and
 *                          disarmed (default false: the pilot never arms unasked)
 * @param lossLandS         mavros: seconds without usable input while in OFFBOARD before the loss mode is requested
 * @param lossMode          mavros: land (AUTO.LAND) or loiter (AUTO.LOITER), the mode requested on input loss
 * @param realtimePriority  the control thread's (and the output timer's) SCHED_FIFO priority, 1..99, where the OS
 *                          grants it (root, CAP_SYS_NICE); 0 (default): the normal scheduler at the highest Java
 *                          priority. Off by default: the JVM's own threads (safepoints, collection) stay on the
 *                          normal scheduler, so a real-time control thread can still wait on them, and the benchmark
 *                          figures are for the default
 */
public record PilotParams(String model, double rateHz, double speed, double maxYawRate, int watchdogMs, String output,
                          String frameId, SteeringMode steering, int calibrationFrames, long seed,
                          String transport, boolean offboard, boolean arm, double lossLandS, String lossMode,
                          String vehicle, boolean allowUntrained, String packagePath, int realtimePriority) {
    public PilotParams {
        if (!vehicle.equals("car") && !vehicle.equals("quad")) throw new IllegalArgumentException("~vehicle must be car or quad, got '" + vehicle + "'");
        if (!(rateHz >= 1 && rateHz <= 1000)) throw new IllegalArgumentException("~rate_hz must be 1..1000, got " + rateHz);
        if (watchdogMs < 1 || watchdogMs > 60_000) throw new IllegalArgumentException("~watchdog_ms must be 1..60000, got " + watchdogMs);
        if (!output.equals("twist") && !output.equals("twist_stamped") && !output.equals("mavros")) {
            throw new IllegalArgumentException("~output must be twist, twist_stamped or mavros, got '" + output + "'");
        }
        if (!transport.equals("raw") && !transport.equals("compressed")) throw new IllegalArgumentException("~transport must be raw or compressed, got '" + transport + "'");
        if (calibrationFrames < 2 || calibrationFrames > 100_000) throw new IllegalArgumentException("~calibration_frames must be 2..100000");
        if (offboard && !output.equals("mavros")) throw new IllegalArgumentException("~offboard needs ~output:=mavros");
        if (arm && !output.equals("mavros")) throw new IllegalArgumentException("~arm needs ~output:=mavros");
        if (!(lossLandS >= 0.1 && lossLandS <= 600)) throw new IllegalArgumentException("~loss_land_s must be 0.1..600, got " + lossLandS);
        if (!lossMode.equals("land") && !lossMode.equals("loiter")) throw new IllegalArgumentException("~loss_mode must be land or loiter, got '" + lossMode + "'");
        if (realtimePriority < 0 || realtimePriority > 99) throw new IllegalArgumentException("~realtime_priority must be 0..99, got " + realtimePriority);
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
                p.getString("~transport", "raw").toLowerCase(Locale.ROOT), p.getBoolean("~offboard", false),
                p.getBoolean("~arm", false), p.getDouble("~loss_land_s", 3.0), p.getString("~loss_mode", "land").toLowerCase(Locale.ROOT),
                p.getString("~vehicle", "car").toLowerCase(Locale.ROOT), p.getBoolean("~allow_untrained", false),
                p.getString("~package_path", ""), p.getInteger("~realtime_priority", 0));
    }

    /** The model file to fly, or null for an untrained network (only with {@code ~allow_untrained}). */
    public Path modelFile() {
        return ModelLocator.fromEnvironment(packagePath, System.getenv()).resolve(model, vehicle, allowUntrained);
    }

    /**
     * The OFFBOARD handshake's settings: 1.5 s of setpoints reaching mavros before the first request (more than
     * the 1 s PX4 users expect, with room for delivery jitter), requests at most every 2 s.
     */
    public MavrosOffboard.Config offboardConfig() {
        return new MavrosOffboard.Config(offboard, arm, 1_500_000_000L, 2_000_000_000L, Math.round(lossLandS * 1e9),
                lossMode.equals("loiter") ? MavrosOffboard.AUTO_LOITER : MavrosOffboard.AUTO_LAND);
    }

    public PilotConfig pilotConfig() {
        return PilotConfig.defaults().withSpeed(speed).withMaxYawRate(maxYawRate).withSteering(steering)
                .withNominalDt(1.0 / Math.max(rateHz, 2)).withFailsafe(FailsafeConfig.defaults(watchdogMs));
    }
}
