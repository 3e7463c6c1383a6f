package org.liquidpilot.launch;

import org.liquidpilot.ros.node.NodeMain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Maps a launch file's {@code pkg}/{@code type} to the NodeMain that runs it in-process. Under Debian's roslaunch
 * the same type names are executables in the package's {@code nodes/} folder that start the JVM. Classes from
 * other modules are looked up by name, so a node type whose module is not built yet gives a clear error instead of
 * breaking the whole runner.
 */
public final class NodeRegistry {
    private final Map<String, Supplier<NodeMain>> types = new LinkedHashMap<>();

    /** Our node types: pilot, perception, sim, sim_loop, relay; each also under its executable name ({@code pilot_node}, ...). */
    public static NodeRegistry standard() {
        NodeRegistry r = new NodeRegistry();
        r.byClassName("liquidpilot", List.of("pilot", "pilot_node"), "org.liquidpilot.pilot.PilotNode");
        r.byClassName("liquidpilot", List.of("perception", "perception_node"), "org.liquidpilot.perception.PerceptionNode",
                "org.liquidpilot.perception.ros.PerceptionNode");
        r.byClassName("liquidpilot", List.of("sim", "sim_node"), "org.liquidpilot.sim.ros.SimNode", "org.liquidpilot.sim.SimNode");
        r.register("liquidpilot", "sim_loop", SimLoopNode::new);
        r.register("liquidpilot", "sim_loop_node", SimLoopNode::new);
        r.register("liquidpilot", "relay", TwistRelayNode::new);
        r.register("liquidpilot", "relay_node", TwistRelayNode::new);
        r.byClassName("rosbag", List.of("record"), "org.liquidpilot.bags.ros.RecordNode", "org.liquidpilot.bags.RecordNode",
                "org.liquidpilot.bags.BagRecorderNode", "org.liquidpilot.bags.ros.BagRecorderNode");
        return r;
    }

    public NodeRegistry register(String pkg, String type, Supplier<NodeMain> factory) {
        types.put(pkg + "/" + type, factory);
        return this;
    }

    private void byClassName(String pkg, List<String> typeNames, String... classNames) {
        Supplier<NodeMain> factory = () -> {
            for (String name : classNames) {
                Class<?> c;
                try {
                    c = Class.forName(name);
                } catch (ClassNotFoundException notBuilt) {
                    continue;
                }
                try {
                    return (NodeMain) c.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | ClassCastException e) {
                    throw new IllegalStateException("cannot create " + name + ": " + e, e);
                }
            }
            throw new IllegalArgumentException("node type " + pkg + "/" + typeNames.get(0) + " is not part of this build (" + String.join(", ", classNames) + " missing)");
        };
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
        Supplier<NodeMain> f = types.get(pkg + "/" + type);
        if (f == null) throw new IllegalArgumentException("no node type " + pkg + "/" + type + " (known: " + types(pkg) + ")");
        return f.get();
    }

    public NodeMain create(NodeSpec spec) {
        Supplier<NodeMain> f = types.get(spec.pkg() + "/" + spec.type());
        if (f == null) {
            throw new IllegalArgumentException(spec.location() + ": no in-process node type " + spec.pkg() + "/" + spec.type()
                    + " (known: " + new TreeSet<>(types.keySet()) + ")");
        }
        return f.get();
    }
}
