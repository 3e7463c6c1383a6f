/**
 * XML-RPC over HTTP/1.1 as the ROS master and slave APIs speak it: a bounded parser and writer, a client, a server
 * guarded by {@link org.liquidpilot.ros.net.ConnectionGuard} and {@link org.liquidpilot.ros.xmlrpc.ByteBudget}, and
 * the ROS {@code [code, statusMessage, value]} conventions. May depend on {@code org.liquidpilot.ros.net} only.
 */
package org.liquidpilot.ros.xmlrpc;
