/**
 * JMH benchmarks of ROS message encoding and decoding.
 */
package org.liquidpilot.bench.msg;
