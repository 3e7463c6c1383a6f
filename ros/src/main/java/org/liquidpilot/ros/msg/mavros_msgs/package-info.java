/**
 * The mavros_msgs messages and services the pilot uses to fly a PX4/ArduPilot vehicle through mavros (State,
 * PositionTarget, SetMode, CommandBool). May depend on {@code org.liquidpilot.ros.msg}, {@code msg.std_msgs} and
 * {@code msg.geometry_msgs} only.
 */
package org.liquidpilot.ros.msg.mavros_msgs;
