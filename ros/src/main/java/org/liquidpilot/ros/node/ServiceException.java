package org.liquidpilot.ros.node;

/** A service call that failed: the server reported an error, or it could not be reached. */
public class ServiceException extends Exception {
    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
