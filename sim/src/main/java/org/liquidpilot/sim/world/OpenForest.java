package org.liquidpilot.sim.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fly-to-target world: a forest with no path, the vehicle at the origin heading +x, and one target (task
 * {@code target}) or three (task {@code hike}) among the trees.
 * <ul>
 *   <li>The first target stands {@link #MIN_DISTANCE_M}..{@link #MAX_DISTANCE_M} m from the start, up to
 *       ±{@link #MAX_BEARING_DEG}° off the initial heading. Each hike target after it stands
 *       {@link #MIN_DISTANCE_M}..{@link #MAX_LEG_M} m from the one before, up to ±{@link #MAX_BEARING_DEG}° off the
 *       leg that led there, so it lies in the camera's view (70° wide) when the previous one is reached facing it.</li>
 *   <li>Trees are scattered uniformly with the biome's density and least spacing, except within
 *       {@link #LANE_CLEARANCE_M} m (trunk surface) of each straight leg, within {@link #TARGET_CLEARING_M} m of a
 *       target and {@link #START_CLEARING_M} m of the start: the straight approach is always flyable and each target
 *       is visible from where the previous leg began, yet trees stand all around it.</li>
 * </ul>
 */
public final class OpenForest {
    private OpenForest() {}

    public static final double MIN_DISTANCE_M = 10, MAX_DISTANCE_M = 40, MAX_LEG_M = 25, MAX_BEARING_DEG = 30;
    public static final double LANE_CLEARANCE_M = 2.0, TARGET_CLEARING_M = 4.0, START_CLEARING_M = 3.0;
    /** Forest beyond the course in every direction, so the camera never sees the forest end at a target. */
    static final double MARGIN_M = 50;
    /** The marker: a red ball of this radius, its centre at the quadrotor's flight height, on a thin post. */
    public static final double TARGET_RADIUS_M = 0.4, TARGET_HEIGHT_M = 2.0;

    public static World generate(long seed, String task, Biome biome) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x243F6A8885A308D3L);
        int n = task.equals("hike") ? 3 : 1;
        double[] px = new double[n + 1], py = new double[n + 1];
        double heading = 0;
        List<Tree> targets = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            double max = k == 1 ? MAX_DISTANCE_M : MAX_LEG_M;
            double d = MIN_DISTANCE_M + rnd.nextDouble() * (max - MIN_DISTANCE_M);
            heading += Math.toRadians((2 * rnd.nextDouble() - 1) * MAX_BEARING_DEG);
            px[k] = px[k - 1] + d * Math.cos(heading);
            py[k] = py[k - 1] + d * Math.sin(heading);
            targets.add(new Tree(Tree.Kind.TARGET, px[k], py[k], TARGET_RADIUS_M, TARGET_HEIGHT_M, rnd.nextDouble()));
        }
        List<Tree> obstacles = new ArrayList<>(targets);
        scatter(rnd, biome, px, py, obstacles);
        return new World("forest-open", seed, legs(px, py), 0, obstacles, targets);
    }

    /** The straight legs start → target 1 → ... as a polyline with a point every half metre. */
    static Centreline legs(double[] px, double[] py) {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[]{px[0], py[0]});
        for (int k = 1; k < px.length; k++) {
            double d = Math.hypot(px[k] - px[k - 1], py[k] - py[k - 1]);
            int steps = Math.max(1, (int) Math.ceil(d / 0.5));
            for (int i = 1; i <= steps; i++) {
                double f = i / (double) steps;
                pts.add(new double[]{px[k - 1] + f * (px[k] - px[k - 1]), py[k - 1] + f * (py[k] - py[k - 1])});
            }
        }
        double[] x = new double[pts.size()], y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Centreline(x, y);
    }

    private static void scatter(SplittableRandom rnd, Biome biome, double[] px, double[] py, List<Tree> out) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int k = 0; k < px.length; k++) {
            minX = Math.min(minX, px[k]); maxX = Math.max(maxX, px[k]);
            minY = Math.min(minY, py[k]); maxY = Math.max(maxY, py[k]);
        }
        minX -= MARGIN_M; maxX += MARGIN_M; minY -= MARGIN_M; maxY += MARGIN_M;
        int candidates = (int) Math.round((maxX - minX) * (maxY - minY) * biome.density());
        double cell = biome.spacingM();
        Map<Long, List<Tree>> near = new HashMap<>();
        for (int i = 0; i < candidates; i++) {
            double x = minX + rnd.nextDouble() * (maxX - minX), y = minY + rnd.nextDouble() * (maxY - minY);
            Tree t = biome.tree(rnd, x, y);
            if (!clear(t, px, py) || crowded(near, cell, x, y)) continue;
            near.computeIfAbsent(key((long) Math.floor(x / cell), (long) Math.floor(y / cell)), k -> new ArrayList<>()).add(t);
            out.add(t);
        }
    }

    /** Whether a tree keeps off the legs, the targets and the start. */
    static boolean clear(Tree t, double[] px, double[] py) {
        if (Math.hypot(t.x() - px[0], t.y() - py[0]) - t.radius() < START_CLEARING_M) return false;
        for (int k = 1; k < px.length; k++) {
            if (Math.hypot(t.x() - px[k], t.y() - py[k]) - t.radius() < TARGET_CLEARING_M) return false;
            if (segmentDistance(t.x(), t.y(), px[k - 1], py[k - 1], px[k], py[k]) - t.radius() < LANE_CLEARANCE_M) return false;
        }
        return true;
    }

    private static boolean crowded(Map<Long, List<Tree>> near, double cell, double x, double y) {
        long cx = (long) Math.floor(x / cell), cy = (long) Math.floor(y / cell);
        for (long i = cx - 1; i <= cx + 1; i++) {
            for (long j = cy - 1; j <= cy + 1; j++) {
                List<Tree> l = near.get(key(i, j));
                if (l == null) continue;
                for (Tree o : l) if (Math.hypot(o.x() - x, o.y() - y) < cell) return true;
            }
        }
        return false;
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    /** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
    public static double segmentDistance(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
        return Math.hypot(ax + t * dx - x, ay + t * dy - y);
    }
}
