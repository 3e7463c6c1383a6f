package org.liquidpilot.launch;

/** A launch file that cannot be loaded: the message starts with {@code file:line:} so the fix is one look away. */
public class LaunchException extends IllegalArgumentException {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }

    static LaunchException at(XmlElement where, String message) {
        return new LaunchException(where.location() + ": " + message);
    }
}
