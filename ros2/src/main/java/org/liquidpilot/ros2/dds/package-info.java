/**
 * DDS for the ROS 2 node: ROS 2's names on the wire ({@code rt/}, {@code pkg::msg::dds_::T_}), the QoS each topic
 * role gets, and participants that stay on the loopback interface unless the user asks for the host's network.
 */
package org.liquidpilot.ros2.dds;
