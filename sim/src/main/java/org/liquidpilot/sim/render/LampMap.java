package org.liquidpilot.sim.render;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.world.Centreline;
import org.liquidpilot.sim.world.World;

import java.util.List;

/**
 * The calibration behind {@link FeatureConfig#lampMap()}: what the camera sees of a flat, empty, uniform ground lit
 * only by the vehicle's lamps. The lamps are fixed to the camera, so this is the light pattern every night frame is
 * lit by; dividing a frame by it leaves the scene's own contrast.
 * <p>
 * The scene: the scenario's vehicle, camera size and field of view, at night with its lamps on, no rain, fog or
 * noise, no road, posts or trees; the forest floor of the summer forest (its texture averaged out over
 * {@link #POSES} poses 3.7 m apart along a straight line).
 */
public final class LampMap {
    static final int POSES = 8;

    private LampMap() {}

    /** The mean camera frame of the flat lit ground for {@code sc}'s vehicle and camera, rendered by {@code r}. */
    public static RgbFrame render(JmeRenderer r, Scenario sc) {
        Scenario.Camera c = sc.camera();
        Scenario.Weather w = sc.weather();
        Scenario flat = new Scenario("lamp-map", sc.world(), sc.vehicle(), sc.seed(), 1, 1, sc.speedMps(),
                new Scenario.Camera(c.width(), c.height(), c.fovDeg(), 0, 0, 0),
                new Scenario.Weather(0, 0, -20, w.sunAzimuthDeg(), true, "summer"), sc.wind(), sc.success(), sc.task(),
                sc.biome(), "on");
        double[] xs = new double[200], ys = new double[200];
        for (int i = 0; i < xs.length; i++) xs[i] = -100 + 5.0 * i;
        World world = new World("forest-trail", 0, new Centreline(xs, ys), 0, List.of());
        r.load(world, flat, 1);
        double cameraHeight = sc.isQuad() ? 2.0 : 1.4;
        long[] sum = new long[c.width() * c.height() * 3];
        for (int p = 0; p < POSES; p++) {
            byte[] px = r.render(new VehicleState(3.7 * p, 0, 0, 0, 0, 0, 0, 0, 0), cameraHeight, 0).rgb();
            for (int i = 0; i < sum.length; i++) sum[i] += px[i] & 0xff;
        }
        byte[] mean = new byte[sum.length];
        for (int i = 0; i < sum.length; i++) mean[i] = (byte) Math.round(sum[i] / (double) POSES);
        return new RgbFrame(c.width(), c.height(), mean, 0);
    }

    /** {@code config} with the lamp map made from {@code flatGround} (a frame from {@link #render}). */
    public static FeatureConfig calibrate(FeatureConfig config, RgbFrame flatGround) {
        try (FeatureExtractor fx = new FeatureExtractor(config)) {
            return config.withLampMap(fx.workImage(flatGround));
        }
    }
}
