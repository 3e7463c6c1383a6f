package org.liquidpilot.sim.world;

/**
 * The ground-truth path of a world: a dense polyline on the ground plane (x, y) with its arc length. It answers the
 * two questions the metrics and the expert ask: where am I along the path and how far off it, and what point lies a
 * given distance further on.
 */
public final class Centreline {
    private final double[] x, y, s;

    /** Points must be at least two, finite, and distinct in sequence. The arrays are copied. */
    public Centreline(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) throw new IllegalArgumentException("a centreline needs at least two points");
        this.x = x.clone();
        this.y = y.clone();
        this.s = new double[x.length];
        for (int i = 1; i < x.length; i++) {
            double d = Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
            if (!(d > 0)) throw new IllegalArgumentException("centreline points " + (i - 1) + " and " + i + " coincide");
            s[i] = s[i - 1] + d;
        }
    }

    public int size() { return x.length; }
    public double x(int i) { return x[i]; }
    public double y(int i) { return y[i]; }
    public double s(int i) { return s[i]; }
    public double length() { return s[s.length - 1]; }

    /** Heading (radians, from +x towards +y) of the segment that starts at point {@code i}. */
    public double heading(int i) {
        int j = Math.min(i, x.length - 2);
        return Math.atan2(y[j + 1] - y[j], x[j + 1] - x[j]);
    }

    /** The closest point of the path to (px, py). */
    public Projection project(double px, double py) {
        return project(px, py, -1, 0);
    }

    /**
     * The closest point, searching only {@code window} segments either side of {@code hint} (a previous projection's
     * segment) when hint is not negative: a vehicle moves little in one step, and a winding path may come back close
     * to itself further on, where a global search would jump.
     */
    public Projection project(double px, double py, int hint, int window) {
        int lo = 0, hi = x.length - 2;
        if (hint >= 0) {
            lo = Math.max(0, hint - window);
            hi = Math.min(x.length - 2, hint + window);
        }
        double best = Double.POSITIVE_INFINITY, bestT = 0;
        int bestI = lo;
        for (int i = lo; i <= hi; i++) {
            double dx = x[i + 1] - x[i], dy = y[i + 1] - y[i];
            double len2 = dx * dx + dy * dy;
            double t = ((px - x[i]) * dx + (py - y[i]) * dy) / len2;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double ex = x[i] + t * dx - px, ey = y[i] + t * dy - py;
            double d2 = ex * ex + ey * ey;
            if (d2 < best) {
                best = d2;
                bestI = i;
                bestT = t;
            }
        }
        double dx = x[bestI + 1] - x[bestI], dy = y[bestI + 1] - y[bestI];
        double len = Math.sqrt(dx * dx + dy * dy);
        // Left of the direction of travel is positive: cross product of the tangent and the offset.
        double cross = (dx * (py - y[bestI]) - dy * (px - x[bestI])) / len;
        return new Projection(bestI, s[bestI] + bestT * len, Math.copySign(Math.sqrt(best), cross),
                Math.atan2(dy, dx), x[bestI] + bestT * dx, y[bestI] + bestT * dy);
    }

    /** The point at arc length {@code at} (clamped to the path), written into {@code out} as {x, y, heading}. */
    public void pointAt(double at, double[] out) {
        double a = Math.max(0, Math.min(length(), at));
        int lo = 0, hi = s.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= a) lo = mid; else hi = mid;
        }
        double seg = s[hi] - s[lo];
        double t = seg > 0 ? (a - s[lo]) / seg : 0;
        out[0] = x[lo] + t * (x[hi] - x[lo]);
        out[1] = y[lo] + t * (y[hi] - y[lo]);
        out[2] = Math.atan2(y[hi] - y[lo], x[hi] - x[lo]);
    }

    /**
     * @param segment    index of the closest segment (a hint for the next search)
     * @param along      arc length of the closest point
     * @param crossTrack signed distance, positive when the point lies left of the path
     * @param heading    path heading there
     */
    public record Projection(int segment, double along, double crossTrack, double heading, double x, double y) {}
}
