package org.liquidpilot.bags;

/** A file that is not a readable rosbag v2.0, or a record in it that is malformed, truncated or implausibly large. */
public class BagFormatException extends IllegalArgumentException {
    public BagFormatException(String message) {
        super(message);
    }

    public BagFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
