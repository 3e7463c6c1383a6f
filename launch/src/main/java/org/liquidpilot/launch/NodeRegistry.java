package org.liquidpilot.launch;

import org.liquidpilot.sim.ros.SimLoopNode;
import org.liquidpilot.bags.RecordNode;
import org.liquidpilot.perception.ros.PerceptionNode;
import org.liquidpilot.pilot.PilotNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.sim.ros.SimNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Maps a launch file's {@code pkg}/{@code type} to the NodeMain that runs it in-process. Under Debian's roslaunch
 * the same type names are executables in the package's {@code nodes/} folder that start the JVM. A factory gets
 * the node's {@code args} (split as a shell would), which only {@code rosbag/record} reads.
 */
public final class NodeRegistry {
    private final Map<String, Function<List<String>, NodeMain>> types = new LinkedHashMap<>();

    /**
     * Our node types: pilot, perception, sim, sim_loop, relay, each also under its executable name
     * ({@code pilot_node}, ...); and {@code rosbag/record}.
     */
    public static NodeRegistry standard() {
        NodeRegistry r = new NodeRegistry();
        r.register("liquidpilot", List.of("pilot", "pilot_node"), PilotNode::new);
        r.register("liquidpilot", List.of("perception", "perception_node"), PerceptionNode::new);
        r.register("liquidpilot", List.of("sim", "sim_node"), SimNode::new);
        r.register("liquidpilot", List.of("sim_loop", "sim_loop_node"), SimLoopNode::new);
        r.register("liquidpilot", List.of("relay", "relay_node"), TwistRelayNode::new);
        r.types.put("rosbag/record", RecordNode::new);
        return r;
    }

    public NodeRegistry register(String pkg, String type, Supplier<NodeMain> factory) {
        types.put(pkg + "/" + type, args -> factory.get());
        return this;
    }

    private void register(String pkg, List<String> typeNames, Supplier<NodeMain> factory) {
        for (String t : typeNames) register(pkg, t, factory);
    }

    public boolean knows(String pkg, String type) {
        return types.containsKey(pkg + "/" + type);
    }

    /** Node types of one package, e.g. for help texts. */
    public java.util.SortedSet<String> types(String pkg) {
        java.util.SortedSet<String> out = new TreeSet<>();
        types.keySet().stream().filter(k -> k.startsWith(pkg + "/")).forEach(k -> out.add(k.substring(pkg.length() + 1)));
        return out;
    }

    public NodeMain create(String pkg, String type) {
        Function<List<String>, NodeMain> f = types.get(pkg + "/" + type);
        if (f == null) throw new IllegalArgumentException("no node type " + pkg + "/" + type + " (known: " + types(pkg) + ")");
        return f.apply(List.of());
    }

    public NodeMain create(NodeSpec spec) {
        Function<List<String>, NodeMain> f = types.get(spec.pkg() + "/" + spec.type());
        if (f == null) {
            throw new IllegalArgumentException(spec.location() + ": no in-process node type " + spec.pkg() + "/" + spec.type()
                    + " (known: " + new TreeSet<>(types.keySet()) + ")");
        }
        try {
            return f.apply(spec.args());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(spec.location() + ": " + bad.getMessage(), bad);
        }
    }
}
