package org.liquidpilot.ros.node;

import org.liquidpilot.ros.GraphNames;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and as what a node runs: master address, advertised host, namespace, name, remappings and private
 * parameters. {@link #fromArgs} applies ROS's command-line conventions ({@code __name:=}, {@code __ns:=},
 * {@code __master:=}, {@code __ip:=}/{@code __hostname:=}, {@code from:=to}, {@code _param:=value}) on top of
 * {@code ROS_MASTER_URI}, {@code ROS_IP}, {@code ROS_HOSTNAME} and {@code ROS_NAMESPACE}.
 *
 * @param name          the node's name; relative names go under the namespace
 * @param remappings    {@code from -> to}, both as written (resolved when the node starts)
 * @param privateParams {@code ~name -> value}, set on the parameter server when the node starts
 * @param otherArgs     the arguments that are not ROS conventions, in order
 */
public record NodeConfiguration(URI masterUri, String host, String namespace, String name,
                                Map<String, String> remappings, Map<String, Object> privateParams,
                                List<String> otherArgs) {

    public static final URI DEFAULT_MASTER = URI.create("http://localhost:11311/");

    public NodeConfiguration {
        if (masterUri == null || masterUri.getHost() == null || masterUri.getPort() <= 0) {
            throw new IllegalArgumentException("master URI must look like http://host:port/, got " + masterUri);
        }
        GraphNames.requireLegal(namespace);
        GraphNames.requireLegal(name);
        if (name.isEmpty() || name.startsWith("~")) throw new IllegalArgumentException("bad node name [" + name + "]");
        namespace = GraphNames.canonical(namespace);
        remappings = Map.copyOf(remappings);
        privateParams = Map.copyOf(privateParams);
        otherArgs = List.copyOf(otherArgs);
    }

    /** A loopback node named {@code name} for the master at {@code masterUri}. */
    public static NodeConfiguration forMaster(URI masterUri, String name) {
        return new NodeConfiguration(masterUri, "127.0.0.1", "/", name, Map.of(), Map.of(), List.of());
    }

    /** Reads the process environment and the command line. */
    public static NodeConfiguration fromArgs(String defaultName, String... args) {
        return fromArgs(defaultName, System.getenv(), args);
    }

    public static NodeConfiguration fromArgs(String defaultName, Map<String, String> env, String... args) {
        String master = env.get("ROS_MASTER_URI");
        String host = firstNonEmpty(env.get("ROS_HOSTNAME"), env.get("ROS_IP"));
        String ns = env.getOrDefault("ROS_NAMESPACE", "/");
        String name = defaultName;
        Map<String, String> remaps = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String arg : args) {
            int sep = arg.indexOf(":=");
            if (sep <= 0) {
                other.add(arg);
                continue;
            }
            String key = arg.substring(0, sep);
            String value = arg.substring(sep + 2);
            switch (key) {
                case "__name" -> name = value;
                case "__ns" -> ns = value;
                case "__master" -> master = value;
                case "__ip", "__hostname" -> host = value;
                case "__log" -> { /* log files are not written */ }
                default -> {
                    if (key.startsWith("__")) {
                        throw new IllegalArgumentException("unknown special argument " + key + ":=");
                    } else if (key.startsWith("_")) {
                        params.put("~" + key.substring(1), parseValue(value));
                    } else {
                        GraphNames.requireLegal(key);
                        GraphNames.requireLegal(value);
                        remaps.put(key, value);
                    }
                }
            }
        }
        URI masterUri;
        try {
            masterUri = master == null || master.isBlank() ? DEFAULT_MASTER : URI.create(master.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad ROS master URI [" + master + "]");
        }
        if (host == null || host.isBlank()) host = defaultHost(masterUri);
        if (!ns.startsWith("/")) ns = "/" + ns;
        return new NodeConfiguration(masterUri, host.trim(), ns, name, remaps, params, other);
    }

    /** The node's global name. */
    public String fullName() {
        return name.startsWith("/") ? GraphNames.canonical(name) : GraphNames.join(namespace, name);
    }

    public NodeConfiguration withName(String newName) {
        return new NodeConfiguration(masterUri, host, namespace, newName, remappings, privateParams, otherArgs);
    }

    public NodeConfiguration withNamespace(String newNamespace) {
        return new NodeConfiguration(masterUri, host, newNamespace, name, remappings, privateParams, otherArgs);
    }

    public NodeConfiguration withMasterUri(URI uri) {
        return new NodeConfiguration(uri, host, namespace, name, remappings, privateParams, otherArgs);
    }

    public NodeConfiguration withRemapping(String from, String to) {
        Map<String, String> r = new LinkedHashMap<>(remappings);
        r.put(from, to);
        return new NodeConfiguration(masterUri, host, namespace, name, r, privateParams, otherArgs);
    }

    public NodeConfiguration withPrivateParam(String key, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(privateParams);
        p.put(key.startsWith("~") ? key : "~" + key, value);
        return new NodeConfiguration(masterUri, host, namespace, name, remappings, p, otherArgs);
    }

    /** rosparam-style scalar typing of {@code _param:=value}: bool, int, float, else a string. */
    static Object parseValue(String v) {
        String t = v.trim();
        if (t.equals("true") || t.equals("True")) return Boolean.TRUE;
        if (t.equals("false") || t.equals("False")) return Boolean.FALSE;
        if (t.matches("[-+]?\\d{1,9}")) return Integer.parseInt(t);
        if (t.matches("[-+]?(\\d+\\.?\\d*([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?)")) return Double.parseDouble(t);
        if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return v;
    }

    private static String defaultHost(URI master) {
        String h = master.getHost();
        if (h.equals("localhost") || h.startsWith("127.")) return "127.0.0.1";
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
