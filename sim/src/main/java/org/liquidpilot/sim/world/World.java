package org.liquidpilot.sim.world;

import java.util.List;

/**
 * A generated world: the path to follow, what stands beside it, and the drivable surface's half width.
 *
 * @param kind          forest-road, forest-trail or forest-open
 * @param seed          the seed it was generated from
 * @param centreline    the ground truth path; the route ends at its end. In forest-open, the straight legs from the
 *                      start to each target in turn (nothing is drawn along them)
 * @param surfaceHalfWidth half width of the road or trail surface, metres (for rendering); 0 when there is none
 * @param obstacles     trees, rocks and target markers; they are what a vehicle collides with
 * @param targets       the target markers in the order they are to be reached (also among the obstacles); empty
 *                      outside forest-open
 */
public record World(String kind, long seed, Centreline centreline, double surfaceHalfWidth, List<Tree> obstacles,
                    ObstacleGrid grid, List<Tree> targets) {
    public World {
        obstacles = List.copyOf(obstacles);
        targets = List.copyOf(targets);
    }

    public World(String kind, long seed, Centreline centreline, double surfaceHalfWidth, List<Tree> obstacles) {
        this(kind, seed, centreline, surfaceHalfWidth, obstacles, List.of());
    }

    public World(String kind, long seed, Centreline centreline, double surfaceHalfWidth, List<Tree> obstacles, List<Tree> targets) {
        this(kind, seed, centreline, surfaceHalfWidth, obstacles, new ObstacleGrid(obstacles, 8.0), targets);
    }

    /** The first obstacle whose trunk a disc of {@code radius} at (x, y) touches, or null. */
    public Tree collision(double x, double y, double radius) {
        return grid.touching(x, y, radius);
    }

    /** The obstacle whose surface is nearest (x, y) and less than {@code range} away, other than {@code except}; or null. */
    public Tree nearest(double x, double y, double range, Tree except) {
        return grid.nearest(x, y, range, except);
    }

    /** Heading a vehicle starts with: along the path, or +x in forest-open, where the targets are placed relative to it. */
    public double startYaw() {
        return targets.isEmpty() ? centreline.heading(0) : 0;
    }
}
