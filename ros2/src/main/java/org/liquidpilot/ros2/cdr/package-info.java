/**
 * CDR (XCDR1, little endian) for every message type the {@code ros} module defines, driven by the {@code .msg}
 * specs: a transcoder between ROS 1 wire bytes and the ROS 2 CDR body, so the existing typed codecs serve ROS 2
 * without per-type code.
 */
package org.liquidpilot.ros2.cdr;
