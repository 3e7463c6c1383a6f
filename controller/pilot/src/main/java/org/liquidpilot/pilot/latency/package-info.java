/**
 * The control-latency benchmark: image stamp → command received through the pilot node in its own process, with
 * Debian's rospy relay as the anchor in the same run and under the same CPU hog.
 */
package org.liquidpilot.pilot.latency;
