package org.liquidpilot.ros.msg;

/** Bytes that do not decode as the expected message: truncated, a length past the end, or an impossible size. */
public class MessageFormatException extends RuntimeException {
    public MessageFormatException(String message) {
        super(message);
    }

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
