/**
 * The perception node and ROS image conversions: the thin adapter between camera topics and the feature extractor.
 */
package org.liquidpilot.perception.ros;
