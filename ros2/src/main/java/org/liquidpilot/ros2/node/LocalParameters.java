package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.node.ParameterListener;
import org.liquidpilot.ros.node.ParameterTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * ROS 2 has no parameter server: parameters belong to the node. The node classes read them through the ROS 1
 * {@link ParameterTree} ({@code ~rate_hz}, {@code /use_sim_time}), so this tree keeps them under the same resolved
 * names: ROS 2's {@code rate_hz} is {@code ~rate_hz}, a dotted {@code a.b} is {@code ~a/b}, and {@code use_sim_time}
 * (which every ROS 2 node has) also answers {@code /use_sim_time}. Values are ROS 1's: String, Integer, Double,
 * Boolean, List, Map.
 */
final class LocalParameters implements ParameterTree {
    private final UnaryOperator<String> resolve;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final Map<String, List<ParameterListener>> listeners = new ConcurrentHashMap<>();

    LocalParameters(UnaryOperator<String> resolve, Map<String, Object> ros2Params) {
        this.resolve = resolve;
        ros2Params.forEach((k, v) -> {
            set("~" + k.replace('.', '/'), v);
            if (k.equals("use_sim_time")) set("/use_sim_time", v);
        });
    }

    /** Parameters already under their resolved ROS 1 names (a launch plan's, {@code /pilot/model}). */
    static LocalParameters resolved(UnaryOperator<String> resolve, Map<String, Object> resolvedParams) {
        LocalParameters p = new LocalParameters(resolve, Map.of());
        resolvedParams.forEach(p.values::put);
        return p;
    }

    @Override
    public boolean has(String name) {
        return get(name) != null;
    }

    @Override
    public Object get(String name) {
        String key = resolve.apply(name);
        Object v = values.get(key);
        if (v != null) return v;
        // A namespace: the values under it as a map, as the ROS 1 server answers.
        Map<String, Object> sub = new TreeMap<>();
        String prefix = key.endsWith("/") ? key : key + "/";
        values.forEach((k, val) -> {
            if (k.startsWith(prefix)) sub.put(k.substring(prefix.length()), val);
        });
        return sub.isEmpty() ? null : sub;
    }

    @Override
    public String resolve(String name) {
        return resolve.apply(name);
    }

    @Override
    public void set(String name, Object value) {
        String key = resolve.apply(name);
        values.put(key, value);
        listeners.getOrDefault(key, List.of()).forEach(l -> l.onNewValue(value));
    }

    @Override
    public void delete(String name) {
        String key = resolve.apply(name);
        values.remove(key);
        listeners.getOrDefault(key, List.of()).forEach(l -> l.onNewValue(Map.of()));
    }

    @Override
    public String search(String name) {
        String key = resolve.apply(name);
        return values.containsKey(key) ? key : null;
    }

    @Override
    public List<String> getNames() {
        return new ArrayList<>(new TreeMap<>(values).keySet());
    }

    @Override
    public void addParameterListener(String name, ParameterListener listener) {
        listeners.computeIfAbsent(resolve.apply(name), k -> new CopyOnWriteArrayList<>()).add(listener);
    }

}
