/**
 * TCPROS framing: connection headers and length-prefixed frames, read with caps so hostile lengths allocate nothing.
 * Pure byte handling with no sockets of its own; depends on the JDK only.
 */
package org.liquidpilot.ros.tcpros;
