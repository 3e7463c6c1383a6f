package org.liquidpilot.sim.run;

import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.world.Tree;

import java.util.List;

/**
 * Scores the target tasks step by step. A target counts as reached when the vehicle is within {@code reachM} of it
 * (horizontally) and it lies within {@code maxBearingDeg} of the camera's axis, i.e. centred in the image; targets
 * count only in order. The task is done when the last one is reached. Per step it allocates nothing.
 */
public final class TargetProgress {
    private final List<Tree> targets;
    private final double reachM, maxBearingRad, straightM;
    private int next;
    private double pathM, lastX, lastY, distance, bearing;
    private double reachedAtS = Double.NaN, pathAtReachM;

    public TargetProgress(List<Tree> targets, double startX, double startY, double reachM, double maxBearingDeg) {
        if (targets.isEmpty()) throw new IllegalArgumentException("a target task needs at least one target");
        this.targets = targets;
        this.reachM = reachM;
        this.maxBearingRad = Math.toRadians(maxBearingDeg);
        double s = 0, x = startX, y = startY;
        for (Tree t : targets) {
            s += Math.hypot(t.x() - x, t.y() - y);
            x = t.x();
            y = t.y();
        }
        // The last target counts as reached at the reach radius, so a straight flight scores a path ratio of about 1
        // (on a hike each leg starts about that far before the previous target and ends that far before the next).
        this.straightM = Math.max(1e-6, s - reachM);
        this.lastX = startX;
        this.lastY = startY;
        Tree first = targets.get(0);
        this.distance = Math.hypot(first.x() - startX, first.y() - startY);
    }

    /** Signed angle (radians, left positive) of the target off the vehicle's heading: its bearing in the camera. */
    public static double bearing(VehicleState s, Tree target) {
        double b = Math.atan2(target.y() - s.y(), target.x() - s.x()) - s.yaw();
        return Math.atan2(Math.sin(b), Math.cos(b));
    }

    /** The task's reach criterion, shared with the expert so that both agree on when to move on. */
    public static boolean reached(double distanceM, double bearingRad, double reachM, double maxBearingRad) {
        return distanceM <= reachM && Math.abs(bearingRad) <= maxBearingRad;
    }

    /** Scores the state after a step at simulated time {@code t}. */
    public void update(VehicleState s, double t) {
        pathM += Math.hypot(s.x() - lastX, s.y() - lastY);
        lastX = s.x();
        lastY = s.y();
        Tree g = targets.get(Math.min(next, targets.size() - 1));
        distance = Math.hypot(g.x() - s.x(), g.y() - s.y());
        bearing = bearing(s, g);
        if (next < targets.size() && reached(distance, bearing, reachM, maxBearingRad)) {
            next++;
            if (next == targets.size()) {
                reachedAtS = t;
                pathAtReachM = pathM;
            }
        }
    }

    public boolean complete() {
        return next == targets.size();
    }

    public int reachedCount() {
        return next;
    }

    /** The row's target part: final distance and bearing to the current (or last) target, time and path ratio. */
    public EpisodeMetrics.TargetMetrics metrics() {
        boolean done = complete();
        return new EpisodeMetrics.TargetMetrics(targets.size(), next, distance, Math.toDegrees(bearing),
                done ? reachedAtS : null, done && straightM > 0 ? pathAtReachM / straightM : null, straightM);
    }
}
