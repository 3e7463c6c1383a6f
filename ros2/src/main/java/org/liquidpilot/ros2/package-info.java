/**
 * ROS 2 for liquidpilot: the {@code ros} module's node API ({@code NodeMain}, {@code ConnectedNode}) over a real DDS
 * (Fast-DDS through ihmc-ros2-library), so the same node classes run on ROS 1 or ROS 2. {@code cdr} turns the
 * project's message specs into CDR, {@code dds} owns participants, QoS and ROS 2 names, {@code node} is the node.
 */
package org.liquidpilot.ros2;
