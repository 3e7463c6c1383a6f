package org.liquidpilot.launch;

import java.util.List;
import java.util.Map;

/**
 * One {@code <node>} after evaluation: every substitution resolved, names made absolute.
 *
 * @param pkg          package attribute (for us: {@code liquidpilot})
 * @param type         node type: an executable in the package, and the key of our in-process node registry
 * @param name         base name (no namespace)
 * @param namespace    absolute namespace ending in '/'
 * @param args         the {@code args} attribute split the way a shell would
 * @param remaps       from → to, scope remaps first, then the node's own
 * @param env          environment the node gets on top of the launcher's
 * @param respawn      restart the node when it exits
 * @param respawnDelay seconds to wait before a restart
 * @param required     when it exits, the whole launch shuts down
 * @param output       log or screen
 * @param location     file:line of the tag, for messages at run time
 */
public record NodeSpec(String pkg, String type, String name, String namespace, List<String> args,
                       Map<String, String> remaps, Map<String, String> env, boolean respawn, double respawnDelay,
                       boolean required, String output, String location) {
    public NodeSpec {
        args = List.copyOf(args);
        remaps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(remaps));
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    /** The node's absolute graph name, e.g. {@code /drone/pilot}. */
    public String fullName() {
        return namespace + name;
    }
}
