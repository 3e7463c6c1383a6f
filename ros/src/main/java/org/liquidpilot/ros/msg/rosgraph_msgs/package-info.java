/**
 * rosgraph_msgs Log and Clock, what nodes publish on /rosout and simulators on /clock, as records with typed codecs.
 * May depend on {@code org.liquidpilot.ros.msg} and {@code msg.std_msgs} only.
 */
package org.liquidpilot.ros.msg.rosgraph_msgs;
