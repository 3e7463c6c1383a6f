package org.liquidpilot.sim.world;

/**
 * A tree, a rock or a target marker standing on the ground: a trunk (or boulder, or marker) of this radius is what a
 * vehicle collides with.
 *
 * @param kind    CONIFER, BROADLEAF, ROCK, BIRCH, PINE or TARGET
 * @param shade   0..1, picks a colour variant so the forest is not uniform
 */
public record Tree(Kind kind, double x, double y, double radius, double height, double shade) {
    /**
     * BIRCH and PINE make the unseen stands; TARGET is the fly-to marker: a red ball of {@code radius} on a thin post,
     * its centre {@code height} above the ground.
     */
    public enum Kind { CONIFER, BROADLEAF, ROCK, BIRCH, PINE, TARGET }
}
