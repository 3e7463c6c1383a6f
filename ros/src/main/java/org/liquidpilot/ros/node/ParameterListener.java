package org.liquidpilot.ros.node;

/** Told of a parameter's new value (a map for a namespace; an empty map when deleted). */
@FunctionalInterface
public interface ParameterListener {
    void onNewValue(Object value);
}
