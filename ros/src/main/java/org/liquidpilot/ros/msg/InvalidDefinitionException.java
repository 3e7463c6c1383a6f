package org.liquidpilot.ros.msg;

/** A message or service definition that does not parse, or names a type nobody defines. */
public class InvalidDefinitionException extends IllegalArgumentException {
    public InvalidDefinitionException(String message) {
        super(message);
    }
}
