package org.liquidpilot.ros.xmlrpc;

/** A ROS API answer with code 0 (failure) or -1 (error). */
public class RosApiException extends Exception {
    private final int code;

    public RosApiException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
