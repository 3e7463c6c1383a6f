package org.liquidpilot.sim.world;

/**
 * A tree or a rock standing on the ground: a trunk (or boulder) of this radius is what a vehicle collides with.
 *
 * @param kind    CONIFER, BROADLEAF or ROCK
 * @param shade   0..1, picks a colour variant so the forest is not uniform
 */
public record Tree(Kind kind, double x, double y, double radius, double height, double shade) {
    public enum Kind { CONIFER, BROADLEAF, ROCK }
}
