package org.liquidpilot.ros.node;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.XmlRpcFault;
import org.liquidpilot.ros.xmlrpc.XmlRpcServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The node's slave XML-RPC API, the one the master and other nodes call: requestTopic (which points subscribers at
 * the TCPROS port), publisherUpdate, paramUpdate, the bus statistics and bus info rosnode shows, getPid,
 * getMasterUri, the publication and subscription lists, and shutdown. It owns the XML-RPC server, with that server's
 * own connection guard and byte budget; what it reports is read from the node's endpoints, and a shutdown request is
 * handed to the node rather than run on the server's thread.
 */
final class SlaveApi {
    private static final Logger LOG = Logger.getLogger(SlaveApi.class.getName());

    private final String name;
    private final URI masterUri;
    private final LocalEndpoints endpoints;
    private final TcpRosServer tcpros;
    private final ParameterTreeImpl parameters;
    private final Runnable shutdownRequest;
    private final XmlRpcServer server;
    private final URI uri;

    SlaveApi(String name, URI masterUri, String host, InetAddress bind, LocalEndpoints endpoints, TcpRosServer tcpros,
             ParameterTreeImpl parameters, Runnable shutdownRequest) throws IOException {
        this.name = name;
        this.masterUri = masterUri;
        this.endpoints = endpoints;
        this.tcpros = tcpros;
        this.parameters = parameters;
        this.shutdownRequest = shutdownRequest;
        this.server = new XmlRpcServer(this::handle, bind, 0, "ros-slave");
        this.uri = URI.create("http://" + host + ":" + server.port() + "/");
    }

    /** This node's slave API address, the caller_api of every master call. */
    URI uri() {
        return uri;
    }

    /** The XML-RPC server (tests read its connection counts). */
    XmlRpcServer server() {
        return server;
    }

    void close() {
        server.close();
    }

    private Object handle(String method, List<Object> p) throws XmlRpcFault {
        try {
            return switch (method) {
                case "getPid" -> RosApi.ok("", (int) ProcessHandle.current().pid());
                case "getMasterUri" -> RosApi.ok("", masterUri.toString());
                case "getBusStats" -> RosApi.ok("", busStats());
                case "getBusInfo" -> RosApi.ok("bus info", busInfo());
                case "getSubscriptions" -> RosApi.ok("subscriptions", topicList(endpoints.subscribers));
                case "getPublications" -> RosApi.ok("publications", topicList(endpoints.publishers));
                case "shutdown" -> {
                    String reason = p.size() > 1 ? String.valueOf(p.get(1)) : "";
                    LOG.info(() -> name + ": shutdown requested by " + p.get(0) + " " + reason);
                    shutdownRequest.run();
                    yield RosApi.ok("shutdown", 0);
                }
                case "publisherUpdate" -> {
                    String topic = RosApi.string(p, 1, "topic");
                    List<?> pubs = RosApi.list(p, 2, "publishers");
                    SubscriberImpl<?> s = endpoints.subscribers.get(GraphNames.canonical(topic));
                    if (s != null) s.updatePublishers(pubs);
                    yield RosApi.ok("", 0);
                }
                case "paramUpdate" -> {
                    String key = RosApi.string(p, 1, "key");
                    Object value = RosApi.arg(p, 2, "value");
                    yield parameters.update(key, value) ? RosApi.ok("", 0) : RosApi.error("not subscribed", 0);
                }
                case "requestTopic" -> requestTopic(RosApi.string(p, 1, "topic"), RosApi.list(p, 2, "protocols"));
                default -> throw new XmlRpcFault(-32601, "method [" + method + "] is not supported by this node");
            };
        } catch (IllegalArgumentException e) {
            return RosApi.error(e.getMessage(), 0);
        }
    }

    private List<Object> requestTopic(String topic, List<?> protocols) {
        if (!endpoints.publishers.containsKey(GraphNames.canonical(topic))) return RosApi.error("Not a publisher of [" + topic + "]", List.of());
        for (Object proto : protocols) {
            if (proto instanceof List<?> l && !l.isEmpty() && "TCPROS".equals(l.get(0))) {
                return RosApi.ok("ready on " + tcpros.host() + ":" + tcpros.port(), List.of("TCPROS", tcpros.host(), tcpros.port()));
            }
        }
        return RosApi.failure("no supported protocol implementations", List.of());
    }

    private static List<Object> topicList(Map<String, ?> table) {
        List<Object> out = new ArrayList<>();
        table.forEach((t, v) -> out.add(List.of(t, v instanceof Publisher<?> p ? p.getTopicType() : ((Subscriber<?>) v).getTopicType())));
        return out;
    }

    private List<Object> busStats() {
        List<Object> pubStats = new ArrayList<>();
        for (PublisherImpl<?> p : endpoints.publishers.values()) {
            List<Object> conns = new ArrayList<>();
            long total = 0;
            for (PublisherConnection c : p.connections()) {
                conns.add(List.of(c.id(), (int) Math.min(Integer.MAX_VALUE, c.bytesSent()), (int) Math.min(Integer.MAX_VALUE, c.messagesSent()), c.connected()));
                total += c.bytesSent();
            }
            pubStats.add(List.of(p.getTopicName(), (int) Math.min(Integer.MAX_VALUE, total), conns));
        }
        List<Object> subStats = new ArrayList<>();
        for (SubscriberImpl<?> s : endpoints.subscribers.values()) {
            List<Object> conns = new ArrayList<>();
            for (SubscriberConnection<?> c : s.connections()) {
                conns.add(List.of(c.id(), (int) Math.min(Integer.MAX_VALUE, c.bytesReceived()), -1, c.connected()));
            }
            subStats.add(List.of(s.getTopicName(), conns));
        }
        return List.of(pubStats, subStats, List.of(0, 0, 0));
    }

    private List<Object> busInfo() {
        List<Object> out = new ArrayList<>();
        for (PublisherImpl<?> p : endpoints.publishers.values()) {
            for (PublisherConnection c : p.connections()) {
                out.add(List.of(c.id(), c.subscriberId(), "o", "TCPROS", p.getTopicName(), c.connected(), c.describe()));
            }
        }
        for (SubscriberImpl<?> s : endpoints.subscribers.values()) {
            for (SubscriberConnection<?> c : s.connections()) {
                out.add(List.of(c.id(), c.publisherApi(), "i", "TCPROS", s.getTopicName(), c.connected(),
                        "TCPROS connection to [" + c.publisherId() + "]"));
            }
        }
        return out;
    }
}
