package org.liquidpilot.sim.world;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A uniform hash grid over obstacles, so a collision check looks at a handful of trunks instead of all of them. */
public final class ObstacleGrid {
    private final double cell;
    private final Map<Long, List<Tree>> cells = new HashMap<>();
    private final double maxRadius;

    public ObstacleGrid(List<Tree> obstacles, double cell) {
        this.cell = cell;
        double r = 0;
        for (Tree t : obstacles) {
            cells.computeIfAbsent(key(cellOf(t.x()), cellOf(t.y())), k -> new ArrayList<>()).add(t);
            r = Math.max(r, t.radius());
        }
        this.maxRadius = r;
    }

    private long cellOf(double v) {
        return (long) Math.floor(v / cell);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    public Tree touching(double x, double y, double radius) {
        double reach = radius + maxRadius;
        long x0 = cellOf(x - reach), x1 = cellOf(x + reach), y0 = cellOf(y - reach), y1 = cellOf(y + reach);
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                List<Tree> list = cells.get(key(cx, cy));
                if (list == null) continue;
                for (Tree t : list) {
                    double r = radius + t.radius();
                    double dx = t.x() - x, dy = t.y() - y;
                    if (dx * dx + dy * dy < r * r) return t;
                }
            }
        }
        return null;
    }

    /** The obstacle with the smallest surface distance from (x, y), if below {@code range}, skipping {@code except}. */
    public Tree nearest(double x, double y, double range, Tree except) {
        double reach = range + maxRadius;
        long x0 = cellOf(x - reach), x1 = cellOf(x + reach), y0 = cellOf(y - reach), y1 = cellOf(y + reach);
        Tree best = null;
        double bestGap = range;
        for (long cx = x0; cx <= x1; cx++) {
            for (long cy = y0; cy <= y1; cy++) {
                List<Tree> list = cells.get(key(cx, cy));
                if (list == null) continue;
                for (Tree t : list) {
                    if (t == except) continue;
                    double gap = Math.hypot(t.x() - x, t.y() - y) - t.radius();
                    if (gap < bestGap) {
                        bestGap = gap;
                        best = t;
                    }
                }
            }
        }
        return best;
    }
}
