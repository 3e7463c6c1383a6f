package org.liquidpilot.ros.master;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.XmlRpcFault;
import org.liquidpilot.ros.xmlrpc.XmlRpcServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A ROS1 master in the JVM: the registration API, the parameter server with subscribeParam/paramUpdate and the
 * publisherUpdate notifications, speaking the same XML-RPC as rosmaster so rospy, roscpp, rostopic and rosbag
 * use it as they would use {@code roscore}. Like rosmaster, a node that registers under a name already taken by
 * another address replaces it and the old one is told to shut down.
 */
public final class EmbeddedMaster implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMaster.class.getName());
    private static final String CALLER = "/master";

    private final XmlRpcServer server;
    private final URI uri;
    private final Object lock = new Object();
    private final Map<String, String> nodes = new HashMap<>();                     // caller id -> slave api
    private final Map<String, Map<String, String>> publishers = new TreeMap<>();   // topic -> caller -> api
    private final Map<String, Map<String, String>> subscribers = new TreeMap<>();
    private final Map<String, String[]> services = new TreeMap<>();                // service -> {caller, rosrpc uri, api}
    private final Map<String, String> topicTypes = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> paramSubscribers = new TreeMap<>(); // key -> caller -> api
    private final ParamTree params = new ParamTree();
    private final Notifier notifier = new Notifier("ros-master-notify");

    private EmbeddedMaster(InetAddress address, int port, String host, XmlRpcServer.Limits limits) throws IOException {
        this.server = new XmlRpcServer(this::handle, address, port, "ros-master", limits);
        this.uri = URI.create("http://" + host + ":" + server.port() + "/");
        params.set("/run_id", UUID.randomUUID().toString());
        params.set("/rosversion", "1.16.0\n");
        params.set("/rosdistro", "liquidpilot\n");
    }

    /** Starts a master on loopback; port 0 picks a free port. */
    public static EmbeddedMaster start(int port) throws IOException {
        return new EmbeddedMaster(InetAddress.getLoopbackAddress(), port, "127.0.0.1", XmlRpcServer.Limits.DEFAULT);
    }

    /** Starts a master bound to {@code address}, advertising {@code host} in its URI. */
    public static EmbeddedMaster start(InetAddress address, int port, String host) throws IOException {
        return new EmbeddedMaster(address, port, host, XmlRpcServer.Limits.DEFAULT);
    }

    /** As {@link #start(InetAddress, int, String)} with other connection, deadline and body-budget limits. */
    public static EmbeddedMaster start(InetAddress address, int port, String host, XmlRpcServer.Limits limits) throws IOException {
        return new EmbeddedMaster(address, port, host, limits);
    }

    /** The XML-RPC server (its connection counts and limits). */
    public XmlRpcServer server() {
        return server;
    }

    Notifier notifier() {
        return notifier;
    }

    public URI uri() {
        return uri;
    }

    public int port() {
        return server.port();
    }

    private Object handle(String method, List<Object> p) throws XmlRpcFault {
        try {
            String caller = RosApi.string(p, 0, "caller_id");
            return switch (method) {
                case "getUri" -> RosApi.ok("", uri.toString());
                case "getPid" -> RosApi.ok("", (int) ProcessHandle.current().pid());
                case "registerPublisher" -> registerPublisher(caller, topic(p, 1), str(p, 2), str(p, 3));
                case "unregisterPublisher" -> unregister(publishers, "publisher", caller, topic(p, 1), str(p, 2));
                case "registerSubscriber" -> registerSubscriber(caller, topic(p, 1), str(p, 2), str(p, 3));
                case "unregisterSubscriber" -> unregister(subscribers, "subscriber", caller, topic(p, 1), str(p, 2));
                case "registerService" -> registerService(caller, topic(p, 1), str(p, 2), str(p, 3));
                case "unregisterService" -> unregisterService(caller, topic(p, 1), str(p, 2));
                case "lookupService" -> lookupService(topic(p, 1));
                case "lookupNode" -> lookupNode(str(p, 1));
                case "getPublishedTopics" -> getPublishedTopics(str(p, 1));
                case "getTopicTypes" -> getTopicTypes();
                case "getSystemState" -> getSystemState();
                case "getParam" -> getParam(key(caller, p, 1));
                case "hasParam" -> {
                    String k = key(caller, p, 1);
                    synchronized (lock) {
                        yield RosApi.ok(k, params.has(k));
                    }
                }
                case "setParam" -> setParam(caller, key(caller, p, 1), RosApi.arg(p, 2, "value"));
                case "deleteParam" -> deleteParam(key(caller, p, 1));
                case "searchParam" -> searchParam(caller, str(p, 1));
                case "getParamNames" -> {
                    synchronized (lock) {
                        yield RosApi.ok("Parameter names", params.names());
                    }
                }
                case "subscribeParam" -> subscribeParam(caller, str(p, 1), key(caller, p, 2));
                case "unsubscribeParam" -> unsubscribeParam(caller, key(caller, p, 2));
                default -> throw new XmlRpcFault(-32601, "method [" + method + "] is not supported by this master");
            };
        } catch (IllegalArgumentException e) {
            return RosApi.error(e.getMessage(), 0);
        }
    }

    private static String str(List<Object> p, int i) {
        return RosApi.string(p, i, "argument " + i);
    }

    /** Topic and service names arrive resolved; canonicalise so "/a//b/" and "/a/b" are the same key. */
    private static String topic(List<Object> p, int i) {
        String name = str(p, i);
        GraphNames.requireLegal(name);
        return GraphNames.canonical(name);
    }

    /** Parameter keys may be relative: rosmaster resolves them in the caller's namespace. */
    private static String key(String caller, List<Object> p, int i) {
        String k = str(p, i);
        if (k.startsWith("~")) throw new IllegalArgumentException("private parameter names must be resolved by the caller: [" + k + "]");
        return GraphNames.resolve(GraphNames.parent(GraphNames.canonical(caller)), GraphNames.canonical(caller), k);
    }

    // ---- registrations ----

    private List<Object> registerPublisher(String caller, String topic, String type, String api) {
        List<String> subs;
        List<String> pubs;
        Map<String, String> subscriberApis;
        synchronized (lock) {
            claimNode(caller, api);
            publishers.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(caller, api);
            if (!type.equals("*")) topicTypes.put(topic, type);
            subscriberApis = subscribers.getOrDefault(topic, Map.of());
            subs = new ArrayList<>(subscriberApis.values());
            pubs = new ArrayList<>(publishers.get(topic).values());
        }
        notifyPublishers(topic, subs, pubs);
        return RosApi.ok("Registered [" + caller + "] as publisher of [" + topic + "]", subs);
    }

    private List<Object> registerSubscriber(String caller, String topic, String type, String api) {
        synchronized (lock) {
            claimNode(caller, api);
            subscribers.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(caller, api);
            if (!type.equals("*")) topicTypes.putIfAbsent(topic, type);
            List<String> pubs = new ArrayList<>(publishers.getOrDefault(topic, Map.of()).values());
            return RosApi.ok("Subscribed to [" + topic + "]", pubs);
        }
    }

    private List<Object> unregister(Map<String, Map<String, String>> table, String role, String caller, String topic, String api) {
        List<String> subs = null;
        List<String> pubs = null;
        synchronized (lock) {
            Map<String, String> regs = table.get(topic);
            if (regs == null || !api.equals(regs.get(caller))) {
                return RosApi.ok("[" + caller + "] is not a registered " + role + " of [" + topic + "]", 0);
            }
            regs.remove(caller);
            if (regs.isEmpty()) table.remove(topic);
            if (table == publishers) {
                subs = new ArrayList<>(subscribers.getOrDefault(topic, Map.of()).values());
                pubs = new ArrayList<>(publishers.getOrDefault(topic, Map.of()).values());
            }
            dropNodeIfIdle(caller);
        }
        if (subs != null) notifyPublishers(topic, subs, pubs);
        return RosApi.ok("Unregistered [" + caller + "] as provider of [" + topic + "]", 1);
    }

    private List<Object> registerService(String caller, String service, String serviceUri, String api) {
        synchronized (lock) {
            claimNode(caller, api);
            services.put(service, new String[] {caller, serviceUri, api});
        }
        return RosApi.ok("Registered [" + caller + "] as provider of [" + service + "]", 1);
    }

    private List<Object> unregisterService(String caller, String service, String serviceUri) {
        synchronized (lock) {
            String[] s = services.get(service);
            if (s == null || !s[1].equals(serviceUri)) {
                return RosApi.ok("[" + caller + "] is not a registered provider of [" + service + "]", 0);
            }
            services.remove(service);
            dropNodeIfIdle(caller);
        }
        return RosApi.ok("Unregistered [" + caller + "] as provider of [" + service + "]", 1);
    }

    private List<Object> lookupService(String service) {
        synchronized (lock) {
            String[] s = services.get(service);
            if (s == null) return RosApi.error("no provider", "");
            return RosApi.ok("rosrpc URI: [" + s[1] + "]", s[1]);
        }
    }

    private List<Object> lookupNode(String node) {
        synchronized (lock) {
            String api = nodes.get(GraphNames.canonical(node));
            if (api == null) return RosApi.error("unknown node [" + node + "]", "");
            return RosApi.ok("node api", api);
        }
    }

    private List<Object> getPublishedTopics(String subgraph) {
        String prefix = subgraph.isEmpty() ? "/" : GraphNames.canonical(subgraph);
        synchronized (lock) {
            List<Object> out = new ArrayList<>();
            for (String topic : publishers.keySet()) {
                if (prefix.equals("/") || topic.equals(prefix) || topic.startsWith(prefix + "/")) {
                    out.add(List.of(topic, topicTypes.getOrDefault(topic, "*")));
                }
            }
            return RosApi.ok("current topics", out);
        }
    }

    private List<Object> getTopicTypes() {
        synchronized (lock) {
            List<Object> out = new ArrayList<>();
            topicTypes.forEach((t, type) -> out.add(List.of(t, type)));
            return RosApi.ok("current system state", out);
        }
    }

    private List<Object> getSystemState() {
        synchronized (lock) {
            return RosApi.ok("current system state", List.of(state(publishers), state(subscribers), serviceState()));
        }
    }

    private static List<Object> state(Map<String, Map<String, String>> table) {
        List<Object> out = new ArrayList<>();
        table.forEach((topic, regs) -> out.add(List.of(topic, new ArrayList<>(regs.keySet()))));
        return out;
    }

    private List<Object> serviceState() {
        List<Object> out = new ArrayList<>();
        services.forEach((name, s) -> out.add(List.of(name, List.of(s[0]))));
        return out;
    }

    /** Records caller's address; a different address under the same name replaces the old node. */
    private void claimNode(String caller, String api) {
        String old = nodes.put(caller, api);
        if (old != null && !old.equals(api)) {
            LOG.info(() -> "node " + caller + " re-registered from " + api + "; shutting down the old one at " + old);
            dropRegistrations(caller, old);
            notifier.send(old, "shutdown", List.of(CALLER, "new node registered with same name"), null);
        }
    }

    private void dropRegistrations(String caller, String api) {
        for (Map<String, Map<String, String>> table : List.of(publishers, subscribers, paramSubscribers)) {
            table.values().forEach(regs -> regs.remove(caller, api));
            table.values().removeIf(Map::isEmpty);
        }
        services.values().removeIf(s -> s[0].equals(caller) && s[2].equals(api));
    }

    private void dropNodeIfIdle(String caller) {
        for (Map<String, Map<String, String>> table : List.of(publishers, subscribers, paramSubscribers)) {
            for (Map<String, String> regs : table.values()) if (regs.containsKey(caller)) return;
        }
        for (String[] s : services.values()) if (s[0].equals(caller)) return;
        nodes.remove(caller);
    }

    private void notifyPublishers(String topic, List<String> subscriberApis, List<String> publisherApis) {
        for (String api : subscriberApis) notifier.send(api, "publisherUpdate", List.of(CALLER, topic, publisherApis), topic);
    }

    // ---- parameters ----

    private List<Object> getParam(String key) {
        synchronized (lock) {
            Object v = params.get(key);
            if (v == null) return RosApi.error("Parameter [" + key + "] is not set", 0);
            return RosApi.ok("Parameter [" + key + "]", v);
        }
    }

    private List<Object> setParam(String caller, String key, Object value) {
        synchronized (lock) {
            params.set(key, value);
            paramChanged(key);
        }
        return RosApi.ok("parameter " + key + " set", 0);
    }

    private List<Object> deleteParam(String key) {
        synchronized (lock) {
            if (!params.delete(key)) return RosApi.error("parameter [" + key + "] is not set", 0);
            paramChanged(key);
        }
        return RosApi.ok("parameter " + key + " deleted", 0);
    }

    private List<Object> searchParam(String caller, String key) {
        synchronized (lock) {
            String found = params.search(GraphNames.parent(GraphNames.canonical(caller)), key);
            if (found == null) return RosApi.error("Cannot find parameter [" + key + "] in an upwards search", "");
            return RosApi.ok("Found [" + found + "]", found);
        }
    }

    private List<Object> subscribeParam(String caller, String api, String key) {
        synchronized (lock) {
            claimNode(caller, api);
            paramSubscribers.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(caller, api);
            Object v = params.get(key);
            return RosApi.ok("Subscribed to parameter [" + key + "]", v == null ? Map.of() : v);
        }
    }

    private List<Object> unsubscribeParam(String caller, String key) {
        synchronized (lock) {
            Map<String, String> subs = paramSubscribers.get(key);
            boolean removed = subs != null && subs.remove(caller) != null;
            if (subs != null && subs.isEmpty()) paramSubscribers.remove(key);
            if (removed) dropNodeIfIdle(caller);
            return RosApi.ok("Unsubscribe to parameter [" + key + "]", removed ? 1 : 0);
        }
    }

    /** Tells subscribers of the key, of its parents and of its children what changed (called under the lock). */
    private void paramChanged(String key) {
        for (Map.Entry<String, Map<String, String>> e : paramSubscribers.entrySet()) {
            String sub = e.getKey();
            String updatedKey;
            Object value;
            if (sub.equals(key) || key.startsWith(sub.equals("/") ? "/" : sub + "/")) {
                updatedKey = key;
                value = params.get(key);
            } else if (sub.startsWith(key.equals("/") ? "/" : key + "/")) {
                updatedKey = sub;
                value = params.get(sub);
            } else {
                continue;
            }
            Object v = value == null ? Map.of() : value;
            String slashed = updatedKey.endsWith("/") ? updatedKey : updatedKey + "/";
            for (String api : e.getValue().values()) notifier.send(api, "paramUpdate", List.of(CALLER, slashed, v), slashed);
        }
    }

    @Override
    public void close() {
        server.close();
        notifier.close();
    }

    @Override
    public String toString() {
        return "EmbeddedMaster[" + uri + "]";
    }
}
