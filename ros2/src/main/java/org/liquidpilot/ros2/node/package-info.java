/**
 * The ROS 2 node: {@code ConnectedNode} over DDS, so PilotNode, SimNode and PerceptionNode run unchanged on ROS 2;
 * {@code --ros-args} parsing; node-local parameters.
 */
package org.liquidpilot.ros2.node;
