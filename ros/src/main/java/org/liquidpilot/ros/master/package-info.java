/**
 * A ROS1 master in the JVM (registrations, parameter server, publisherUpdate notifications) that rospy, roscpp and
 * the ROS tools accept in place of {@code roscore}. May depend on the root package and {@code xmlrpc} (and through
 * it {@code net}); it never needs the node API.
 */
package org.liquidpilot.ros.master;
