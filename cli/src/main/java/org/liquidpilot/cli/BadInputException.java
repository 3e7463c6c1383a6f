package org.liquidpilot.cli;

/** Bad usage or bad input: the CLI prints the message on one line and exits 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
