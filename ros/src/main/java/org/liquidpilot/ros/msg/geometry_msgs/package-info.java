/**
 * The geometry_msgs types the project uses (Twist, poses, vectors and covariances), each a record with its typed
 * codec. May depend on {@code org.liquidpilot.ros.msg} and {@code msg.std_msgs} only.
 */
package org.liquidpilot.ros.msg.geometry_msgs;
