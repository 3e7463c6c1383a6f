package org.liquidpilot.sim.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.World;
import org.liquidpilot.sim.world.Worlds;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders every named scenario off-screen and checks each perturbation shows as it should. */
class SceneLooksTest {
    static JmeRenderer renderer;
    static final Map<String, Stats> STATS = new HashMap<>();
    /** The car's road and a point 60 m along it (x, y, heading), where the named scenarios' frames are taken. */
    static World ROAD;
    static double[] AT;

    @BeforeAll
    static void start() {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        String dump = System.getProperty("lp.sim.frames");
        renderer = JmeRenderer.open(160, 80, false);
        Scenario nominal = Scenarios.resolve("nominal");
        World road = Worlds.generate(nominal, nominal.episodeSeed(0));
        double[] p = new double[3];
        road.centreline().pointAt(60, p);
        ROAD = road;
        AT = p;
        for (String name : Scenarios.NAMES) {
            Scenario sc = Scenarios.resolve(name);
            World w = sc.isQuad() ? Worlds.generate(sc, sc.episodeSeed(0)) : road;
            double[] q = p;
            if (sc.isTargetTask()) {
                q = new double[]{0, 0, w.startYaw()};
            } else if (sc.isQuad()) {
                q = new double[3];
                w.centreline().pointAt(30, q);
            }
            renderer.load(w, sc, 99);
            RgbFrame f = renderer.render(new VehicleState(q[0], q[1], 0, q[2], 0, 0, 0, 0, 0), sc.isQuad() ? 2.0 : 1.4, 3.0);
            STATS.put(name, Stats.of(f));
            if (dump != null) {
                try {
                    org.liquidpilot.sim.report.FrameImages.writePng(f, java.nio.file.Path.of(dump, name + ".png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (renderer != null) renderer.close();
    }

    /** Pixels clearly red: the target marker (nothing else in the forest is this colour). */
    static int redPixels(RgbFrame f, int x0, int x1) {
        byte[] b = f.rgb();
        int n = 0;
        for (int y = 0; y < f.height(); y++) {
            for (int x = x0; x < x1; x++) {
                int i = (y * f.width() + x) * 3, r = b[i] & 0xff, g = b[i + 1] & 0xff, bl = b[i + 2] & 0xff;
                if (r > 90 && r > 2.2 * g && r > 2.2 * bl) n++;
            }
        }
        return n;
    }

    @Test
    void theTargetShowsRedInTheMiddleOfTheImageInEverySeasonAndStand() {
        for (String[] v : new String[][]{{"summer", "mixed"}, {"autumn", "mixed"}, {"winter", "mixed"}, {"summer", "birch"}, {"summer", "pine"}}) {
            ObjectNode t = Scenarios.resolveTree("drone-target");
            Scenarios.override(t, "season", v[0]);
            Scenarios.override(t, "biome", v[1]);
            Scenario sc = Scenarios.toScenario(t);
            World w = Worlds.generate(sc, sc.episodeSeed(0));
            var target = w.targets().get(0);
            // 8 m before the target, looking at it
            double yaw = Math.atan2(target.y(), target.x()), d = Math.hypot(target.x(), target.y()) - 8;
            renderer.load(w, sc, 5);
            RgbFrame f = renderer.render(new VehicleState(d * Math.cos(yaw), d * Math.sin(yaw), 2, yaw, 0, 0, 0, 0, 0), 2.0, 1.0);
            int centre = redPixels(f, 60, 100), rest = redPixels(f, 0, 60) + redPixels(f, 100, 160);
            assertTrue(centre >= 8, v[0] + "/" + v[1] + ": the marker is in view, " + centre + " red pixels");
            assertEquals(0, rest, v[0] + "/" + v[1] + ": and nothing else is red");
        }
    }

    @Test
    void theDroneFeaturesGiveTheTargetsBearing() {
        // 10 m before the target, turned away from it by an offset: turned left (positive), the target appears right.
        Scenario sc = Scenarios.resolve("drone-target");
        World w = Worlds.generate(sc, sc.episodeSeed(0));
        var target = w.targets().get(0);
        double toTarget = Math.atan2(target.y(), target.x()), d = Math.hypot(target.x(), target.y()) - 10;
        double px = d * Math.cos(toTarget), py = d * Math.sin(toTarget);
        renderer.load(w, sc, 5);
        org.liquidpilot.perception.FeatureConfig c = org.liquidpilot.perception.FeatureConfig.droneDefaults();
        int mass = java.util.Arrays.asList(c.featureNames()).indexOf("target_mass");
        float previous = -2;
        try (org.liquidpilot.perception.FeatureExtractor fx = new org.liquidpilot.perception.FeatureExtractor(c)) {
            for (double offsetDeg : new double[]{-24, -10, 0, 10, 24}) {
                double yaw = toTarget + Math.toRadians(offsetDeg);
                float[] v = fx.extract(renderer.render(new VehicleState(px, py, 2, yaw, 0, 0, 0, 0, 0), 2.0, 1.0));
                float x = v[mass + 1];
                assertTrue(v[mass] > 0.02, "offset " + offsetDeg + ": the target is seen, mass " + v[mass]);
                if (offsetDeg != 0) assertEquals(Math.signum(offsetDeg), Math.signum(x), "offset " + offsetDeg + ": target_x " + x);
                // In a 70 degree wide pinhole view the ball's centre is at tan(offset) / tan(35 deg) of the half width.
                assertEquals(Math.tan(Math.toRadians(offsetDeg)) / Math.tan(Math.toRadians(35)), x, 0.05, "offset " + offsetDeg);
                assertTrue(x > previous, "target_x grows with the offset: " + x + " after " + previous);
                previous = x;
            }
            // Turned round: nothing red in view, not even autumn leaves.
            float[] away = fx.extract(renderer.render(new VehicleState(px, py, 2, toTarget + Math.PI, 0, 0, 0, 0, 0), 2.0, 1.0));
            assertEquals(0f, away[mass], "no target behind");
            ObjectNode t = Scenarios.resolveTree("drone-target");
            Scenarios.override(t, "season", "autumn");
            Scenario autumn = Scenarios.toScenario(t);
            renderer.load(Worlds.generate(autumn, autumn.episodeSeed(0)), autumn, 5);
            away = fx.extract(renderer.render(new VehicleState(0, 0, 2, Math.PI, 0, 0, 0, 0, 0), 2.0, 1.0));
            assertEquals(0f, away[mass], "autumn forest without the target");
        }
    }

    @Test
    void birchAndPineStandsLookUnlikeTheTrainingForest() {
        Map<String, Stats> s = new HashMap<>();
        for (String biome : new String[]{"mixed", "birch", "pine"}) {
            ObjectNode t = Scenarios.resolveTree("drone-target");
            Scenarios.override(t, "biome", biome);
            Scenario sc = Scenarios.toScenario(t);
            World w = Worlds.generate(sc, sc.episodeSeed(1));
            renderer.load(w, sc, 5);
            // Looking away from the target, into the forest.
            s.put(biome, Stats.of(renderer.render(new VehicleState(0, 0, 2, Math.PI, 0, 0, 0, 0, 0), 2.0, 1.0)));
        }
        assertTrue(s.get("birch").whiteness > s.get("mixed").whiteness + 8, "white trunks: " + s.get("birch") + " vs " + s.get("mixed"));
        assertTrue(Math.abs(s.get("pine").mean - s.get("mixed").mean) > 5 || Math.abs(s.get("pine").detail - s.get("mixed").detail) > 0.15 * s.get("mixed").detail,
                "pines: " + s.get("pine") + " vs " + s.get("mixed"));
    }

    @Test
    void theRendererAppliesRotationAndOcclusionToItsFrames() {
        Scenario plain = Scenarios.resolve("drone-target");
        World w = Worlds.generate(plain, plain.episodeSeed(0));
        VehicleState at = new VehicleState(0, 0, 2, 0, 0, 0, 0, 0, 0);
        renderer.load(w, plain, 5);
        byte[] a = renderer.render(at, 2.0, 1.0).rgb().clone();
        for (String[] kv : new String[][]{{"rotation_deg", "20"}, {"occlusion", "0.25"}}) {
            ObjectNode t = Scenarios.resolveTree("drone-target");
            Scenarios.override(t, kv[0], kv[1]);
            renderer.load(w, Scenarios.toScenario(t), 5);
            byte[] b = renderer.render(at, 2.0, 1.0).rgb();
            int changed = 0, black = 0;
            for (int i = 0; i < a.length; i += 3) {
                if (a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2]) changed++;
                if ((b[i] & 0xff) <= FramePost.PATCH && (b[i + 1] & 0xff) <= FramePost.PATCH && (b[i + 2] & 0xff) <= FramePost.PATCH) black++;
            }
            assertTrue(changed > a.length / 3 / 5, kv[0] + " changes the frame: " + changed);
            assertTrue(black > a.length / 3 / 20, kv[0] + " blackens corners or a patch: " + black);
        }
    }

    @Test
    void noFrameIsBlank() {
        STATS.forEach((name, s) -> {
            assertTrue(s.std > 4, name + " has structure: " + s);
            assertTrue(s.mean > 2 && s.mean < 250, name + " is neither black nor white: " + s);
        });
    }

    @Test
    void fogLowersContrast() {
        // Contrast as local detail: fog washes the trees into the background (a bright sky does not count).
        assertTrue(STATS.get("fog").detail < 0.6 * STATS.get("nominal").detail, STATS.get("fog") + " vs " + STATS.get("nominal"));
    }

    @Test
    void nightLowersBrightness() {
        assertTrue(STATS.get("night").mean < 0.4 * STATS.get("nominal").mean, STATS.get("night") + " vs " + STATS.get("nominal"));
    }

    /** Mean luminance over columns x0..x1 and rows y0..y1 (exclusive ends). */
    static double luma(RgbFrame f, int x0, int x1, int y0, int y1) {
        double s = 0;
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) s += Stats.luma(f, x, y);
        return s / ((x1 - x0) * (y1 - y0));
    }

    static RgbFrame nightFrame(String scenario, String... overrides) {
        ObjectNode t = Scenarios.resolveTree(scenario);
        Scenarios.override(t, "night", "true");
        Scenarios.override(t, "sun_altitude_deg", "-20");
        Scenarios.override(t, "noise_std", "0");
        for (int i = 0; i < overrides.length; i += 2) Scenarios.override(t, overrides[i], overrides[i + 1]);
        Scenario sc = Scenarios.toScenario(t);
        World w = ROAD;
        double[] q = AT;
        if (sc.isQuad()) {
            w = Worlds.generate(sc, sc.episodeSeed(0));
            q = new double[3];
            w.centreline().pointAt(30, q);
        }
        renderer.load(w, sc, 99);
        return renderer.render(new VehicleState(q[0], q[1], 0, q[2], 0, 0, 0, 0, 0), sc.isQuad() ? 2.0 : 1.4, 3.0);
    }

    @Test
    void theCarsLowBeamsLightTheRoadAheadAndNotTheTreesAboveTheirCutOff() {
        RgbFrame f = nightFrame("nominal");
        assertEquals(2, renderer.lampCount(), "two low beams on the car at night");
        // The camera looks 6 degrees down in a 38.6 degree tall view: the horizontal is row 27.6 of 80. Rows 0..23 are
        // at least 1.4 degrees above it: trunks and crowns 20 m away and more, 0.5 m or more above the camera, far
        // above the lamps' cut-off 0.6 degrees below their own height (0.6 m).
        double ahead = luma(f, 60, 100, 70, 80), above = luma(f, 0, 160, 0, 24), verge = luma(f, 0, 20, 70, 80);
        assertTrue(ahead > 60, "the road right ahead is lit: " + ahead);
        assertTrue(ahead > 6 * above, "the road ahead (" + ahead + ") is far brighter than everything above the horizontal (" + above + ")");
        assertTrue(above < 10, "the trees above the cut-off stay dark: " + above);
        assertTrue(ahead > 1.5 * verge, "the beam is brightest straight ahead, not at the frame's corners: " + ahead + " vs " + verge);
        // The brightest row is near the car, not out in the forest (as with the old spotlight at the camera).
        int brightest = 0;
        for (int y = 1; y < f.height(); y++) if (luma(f, 0, 160, y, y + 1) > luma(f, 0, 160, brightest, brightest + 1)) brightest = y;
        assertTrue(brightest >= 60, "the brightest row is the near road: " + brightest);
    }

    @Test
    void theDroneCarriesNoLampAtNightUnlessItsScenarioAsksForOne() {
        double without = Stats.of(nightFrame("trail-nominal")).mean;
        assertEquals(0, renderer.lampCount(), "vehicle_lights auto: the quadrotor has none");
        double with = Stats.of(nightFrame("trail-nominal", "vehicle_lights", "on")).mean;
        assertEquals(2, renderer.lampCount());
        assertTrue(without < 6, "a drone at night sees only the faint ambient light: " + without);
        assertTrue(with > without + 5, "with vehicle_lights: on it lights the trail: " + with + " vs " + without);
    }

    @Test
    void theCarsLampsComeOnWhenTheSunIsDownAndStayOffByDay() {
        ObjectNode t = Scenarios.resolveTree("nominal");
        renderer.load(ROAD, Scenarios.toScenario(t), 99);
        assertEquals(0, renderer.lampCount(), "sun at 45 degrees");
        Scenarios.override(t, "sun_altitude_deg", "1.5");
        renderer.load(ROAD, Scenarios.toScenario(t), 99);
        assertEquals(2, renderer.lampCount(), "sun at 1.5 degrees");
        Scenarios.override(t, "vehicle_lights", "off");
        renderer.load(ROAD, Scenarios.toScenario(t), 99);
        assertEquals(0, renderer.lampCount(), "vehicle_lights: off");
        nightFrame("nominal", "vehicle_lights", "off");
        assertEquals(0, renderer.lampCount(), "vehicle_lights: off at night");
    }

    @Test
    void winterIsWhiter() {
        Stats w = STATS.get("winter"), n = STATS.get("nominal");
        assertTrue(w.whiteness > n.whiteness + 25, w + " vs " + n);
        assertTrue(w.saturation < 0.7 * n.saturation, w + " vs " + n);
    }

    @Test
    void autumnIsRedderAndDuskWarmerAndDarker() {
        assertTrue(STATS.get("autumn").redMinusGreen > STATS.get("nominal").redMinusGreen + 5, STATS.get("autumn") + " vs " + STATS.get("nominal"));
        assertTrue(STATS.get("dusk").redMinusBlue > STATS.get("nominal").redMinusBlue + 5, STATS.get("dusk") + " vs " + STATS.get("nominal"));
        assertTrue(STATS.get("dusk").mean < STATS.get("nominal").mean);
    }

    @Test
    void rainAndStormChangeTheImage() {
        Stats n = STATS.get("nominal");
        for (String name : new String[]{"rain", "heavy-rain", "storm"}) {
            Stats s = STATS.get(name);
            assertTrue(Math.abs(s.mean - n.mean) > 5 || s.saturation < 0.8 * n.saturation, name + ": " + s + " vs " + n);
        }
        assertTrue(STATS.get("storm").saturation < 0.8 * n.saturation, "the storm is greyer: " + STATS.get("storm"));
        assertTrue(STATS.get("heavy-rain").mean < STATS.get("nominal").mean, "rain darkens: " + STATS.get("heavy-rain"));
    }

    @Test
    void renderedClosedLoopIsReproducibleAndMatchesPhysicsOnly() {
        ObjectNode t = Scenarios.resolveTree("trail-nominal");
        Scenarios.override(t, "duration_s", "6");
        Scenarios.override(t, "episodes", "1");
        Scenario sc = Scenarios.toScenario(t);
        RunMetrics a = new ClosedLoopRunner(sc, renderer).run(new PurePursuitExpert(true, sc.speedMps()), "expert", StepListener.NONE);
        RunMetrics b = new ClosedLoopRunner(sc, renderer).run(new PurePursuitExpert(true, sc.speedMps()), "expert", StepListener.NONE);
        RunMetrics c = new ClosedLoopRunner(sc, FrameSource.blank(160, 80)).run(new PurePursuitExpert(true, sc.speedMps()), "expert", StepListener.NONE);
        assertEquals(a.episodes().get(0).crossTrackMeanM(), b.episodes().get(0).crossTrackMeanM());
        assertEquals(a.episodes().get(0).crossTrackMeanM(), c.episodes().get(0).crossTrackMeanM());
        assertEquals(180, a.episodes().get(0).steps());
    }

    /** Luminance mean and spread, share of near-white pixels, mean saturation and colour balance. */
    record Stats(double mean, double std, double whiteness, double saturation, double redMinusGreen, double redMinusBlue, double detail) {
        static Stats of(RgbFrame f) {
            int n = f.width() * f.height();
            double sum = 0, sum2 = 0, white = 0, sat = 0, rg = 0, rb = 0, detail = 0;
            int rows = f.height() * 6 / 10;
            for (int y = 0; y < rows; y++) {
                for (int x = 1; x < f.width(); x++) detail += Math.abs(luma(f, x, y) - luma(f, x - 1, y));
            }
            detail /= rows * (f.width() - 1.0);
            byte[] p = f.rgb();
            for (int i = 0; i < n; i++) {
                int r = p[3 * i] & 0xff, g = p[3 * i + 1] & 0xff, b = p[3 * i + 2] & 0xff;
                double y = 0.299 * r + 0.587 * g + 0.114 * b;
                sum += y;
                sum2 += y * y;
                int max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
                white += min;
                sat += max == 0 ? 0 : (max - min) / (double) max;
                rg += r - g;
                rb += r - b;
            }
            double mean = sum / n;
            return new Stats(mean, Math.sqrt(Math.max(0, sum2 / n - mean * mean)), white / n, sat / n, rg / n, rb / n, detail);
        }

        static double luma(RgbFrame f, int x, int y) {
            return 0.299 * f.channel(x, y, 0) + 0.587 * f.channel(x, y, 1) + 0.114 * f.channel(x, y, 2);
        }
    }
}
