package org.liquidpilot.launch;

import java.util.List;
import java.util.Map;

/**
 * Everything a launch file asks for, evaluated and ready to run: parameters to set (flattened to leaf names,
 * the way roslaunch prints them), namespaces to clear first, and the nodes to start.
 */
public record LaunchPlan(Map<String, Object> params, List<String> clearParams, List<String> deleteParams,
                         List<NodeSpec> nodes) {
    public LaunchPlan {
        params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
        clearParams = List.copyOf(clearParams);
        deleteParams = List.copyOf(deleteParams);
        nodes = List.copyOf(nodes);
    }

    public NodeSpec node(String fullName) {
        return nodes.stream().filter(n -> n.fullName().equals(fullName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + fullName + " in this launch"));
    }

    /** A roslaunch-style summary: PARAMETERS and NODES. */
    public String summary() {
        StringBuilder sb = new StringBuilder("PARAMETERS\n");
        params.forEach((k, v) -> sb.append(" * ").append(k).append(": ").append(v).append('\n'));
        sb.append("\nNODES\n");
        nodes.forEach(n -> {
            sb.append("  ").append(n.namespace()).append('\n');
            sb.append("    ").append(n.name()).append(" (").append(n.pkg()).append('/').append(n.type()).append(")");
            if (!n.remaps().isEmpty()) sb.append(" remaps ").append(n.remaps());
            sb.append('\n');
        });
        return sb.toString();
    }
}
