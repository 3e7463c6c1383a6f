package org.liquidpilot.ros.node;

import org.liquidpilot.ros.GraphNames;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's view of graph names: its global name, its namespace and its remappings, both sides of each remapping
 * resolved once at start-up. Resolution follows rospy ({@code ~private}, relative, global, then remapping) and is
 * kept here so that topics, services and parameters all resolve a name the same way.
 */
final class NameResolver {
    private final String name;
    private final String namespace;
    private final Map<String, String> remappings = new LinkedHashMap<>();

    NameResolver(String name, Map<String, String> remappings) {
        this.name = name;
        this.namespace = GraphNames.parent(name);
        for (Map.Entry<String, String> e : remappings.entrySet()) {
            this.remappings.put(GraphNames.resolve(namespace, name, e.getKey()), GraphNames.resolve(namespace, name, e.getValue()));
        }
    }

    /** The node's global name, e.g. {@code /ns/pilot}. */
    String name() {
        return name;
    }

    String namespace() {
        return namespace;
    }

    /** Resolves {@code n} against the namespace ({@code ~} names against the node's name), then remaps it. */
    String resolve(String n) {
        String r = GraphNames.resolve(namespace, name, n);
        return remappings.getOrDefault(r, r);
    }
}
