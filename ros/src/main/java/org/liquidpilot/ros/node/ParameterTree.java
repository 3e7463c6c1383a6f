package org.liquidpilot.ros.node;

import java.util.List;
import java.util.Map;

/**
 * The master's parameter server seen from a node. Names resolve like topic names: {@code ~x} is private to the
 * node, relative names go under its namespace. Values are XML-RPC values: String, Integer, Double, Boolean,
 * List, Map (a namespace). The typed getters are the same for every implementation: the value, the default when
 * unset, or an error naming the parameter when it has another type.
 */
public interface ParameterTree {
    boolean has(String name);

    /** The value, or null when unset. */
    Object get(String name);

    default String getString(String name, String defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof String s) return s;
        throw wrongType(name, v, "a string");
    }

    default int getInteger(String name, int defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof Integer i) return i;
        throw wrongType(name, v, "an integer");
    }

    /** Accepts an integer value too, as rospy does. */
    default double getDouble(String name, double defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof Double d) return d;
        if (v instanceof Integer i) return i;
        throw wrongType(name, v, "a number");
    }

    default boolean getBoolean(String name, boolean defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        throw wrongType(name, v, "a boolean");
    }

    default List<?> getList(String name, List<?> defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof List<?> l) return l;
        throw wrongType(name, v, "a list");
    }

    @SuppressWarnings("unchecked")
    default Map<String, ?> getMap(String name, Map<String, ?> defaultValue) {
        Object v = get(name);
        if (v == null) return defaultValue;
        if (v instanceof Map<?, ?> m) return (Map<String, ?>) m;
        throw wrongType(name, v, "a dictionary");
    }

    /** The full name a relative or private {@code name} stands for, as errors should show it. */
    String resolve(String name);

    private IllegalArgumentException wrongType(String name, Object v, String expected) {
        return new IllegalArgumentException("parameter " + resolve(name) + " is " + v.getClass().getSimpleName()
                + " [" + v + "], expected " + expected);
    }

    void set(String name, Object value);

    void delete(String name);

    /** The full name found by the master's upward search from this node's namespace, or null. */
    String search(String name);

    List<String> getNames();

    /** Subscribes to changes of {@code name} (and everything under it) with subscribeParam/paramUpdate. */
    void addParameterListener(String name, ParameterListener listener);
}
