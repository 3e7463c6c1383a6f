/**
 * The simulator on ROS: the sim nodes, their command inputs (twist and mavros setpoints), the simulated flight
 * controller's services, and demonstration bags. The only sim package that imports ROS.
 */
package org.liquidpilot.sim.ros;
