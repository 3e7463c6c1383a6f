/**
 * The pilot: camera features through the liquid policy to a {@link org.liquidpilot.pilot.VehicleCommand}, the
 * graded failsafe, the ROS pilot node and its twist and mavros outputs. Imports the liquid core, perception, bags
 * and ros.
 */
package org.liquidpilot.pilot;
