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
 */
public record Scenario(String name, String world, String vehicle, long seed, int episodes, double durationS,
                       double speedMps, Camera camera, Weather weather, Wind wind, Success success) {

    public static final int MAX_EPISODES = 10_000;
    public static final double MAX_DURATION_S = 3_600;

    public Scenario {
        if (name == null || name.isBlank()) name = "scenario";
        require(world.equals("forest-road") || world.equals("forest-trail"),
                "world must be forest-road or forest-trail, not '" + world + "'");
        require(vehicle.equals("car") || vehicle.equals("quad"), "vehicle must be car or quad, not '" + vehicle + "'");
        require(episodes >= 1 && episodes <= MAX_EPISODES, "episodes must be 1.." + MAX_EPISODES + ", not " + episodes);
        require(durationS > 0 && durationS <= MAX_DURATION_S, "duration_s must be in (0, " + MAX_DURATION_S + "], not " + durationS);
        require(speedMps > 0 && speedMps <= 30, "speed_mps must be in (0, 30], not " + speedMps);
        require(camera != null && weather != null && wind != null && success != null, "camera, weather, wind and success are required");
    }

    /** Camera image size, horizontal field of view and additive Gaussian noise (in 0..255 pixel units). */
    public record Camera(int width, int height, double fovDeg, double noiseStd) {
        public Camera {
            require(width >= 8 && width <= 4096 && height >= 8 && height <= 4096,
                    "camera size must be 8..4096 pixels each way, not " + width + "x" + height);
            require(fovDeg >= 10 && fovDeg <= 150, "camera fov_deg must be 10..150, not " + fovDeg);
            require(noiseStd >= 0 && noiseStd <= 100, "camera noise_std must be 0..100, not " + noiseStd);
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

    /** The corridor: leaving it by more than this cross-track distance is a failure (an intervention). */
    public record Success(double maxCrossTrackM) {
        public Success {
            require(maxCrossTrackM > 0 && maxCrossTrackM <= 50, "success max_cross_track_m must be in (0, 50], not " + maxCrossTrackM);
        }
    }

    public boolean isQuad() {
        return vehicle.equals("quad");
    }

    /** The seed of episode {@code e}: every episode gets its own road, gusts and noise, reproducibly. */
    public long episodeSeed(int e) {
        long z = seed * 0x9E3779B97F4A7C15L + e * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 29);
    }

    public Scenario withEpisodes(int n) {
        return new Scenario(name, world, vehicle, seed, n, durationS, speedMps, camera, weather, wind, success);
    }

    public Scenario withName(String n) {
        return new Scenario(n, world, vehicle, seed, episodes, durationS, speedMps, camera, weather, wind, success);
    }

    static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
