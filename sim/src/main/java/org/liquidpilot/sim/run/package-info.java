/**
 * The closed loop: a policy drives a vehicle through a world, step by step, with metrics and listeners.
 */
package org.liquidpilot.sim.run;
