/**
 * nav_msgs/Odometry as a record with its typed codec. May depend on {@code org.liquidpilot.ros.msg},
 * {@code msg.std_msgs} and {@code msg.geometry_msgs} only.
 */
package org.liquidpilot.ros.msg.nav_msgs;
