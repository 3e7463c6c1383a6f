/**
 * Scenarios: the world, vehicle, camera, weather, wind and success rule of a run, from strict YAML or by name.
 */
package org.liquidpilot.sim.scenario;
