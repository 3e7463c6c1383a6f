/**
 * The ROS1 runtime written from scratch, with only the JDK: graph names ({@link org.liquidpilot.ros.GraphNames}) here,
 * the wire protocols, messages, nodes and an embedded master in the subpackages. This package depends on nothing
 * else in the project, so every subpackage may use it.
 */
package org.liquidpilot.ros;
