/**
 * JMH benchmarks of the ROS runtime: a publish/subscribe round trip over TCPROS.
 */
package org.liquidpilot.bench.ros;
