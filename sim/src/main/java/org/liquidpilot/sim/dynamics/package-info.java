/**
 * Vehicle dynamics: the bicycle-model car, the quadrotor behind a PX4-style velocity controller, and steady wind
 * with Dryden turbulence. Knows no ROS and no rendering.
 */
package org.liquidpilot.sim.dynamics;
