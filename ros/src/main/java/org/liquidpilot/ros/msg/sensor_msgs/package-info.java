/**
 * The sensor_msgs types the project uses (Image, CompressedImage, CameraInfo, Imu), each a record with its typed
 * codec. May depend on {@code org.liquidpilot.ros.msg}, {@code msg.std_msgs} and {@code msg.geometry_msgs} only.
 */
package org.liquidpilot.ros.msg.sensor_msgs;
