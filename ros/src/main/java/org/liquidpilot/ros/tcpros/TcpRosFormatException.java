package org.liquidpilot.ros.tcpros;

/** TCPROS bytes that are malformed, truncated or over a length cap. */
public class TcpRosFormatException extends IllegalArgumentException {
    public TcpRosFormatException(String message) {
        super(message);
    }
}
