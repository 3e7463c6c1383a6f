package org.liquidpilot.ros.node;

import java.util.List;
import java.util.Map;

/**
 * The master's parameter server seen from a node. Names resolve like topic names: {@code ~x} is private to the
 * node, relative names go under its namespace. Values are XML-RPC values: String, Integer, Double, Boolean,
 * List, Map (a namespace).
 */
public interface ParameterTree {
    boolean has(String name);

    /** The value, or null when unset. */
    Object get(String name);

    String getString(String name, String defaultValue);

    int getInteger(String name, int defaultValue);

    /** Accepts an integer value too, as rospy does. */
    double getDouble(String name, double defaultValue);

    boolean getBoolean(String name, boolean defaultValue);

    List<?> getList(String name, List<?> defaultValue);

    Map<String, ?> getMap(String name, Map<String, ?> defaultValue);

    void set(String name, Object value);

    void delete(String name);

    /** The full name found by the master's upward search from this node's namespace, or null. */
    String search(String name);

    List<String> getNames();

    /** Subscribes to changes of {@code name} (and everything under it) with subscribeParam/paramUpdate. */
    void addParameterListener(String name, ParameterListener listener);
}
