/**
 * Runs Debian's ROS (roscore, rostopic, rosbag, rospy) for interop tests and decides whether such tests run or
 * are skipped. Depends on the JDK only and is used by tests, never by the runtime itself.
 */
package org.liquidpilot.ros.debian;
