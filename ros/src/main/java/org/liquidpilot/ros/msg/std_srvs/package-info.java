/**
 * The std_srvs services (Empty, SetBool, Trigger): request and response records with their codecs and a
 * {@link org.liquidpilot.ros.msg.ServiceType} each. May depend on {@code org.liquidpilot.ros.msg} only.
 */
package org.liquidpilot.ros.msg.std_srvs;
