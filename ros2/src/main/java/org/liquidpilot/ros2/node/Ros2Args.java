package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.GraphNames;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ROS 2 node's command line: after {@code --ros-args}, {@code -p name:=value} (or {@code --param}),
 * {@code -r from:=to} (or {@code --remap}), {@code -r __ns:=/ns} and {@code -r __node:=name}, up to
 * {@code --} or the end. Also accepted, as rclpy does for old launch files: bare {@code __ns:=}, {@code __node:=}
 * and {@code __name:=}. Everything else is left for the caller in {@link #rest}.
 *
 * @param name       the node name given ({@code __node}), or null
 * @param namespace  the namespace given ({@code __ns}), or null
 * @param remappings from → to, as written
 * @param params     name → typed value (bool, int, double or string, as ROS 2 types a command-line value)
 * @param rest       the arguments that were not ROS arguments, in order
 */
public record Ros2Args(String name, String namespace, Map<String, String> remappings, Map<String, Object> params, List<String> rest) {

    public Ros2Args {
        remappings = Map.copyOf(remappings);
        params = Map.copyOf(params);
        rest = List.copyOf(rest);
    }

    /** @throws IllegalArgumentException with a one-line reason for a malformed ROS argument */
    public static Ros2Args parse(String... args) {
        String name = null, ns = null;
        Map<String, String> remaps = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        boolean ros = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--ros-args")) {
                ros = true;
                continue;
            }
            if (ros && a.equals("--")) {
                ros = false;
                continue;
            }
            String[] special = a.startsWith("__") ? splitAssignment(a) : null;
            if (!ros && special == null) {
                rest.add(a);
                continue;
            }
            if (ros && (a.equals("-p") || a.equals("--param") || a.equals("-r") || a.equals("--remap"))) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a name:=value after it");
                String[] kv = splitAssignment(args[++i]);
                if (kv == null) throw new IllegalArgumentException(a + " expects name:=value, got '" + args[i] + "'");
                if (a.startsWith("-p") || a.equals("--param")) {
                    params.put(kv[0], typed(kv[1]));
                    continue;
                }
                special = kv;
            }
            if (special == null) throw new IllegalArgumentException("unknown ROS argument '" + a + "' (expected -p, -r or --)");
            switch (special[0]) {
                case "__ns" -> ns = requireNamespace(special[1]);
                case "__node", "__name" -> name = requireNodeName(special[1]);
                default -> {
                    if (special[0].startsWith("__")) throw new IllegalArgumentException("unknown special name '" + special[0] + "'");
                    GraphNames.requireLegal(special[0]);
                    GraphNames.requireLegal(special[1]);
                    remaps.put(special[0], special[1]);
                }
            }
        }
        return new Ros2Args(name, ns, remaps, params, rest);
    }

    private static String[] splitAssignment(String s) {
        int at = s.indexOf(":=");
        if (at <= 0) return null;
        return new String[] {s.substring(0, at), s.substring(at + 2)};
    }

    private static String requireNamespace(String ns) {
        if (!ns.startsWith("/")) throw new IllegalArgumentException("__ns must be an absolute namespace, got '" + ns + "'");
        GraphNames.requireLegal(ns);
        return GraphNames.canonical(ns);
    }

    private static String requireNodeName(String n) {
        if (n.isEmpty() || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("not a node name: '" + n + "'");
        return n;
    }

    /** As ROS 2 reads a command-line parameter value (YAML scalars): bool, integer, double, else string. */
    static Object typed(String v) {
        switch (v) {
            case "true", "True", "TRUE" -> {
                return true;
            }
            case "false", "False", "FALSE" -> {
                return false;
            }
            default -> { }
        }
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        try {
            long l = Long.parseLong(v);
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return (int) l;
            return (double) l;
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            if (v.matches("[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?)")) return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            // not a number
        }
        return v;
    }
}
