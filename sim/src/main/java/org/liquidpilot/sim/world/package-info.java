/**
 * Procedural worlds: the road or trail centreline, trees and the obstacle grid collisions are checked against.
 */
package org.liquidpilot.sim.world;
