/**
 * Admission control for server ports ({@link org.liquidpilot.ros.net.ConnectionGuard}): connection caps in all and
 * per address, and deadlines that close held connections. Depends on the JDK only, so both the XML-RPC servers and
 * the TCPROS port can use it.
 */
package org.liquidpilot.ros.net;
