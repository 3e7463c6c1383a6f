package org.liquidpilot.sim.world;

import org.liquidpilot.sim.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the worlds from a seed. The road and the trail are a smooth random path (curvature a sum of a few random
 * sinusoids of arc length, bounded) with obstacles scattered beside it, never on it; forest-open is
 * {@link OpenForest}. The scenario's biome recasts the trees.
 */
public final class Worlds {
    private Worlds() {}

    /** Metres of path beyond what the vehicle covers in the scenario's duration, so the route end is in view. */
    public static final double END_MARGIN_M = 15;

    static final double STEP_M = 0.5;
    static final double MAX_LENGTH_M = 20_000;

    public static World generate(Scenario sc, long seed) {
        Biome biome = Biome.of(sc.biome());
        if (sc.world().equals("forest-open")) return OpenForest.generate(seed, sc.task(), biome);
        double length = Math.min(MAX_LENGTH_M, sc.speedMps() * sc.durationS() + 2 * END_MARGIN_M);
        World w = sc.world().equals("forest-trail") ? forestTrail(seed, length) : forestRoad(seed, length);
        if (biome == Biome.MIXED) return w;
        return new World(w.kind(), w.seed(), w.centreline(), w.surfaceHalfWidth(), biome.recast(w.obstacles(), seed));
    }

    /** A forest road for the car: gentle curves, a 6 m road, verges with rocks, forest whose density varies. */
    public static World forestRoad(long seed, double length) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Centreline c = path(rnd, length, 1 / 35.0, 90, 20);
        List<Tree> obstacles = new ArrayList<>();
        double half = 3.0;
        scatter(rnd, c, obstacles, 5.5, 38, 0.55, 1.6, 300);
        // Rocks on the verges, outside the drivable surface but well inside the forest edge.
        for (double s = 10; s < c.length(); s += 6 + rnd.nextDouble() * 18) {
            double side = rnd.nextBoolean() ? 1 : -1;
            place(c, obstacles, s, side * (half + 0.9 + rnd.nextDouble() * 1.2), Tree.Kind.ROCK,
                    0.25 + rnd.nextDouble() * 0.45, 0.3 + rnd.nextDouble() * 0.6, rnd.nextDouble(), half + 0.6);
        }
        return new World("forest-road", seed, c, half, obstacles);
    }

    /** A winding trail for the quadrotor: tight bends, trunks lining a corridor of about 5 m. */
    public static World forestTrail(long seed, double length) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Centreline c = path(rnd, length, 1 / 12.0, 45, 8);
        List<Tree> obstacles = new ArrayList<>();
        scatter(rnd, c, obstacles, 2.7, 22, 0.9, 1.1, 200);
        return new World("forest-trail", seed, c, 1.0, obstacles);
    }

    /**
     * A path starting at the origin heading +x, straight for {@code straight} metres, then with curvature
     * {@code kappa(s)} a sum of three sinusoids with wavelengths around {@code wavelength}, clipped to {@code maxKappa}.
     */
    static Centreline path(SplittableRandom rnd, double length, double maxKappa, double wavelength, double straight) {
        int n = (int) Math.ceil(length / STEP_M) + 1;
        double[] x = new double[n], y = new double[n];
        double[] amp = new double[3], k = new double[3], ph = new double[3];
        for (int i = 0; i < 3; i++) {
            amp[i] = maxKappa * (0.35 + 0.5 * rnd.nextDouble());
            k[i] = 2 * Math.PI / (wavelength * (0.6 + 0.9 * rnd.nextDouble()));
            ph[i] = rnd.nextDouble() * 2 * Math.PI;
        }
        double heading = 0;
        for (int i = 1; i < n; i++) {
            double s = i * STEP_M;
            double kappa = 0;
            if (s > straight) {
                double ramp = Math.min(1, (s - straight) / 20);
                for (int j = 0; j < 3; j++) kappa += amp[j] * Math.sin(k[j] * (s - straight) + ph[j]) - amp[j] * Math.sin(ph[j]);
                kappa = Math.max(-maxKappa, Math.min(maxKappa, kappa * ramp));
            }
            heading += kappa * STEP_M;
            x[i] = x[i - 1] + STEP_M * Math.cos(heading);
            y[i] = y[i - 1] + STEP_M * Math.sin(heading);
        }
        return new Centreline(x, y);
    }

    /**
     * Scatters trees on both sides between {@code near} and {@code far} metres from the path, thinning and
     * thickening along it; {@code density} is trees per metre of path per side at the densest.
     */
    static void scatter(SplittableRandom rnd, Centreline c, List<Tree> out, double near, double far,
                        double density, double trunkScale, double densityWavelength) {
        double phase = rnd.nextDouble() * 2 * Math.PI;
        for (double s = -20; s < c.length() + 40; s += 1.0) {
            double local = density * (0.45 + 0.55 * (0.5 + 0.5 * Math.sin(2 * Math.PI * s / densityWavelength + phase)));
            for (int side = -1; side <= 1; side += 2) {
                double expected = local;
                while (expected > 0) {
                    if (rnd.nextDouble() < Math.min(1, expected)) {
                        // Nearer the path trees are sparser, so the corridor reads as an opening.
                        double u = rnd.nextDouble();
                        double off = near + (far - near) * u * u;
                        boolean conifer = rnd.nextDouble() < 0.6;
                        double h = conifer ? 7 + rnd.nextDouble() * 9 : 5 + rnd.nextDouble() * 6;
                        double r = trunkScale * (0.12 + 0.02 * h * (0.6 + 0.4 * rnd.nextDouble()));
                        place(c, out, s + rnd.nextDouble() - 0.5, side * off, conifer ? Tree.Kind.CONIFER : Tree.Kind.BROADLEAF,
                                r, h, rnd.nextDouble(), near - 0.2);
                    }
                    expected -= 1;
                }
            }
        }
    }

    /** Places an obstacle at arc length s and lateral offset (left positive) unless it would come too near the path. */
    private static void place(Centreline c, List<Tree> out, double s, double offset, Tree.Kind kind,
                              double radius, double height, double shade, double minClearance) {
        double[] p = new double[3];
        double sc = Math.max(0, Math.min(c.length(), s));
        c.pointAt(sc, p);
        double beyond = s - sc; // before the start or past the end: continue straight
        double x = p[0] + beyond * Math.cos(p[2]) - offset * Math.sin(p[2]);
        double y = p[1] + beyond * Math.sin(p[2]) + offset * Math.cos(p[2]);
        // A bend elsewhere may pass close to this spot: check against the whole path.
        Centreline.Projection pr = c.project(x, y);
        if (Math.abs(pr.crossTrack()) - radius < minClearance) return;
        out.add(new Tree(kind, x, y, radius, height, shade));
    }
}
