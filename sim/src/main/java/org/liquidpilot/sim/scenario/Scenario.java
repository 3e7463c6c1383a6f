package org.liquidpilot.sim.scenario;

import java.util.Locale;

/**
 * One simulator scenario, field for field the YAML scenario file of the shared design.
 *
 * @param name       a label for reports (the file's base name or the named scenario)
 * @param world      {@code forest-road} (car) or {@code forest-trail} (quadrotor)
 * @param vehicle    {@code car} or {@code quad}
 * @param seed       seeds the world, the turbulence, the rain and the camera noise
 * @param episodes   episodes per run; episode {@code e} uses world seed {@link #episodeSeed(int)}
 * @param durationS  simulated seconds per episode
 * @param speedMps   forward speed
 * @param task       {@code trail} (follow the path; the car and the quadrotor), {@code target} (fly to one target)
 *                   or {@code hike} (three targets in order); the target tasks fly the quadrotor in {@code forest-open}
 * @param biome      the trees: {@code mixed} (conifers and broadleaves, the training forest), {@code birch} or
 *                   {@code pine}, stands no training run sees
 * @param vehicleLights the vehicle's low-beam lamps: {@code auto} (the car's come on when it is dark, see
 *                   {@link #lampsOn()}; the quadrotor carries none), {@code on} or {@code off}
 */
public record Scenario(String name, String world, String vehicle, long seed, int episodes, double durationS,
                       double speedMps, Camera camera, Weather weather, Wind wind, Success success, String task,
                       String biome, String vehicleLights) {

    public static final int MAX_EPISODES = 10_000;
    public static final double MAX_DURATION_S = 3_600;
    public static final java.util.List<String> TASKS = java.util.List.of("trail", "target", "hike");
    public static final java.util.List<String> BIOMES = java.util.List.of("mixed", "birch", "pine");
    public static final java.util.List<String> VEHICLE_LIGHTS = java.util.List.of("auto", "on", "off");
    /** The sun at or below this altitude (degrees) counts as dark: {@code vehicle_lights: auto} turns the car's lamps on. */
    public static final double LAMPS_SUN_ALTITUDE_DEG = 2.0;

    public Scenario {
        if (name == null || name.isBlank()) name = "scenario";
        require(world.equals("forest-road") || world.equals("forest-trail") || world.equals("forest-open"),
                "world must be forest-road, forest-trail or forest-open, not '" + world + "'");
        require(vehicle.equals("car") || vehicle.equals("quad"), "vehicle must be car or quad, not '" + vehicle + "'");
        task = task == null ? "trail" : task.toLowerCase(Locale.ROOT);
        require(TASKS.contains(task), "task must be trail, target or hike, not '" + task + "'");
        biome = biome == null ? "mixed" : biome.toLowerCase(Locale.ROOT);
        require(BIOMES.contains(biome), "biome must be mixed, birch or pine, not '" + biome + "'");
        vehicleLights = vehicleLights == null ? "auto" : vehicleLights.toLowerCase(Locale.ROOT);
        require(VEHICLE_LIGHTS.contains(vehicleLights), "vehicle_lights must be auto, on or off, not '" + vehicleLights + "'");
        // A target lies somewhere in an open forest, not along a path, and only the quadrotor can turn on the spot to it.
        if (task.equals("trail")) {
            require(!world.equals("forest-open"), "world forest-open has no path to follow: give task target or hike");
        } else {
            require(world.equals("forest-open") && vehicle.equals("quad"),
                    "task " + task + " flies the quad in world forest-open, not the " + vehicle + " in " + world);
        }
        require(episodes >= 1 && episodes <= MAX_EPISODES, "episodes must be 1.." + MAX_EPISODES + ", not " + episodes);
        require(durationS > 0 && durationS <= MAX_DURATION_S, "duration_s must be in (0, " + MAX_DURATION_S + "], not " + durationS);
        require(speedMps > 0 && speedMps <= 30, "speed_mps must be in (0, 30], not " + speedMps);
        require(camera != null && weather != null && wind != null && success != null, "camera, weather, wind and success are required");
    }

    /** The trail task on the car or quadrotor worlds, mixed forest: the scenario files from before tasks existed. */
    public Scenario(String name, String world, String vehicle, long seed, int episodes, double durationS,
                    double speedMps, Camera camera, Weather weather, Wind wind, Success success) {
        this(name, world, vehicle, seed, episodes, durationS, speedMps, camera, weather, wind, success, "trail", "mixed");
    }

    /** A scenario whose vehicle lights follow the light ({@code vehicle_lights: auto}): the files from before the key. */
    public Scenario(String name, String world, String vehicle, long seed, int episodes, double durationS,
                    double speedMps, Camera camera, Weather weather, Wind wind, Success success, String task, String biome) {
        this(name, world, vehicle, seed, episodes, durationS, speedMps, camera, weather, wind, success, task, biome, "auto");
    }

    /**
     * Whether the vehicle's low beams are lit: {@code on} or {@code off} as asked; {@code auto} lights the car's when it
     * is dark (night, or the sun at or below {@link #LAMPS_SUN_ALTITUDE_DEG}) and never the quadrotor's (it has none).
     */
    public boolean lampsOn() {
        return switch (vehicleLights) {
            case "on" -> true;
            case "off" -> false;
            default -> !isQuad() && (weather.night() || weather.sunAltitudeDeg() <= LAMPS_SUN_ALTITUDE_DEG);
        };
    }

    /**
     * Camera image size, horizontal field of view, additive Gaussian noise (in 0..255 pixel units), and two stress
     * tests applied to the rendered image: {@code rotationDeg} rolls it about its centre (counter-clockwise
     * positive), {@code occlusion} covers that fraction of its area with a dark patch. {@code gain} multiplies the
     * image's values (exposure: below 1 darker, above 1 brighter and clipped), {@code contrast} scales them about
     * mid-grey (below 1 washed out); {@code pitchDeg} tilts the camera up (positive) or down from its mount.
     */
    public record Camera(int width, int height, double fovDeg, double noiseStd, double rotationDeg, double occlusion,
                         double gain, double contrast, double pitchDeg) {
        public static final double MAX_ROTATION_DEG = 45, MAX_OCCLUSION = 0.5;
        public static final double MIN_GAIN = 0.25, MAX_GAIN = 4, MIN_CONTRAST = 0.25, MAX_CONTRAST = 2, MAX_PITCH_DEG = 30;

        public Camera {
            require(width >= 8 && width <= 4096 && height >= 8 && height <= 4096,
                    "camera size must be 8..4096 pixels each way, not " + width + "x" + height);
            require(fovDeg >= 10 && fovDeg <= 150, "camera fov_deg must be 10..150, not " + fovDeg);
            require(noiseStd >= 0 && noiseStd <= 100, "camera noise_std must be 0..100, not " + noiseStd);
            require(Math.abs(rotationDeg) <= MAX_ROTATION_DEG,
                    "camera rotation_deg must be -" + (int) MAX_ROTATION_DEG + ".." + (int) MAX_ROTATION_DEG + ", not " + rotationDeg);
            require(occlusion >= 0 && occlusion <= MAX_OCCLUSION, "camera occlusion must be 0.." + MAX_OCCLUSION + " (a fraction of the image), not " + occlusion);
            require(gain >= MIN_GAIN && gain <= MAX_GAIN, "camera gain must be " + MIN_GAIN + ".." + MAX_GAIN + ", not " + gain);
            require(contrast >= MIN_CONTRAST && contrast <= MAX_CONTRAST, "camera contrast must be " + MIN_CONTRAST + ".." + MAX_CONTRAST + ", not " + contrast);
            require(Math.abs(pitchDeg) <= MAX_PITCH_DEG, "camera pitch_deg must be -" + (int) MAX_PITCH_DEG + ".." + (int) MAX_PITCH_DEG + ", not " + pitchDeg);
        }

        public Camera(int width, int height, double fovDeg, double noiseStd, double rotationDeg, double occlusion) {
            this(width, height, fovDeg, noiseStd, rotationDeg, occlusion, 1, 1, 0);
        }

        public Camera(int width, int height, double fovDeg, double noiseStd) {
            this(width, height, fovDeg, noiseStd, 0, 0);
        }
    }

    /** Rain and fog 0..1; sun angles in degrees; night switches the sun off and the headlight on. */
    public record Weather(double rain, double fog, double sunAltitudeDeg, double sunAzimuthDeg, boolean night, String season) {
        public Weather {
            require(rain >= 0 && rain <= 1, "weather rain must be 0..1, not " + rain);
            require(fog >= 0 && fog <= 1, "weather fog must be 0..1, not " + fog);
            require(sunAltitudeDeg >= -90 && sunAltitudeDeg <= 90, "sun_altitude_deg must be -90..90, not " + sunAltitudeDeg);
            require(Double.isFinite(sunAzimuthDeg), "sun_azimuth_deg must be finite");
            season = season == null ? "summer" : season.toLowerCase(Locale.ROOT);
            require(season.equals("summer") || season.equals("autumn") || season.equals("winter"),
                    "season must be summer, autumn or winter, not '" + season + "'");
        }
    }

    /**
     * Steady wind (speed at 20 ft, direction it blows towards, degrees from +x towards +z) plus Dryden turbulence:
     * {@code dryden} scales the gusts with this wind; {@code light}, {@code moderate} and {@code severe} are the
     * handbook's fixed intensities (W20 = 15, 30, 45 kt); {@code none} is steady wind only.
     */
    public record Wind(double meanMps, double directionDeg, String turbulence) {
        public Wind {
            require(meanMps >= 0 && meanMps <= 40, "wind mean_mps must be 0..40, not " + meanMps);
            require(Double.isFinite(directionDeg), "wind direction_deg must be finite");
            turbulence = turbulence == null ? "none" : turbulence.toLowerCase(Locale.ROOT);
            require(turbulence.matches("none|dryden|light|moderate|severe"),
                    "wind turbulence must be none, dryden, light, moderate or severe, not '" + turbulence + "'");
        }
    }

    /**
     * The trail task's corridor: leaving it by more than this cross-track distance is a failure (an intervention).
     * The target tasks' reach: a target is reached within {@code reachM} of it (horizontally) while it lies within
     * {@code maxBearingDeg} of the camera's axis, i.e. centred in the image.
     */
    public record Success(double maxCrossTrackM, double reachM, double maxBearingDeg) {
        public static final double DEFAULT_REACH_M = 2.0, DEFAULT_MAX_BEARING_DEG = 12.0;

        public Success {
            require(maxCrossTrackM > 0 && maxCrossTrackM <= 50, "success max_cross_track_m must be in (0, 50], not " + maxCrossTrackM);
            require(reachM >= 1 && reachM <= 5, "success reach_m must be 1..5, not " + reachM);
            require(maxBearingDeg >= 1 && maxBearingDeg <= 60, "success max_bearing_deg must be 1..60, not " + maxBearingDeg);
        }

        public Success(double maxCrossTrackM) {
            this(maxCrossTrackM, DEFAULT_REACH_M, DEFAULT_MAX_BEARING_DEG);
        }
    }

    public boolean isQuad() {
        return vehicle.equals("quad");
    }

    /** Fly to one target, or to three in order: scored by reaching them, not by following a path. */
    public boolean isTargetTask() {
        return !task.equals("trail");
    }

    /** The seed of episode {@code e}: every episode gets its own road, gusts and noise, reproducibly. */
    public long episodeSeed(int e) {
        long z = seed * 0x9E3779B97F4A7C15L + e * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 29);
    }

    public Scenario withEpisodes(int n) {
        return new Scenario(name, world, vehicle, seed, n, durationS, speedMps, camera, weather, wind, success, task, biome, vehicleLights);
    }

    public Scenario withName(String n) {
        return new Scenario(n, world, vehicle, seed, episodes, durationS, speedMps, camera, weather, wind, success, task, biome, vehicleLights);
    }

    static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
