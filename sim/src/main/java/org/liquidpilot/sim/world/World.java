package org.liquidpilot.sim.world;

import java.util.List;

/**
 * A generated world: the path to follow, what stands beside it, and the drivable surface's half width.
 *
 * @param kind          forest-road or forest-trail
 * @param seed          the seed it was generated from
 * @param centreline    the ground truth path; the route ends at its end
 * @param surfaceHalfWidth half width of the road or trail surface, metres (for rendering)
 * @param obstacles     trees and rocks; their trunks are what a vehicle collides with
 */
public record World(String kind, long seed, Centreline centreline, double surfaceHalfWidth, List<Tree> obstacles,
                    ObstacleGrid grid) {
    public World {
        obstacles = List.copyOf(obstacles);
    }

    public World(String kind, long seed, Centreline centreline, double surfaceHalfWidth, List<Tree> obstacles) {
        this(kind, seed, centreline, surfaceHalfWidth, obstacles, new ObstacleGrid(obstacles, 8.0));
    }

    /** The first obstacle whose trunk a disc of {@code radius} at (x, y) touches, or null. */
    public Tree collision(double x, double y, double radius) {
        return grid.touching(x, y, radius);
    }
}
