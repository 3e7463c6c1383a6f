package org.liquidpilot.ros.node;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.net.ConnectionGuard;
import org.liquidpilot.ros.tcpros.ConnectionHeader;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.RosApiException;
import org.liquidpilot.ros.xmlrpc.XmlRpcClient;
import org.liquidpilot.ros.xmlrpc.XmlRpcFault;
import org.liquidpilot.ros.xmlrpc.XmlRpcServer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A ROS node: slave XML-RPC server, one TCPROS server port for all its topics and services, the master link, and
 * a watchdog that re-registers everything when the master forgets the node (a restarted master).
 */
final class DefaultNode implements ConnectedNode {
    private static final Logger LOG = Logger.getLogger(DefaultNode.class.getName());
    static final long WATCHDOG_PERIOD_MS = 500;

    private final NodeConfiguration config;
    private final String name;
    private final String namespace;
    private final Map<String, String> remappings = new LinkedHashMap<>();
    private final URI masterUri;
    private final XmlRpcClient master;
    private final XmlRpcClient watchdogMaster;
    private final XmlRpcServer slave;
    private final URI slaveUri;
    private final ServerSocketChannel tcpros;
    private final String host;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final Map<String, PublisherImpl<?>> publishers = new ConcurrentHashMap<>();
    private final Map<String, SubscriberImpl<?>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, ServiceServerImpl<?, ?>> services = new ConcurrentHashMap<>();
    private final ParameterTreeImpl parameters = new ParameterTreeImpl(this);
    private final AtomicInteger connectionIds = new AtomicInteger();
    /**
     * Connections on the TCPROS port that have not become a subscriber session: handshakes in progress and service
     * sessions. Completed subscriber sessions leave it (their publisher counts them), so held handshakes can
     * never keep a new subscriber out.
     */
    private final ConnectionGuard tcprosGuard;
    /** TCPROS connections held at once (handshakes and service sessions), from one address, kept for this host. */
    static final ConnectionGuard.Limits TCPROS_LIMITS = new ConnectionGuard.Limits(128, 96, 16);
    /** A TCPROS connection header must arrive complete within this after the connection is accepted. */
    static final long HANDSHAKE_MS = 5_000;
    /** A service request frame must arrive within this after its first byte; an answer must be taken within it. */
    static final long SERVICE_FRAME_MS = 10_000;
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final Rosout log;
    private volatile NodeMain main;
    private volatile Instant simTime;
    private volatile boolean masterReachable = true;

    DefaultNode(NodeConfiguration config) throws IOException {
        this.config = config;
        this.name = config.fullName();
        this.namespace = GraphNames.parent(name);
        for (Map.Entry<String, String> e : config.remappings().entrySet()) {
            remappings.put(GraphNames.resolve(namespace, name, e.getKey()), GraphNames.resolve(namespace, name, e.getValue()));
        }
        this.masterUri = config.masterUri();
        this.host = config.host();
        this.master = new XmlRpcClient(masterUri, 2_000, 10_000);
        this.watchdogMaster = new XmlRpcClient(masterUri, 500, 1_000);
        InetAddress bind = bindAddress(host);
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ros-node-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ros-node-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.slave = new XmlRpcServer(this::handleSlave, bind, 0, "ros-slave");
        this.slaveUri = URI.create("http://" + host + ":" + slave.port() + "/");
        this.tcprosGuard = new ConnectionGuard(name + "-tcpros", TCPROS_LIMITS);
        this.tcpros = ServerSocketChannel.open();
        tcpros.bind(new InetSocketAddress(bind, 0), 128);
        io.execute(this::acceptLoop);
        try {
            master.call("getUri", name);
        } catch (IOException | XmlRpcFault e) {
            closeSockets();
            throw new IOException("cannot reach the ROS master at " + masterUri + ": " + e.getMessage(), e);
        }
        this.log = new Rosout(this);
        log.serveLoggerLevels();
        for (Map.Entry<String, Object> p : config.privateParams().entrySet()) parameters.set(p.getKey(), p.getValue());
        Object useSimTime = parameters.get("/use_sim_time");
        if (Boolean.TRUE.equals(useSimTime)) {
            newSubscriber("/clock", GraphMessages.CLOCK, SubscriberOptions.DEFAULT.withQueueSize(1))
                    .addMessageListener(t -> simTime = t);
            simTime = Instant.EPOCH;
        }
        timer.scheduleWithFixedDelay(this::watchdog, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private static InetAddress bindAddress(String host) throws IOException {
        InetAddress a = InetAddress.getByName(host);
        if (a.isLoopbackAddress()) return a;
        return new InetSocketAddress(0).getAddress(); // any address: the advertised name may map to another interface
    }

    void setMain(NodeMain main) {
        this.main = main;
    }

    // ---- names ----

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String resolveName(String n) {
        String r = GraphNames.resolve(namespace, name, n);
        return remappings.getOrDefault(r, r);
    }

    @Override
    public URI getMasterUri() {
        return masterUri;
    }

    @Override
    public URI getUri() {
        return slaveUri;
    }

    /** The TCPROS port's handshakes and service sessions (tests read its counts). */
    ConnectionGuard tcprosConnections() {
        return tcprosGuard;
    }

    /** The slave API's server (tests read its connection counts). */
    XmlRpcServer slaveServer() {
        return slave;
    }

    int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    // ---- master calls ----

    Object masterRaw(String method, Object... args) throws IOException {
        List<Object> all = new ArrayList<>(args.length + 1);
        all.add(name);
        all.addAll(Arrays.asList(args));
        try {
            return master.call(method, all);
        } catch (XmlRpcFault f) {
            throw new IOException("master fault on " + method + ": " + f.getMessage());
        }
    }

    Object masterValue(String method, Object... args) throws IOException, RosApiException {
        return RosApi.value(masterRaw(method, args));
    }

    // ---- topics and services ----

    @Override
    public <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec, PublisherOptions options) {
        checkRunning();
        String resolved = resolveName(topic);
        PublisherImpl<T> p = new PublisherImpl<>(this, resolved, codec, options);
        if (publishers.putIfAbsent(resolved, p) != null) {
            throw new IllegalStateException("this node already publishes " + resolved + "; share that publisher");
        }
        try {
            masterValue("registerPublisher", resolved, codec.type(), slaveUri.toString());
        } catch (IOException | RosApiException e) {
            publishers.remove(resolved);
            throw new IllegalStateException("cannot register publisher of " + resolved + ": " + e.getMessage(), e);
        }
        return p;
    }

    @Override
    public <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options) {
        checkRunning();
        String resolved = resolveName(topic);
        SubscriberImpl<T> s = new SubscriberImpl<>(this, resolved, codec, options);
        if (subscribers.putIfAbsent(resolved, s) != null) {
            throw new IllegalStateException("this node already subscribes to " + resolved + "; add a listener to that subscriber");
        }
        try {
            Object pubs = masterValue("registerSubscriber", resolved, codec.type(), slaveUri.toString());
            s.updatePublishers((List<?>) pubs);
        } catch (IOException | RosApiException | ClassCastException e) {
            subscribers.remove(resolved);
            throw new IllegalStateException("cannot subscribe to " + resolved + ": " + e.getMessage(), e);
        }
        return s;
    }

    @Override
    public <Q, R> ServiceServer newServiceServer(String serviceName, ServiceType<Q, R> type, ServiceHandler<Q, R> handler) {
        checkRunning();
        String resolved = resolveName(serviceName);
        ServiceServerImpl<Q, R> s = new ServiceServerImpl<>(this, resolved, type, handler);
        if (services.putIfAbsent(resolved, s) != null) throw new IllegalStateException("this node already provides " + resolved);
        try {
            masterValue("registerService", resolved, serviceUri(), slaveUri.toString());
        } catch (IOException | RosApiException e) {
            services.remove(resolved);
            throw new IllegalStateException("cannot register service " + resolved + ": " + e.getMessage(), e);
        }
        return s;
    }

    @Override
    public <Q, R> ServiceClient<Q, R> newServiceClient(String serviceName, ServiceType<Q, R> type) {
        checkRunning();
        return new ServiceClientImpl<>(this, resolveName(serviceName), type);
    }

    private int tcprosPort() {
        return tcpros.socket().getLocalPort();
    }

    private String serviceUri() {
        return "rosrpc://" + host + ":" + tcprosPort();
    }

    void removePublisher(PublisherImpl<?> p) {
        if (publishers.remove(p.getTopicName(), p)) {
            quietly("unregisterPublisher", p.getTopicName(), slaveUri.toString());
        }
    }

    void removeSubscriber(SubscriberImpl<?> s) {
        if (subscribers.remove(s.getTopicName(), s)) {
            quietly("unregisterSubscriber", s.getTopicName(), slaveUri.toString());
        }
    }

    void removeService(ServiceServerImpl<?, ?> s) {
        if (services.remove(s.getName(), s)) quietly("unregisterService", s.getName(), serviceUri());
    }

    private void quietly(String method, Object... args) {
        try {
            masterRaw(method, args);
        } catch (IOException e) {
            LOG.log(Level.FINE, method + " failed", e);
        }
    }

    private void checkRunning() {
        if (shutdown.get()) throw new IllegalStateException("node " + name + " is shut down");
    }

    Iterable<String> publishedTopics() {
        return publishers.keySet();
    }

    // ---- TCPROS server ----

    private void acceptLoop() {
        while (!shutdown.get()) {
            try {
                SocketChannel s = tcpros.accept();
                InetAddress remote = s.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
                ConnectionGuard.Slot slot = tcprosGuard.admit(s, remote, HANDSHAKE_MS);
                if (slot == null) continue; // every held connection is busy being answered
                io.execute(() -> {
                    try {
                        serveTcpRos(s, slot);
                    } finally {
                        slot.release();
                    }
                });
            } catch (IOException e) {
                if (!shutdown.get()) LOG.log(Level.FINE, "TCPROS accept failed", e);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serveTcpRos(SocketChannel channel, ConnectionGuard.Slot slot) {
        boolean handedOver = false;
        Socket s = channel.socket();
        try {
            s.setSoTimeout((int) HANDSHAKE_MS + 1_000); // the guard closes it at HANDSHAKE_MS; this is a backstop
            BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 16 << 10);
            ConnectionHeader h = ConnectionHeader.read(in);
            slot.busy(SERVICE_FRAME_MS);
            if (h.has("service")) {
                ServiceServerImpl<?, ?> service = services.get(h.get("service"));
                if (service == null) {
                    reject(s, "request for unknown service [" + h.get("service") + "]");
                    return;
                }
                s.setSoTimeout(0);
                service.serve(s, h, in, slot);
                return;
            }
            for (String required : List.of("topic", "md5sum", "callerid")) {
                if (!h.has(required)) {
                    reject(s, "Missing required '" + required + "' field");
                    return;
                }
            }
            PublisherImpl<?> p = publishers.get(h.get("topic"));
            if (p == null) {
                reject(s, "received request for unknown topic [" + h.get("topic") + "]");
                return;
            }
            String refusal = p.check(h);
            if (refusal != null) {
                reject(s, refusal);
                return;
            }
            s.getOutputStream().write(p.replyHeader().encode());
            if ("1".equals(h.get("tcp_nodelay"))) s.setTcpNoDelay(true);
            s.setSoTimeout(0);
            slot.release(); // a subscriber session now: its publisher counts it, the handshake cap does not
            p.addSubscriber(channel, h.get("callerid"));
            handedOver = true;
            // rospy subscribers never write after the header; reading here notices them going away early
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "TCPROS connection failed", e);
        } finally {
            if (!handedOver) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static void reject(Socket s, String error) throws IOException {
        s.getOutputStream().write(ConnectionHeader.error(error).encode());
        s.getOutputStream().flush();
    }

    // ---- slave API ----

    private Object handleSlave(String method, List<Object> p) throws XmlRpcFault {
        try {
            return switch (method) {
                case "getPid" -> RosApi.ok("", (int) ProcessHandle.current().pid());
                case "getMasterUri" -> RosApi.ok("", masterUri.toString());
                case "getBusStats" -> RosApi.ok("", busStats());
                case "getBusInfo" -> RosApi.ok("bus info", busInfo());
                case "getSubscriptions" -> RosApi.ok("subscriptions", topicList(subscribers));
                case "getPublications" -> RosApi.ok("publications", topicList(publishers));
                case "shutdown" -> {
                    String reason = p.size() > 1 ? String.valueOf(p.get(1)) : "";
                    LOG.info(() -> name + ": shutdown requested by " + p.get(0) + " " + reason);
                    timer.execute(this::shutdown);
                    yield RosApi.ok("shutdown", 0);
                }
                case "publisherUpdate" -> {
                    String topic = RosApi.string(p, 1, "topic");
                    List<?> pubs = RosApi.list(p, 2, "publishers");
                    SubscriberImpl<?> s = subscribers.get(GraphNames.canonical(topic));
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
        if (!publishers.containsKey(GraphNames.canonical(topic))) return RosApi.error("Not a publisher of [" + topic + "]", List.of());
        for (Object proto : protocols) {
            if (proto instanceof List<?> l && !l.isEmpty() && "TCPROS".equals(l.get(0))) {
                return RosApi.ok("ready on " + host + ":" + tcprosPort(), List.of("TCPROS", host, tcprosPort()));
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
        for (PublisherImpl<?> p : publishers.values()) {
            List<Object> conns = new ArrayList<>();
            long total = 0;
            for (PublisherConnection c : p.connections()) {
                conns.add(List.of(c.id(), (int) Math.min(Integer.MAX_VALUE, c.bytesSent()), (int) Math.min(Integer.MAX_VALUE, c.messagesSent()), c.connected()));
                total += c.bytesSent();
            }
            pubStats.add(List.of(p.getTopicName(), (int) Math.min(Integer.MAX_VALUE, total), conns));
        }
        List<Object> subStats = new ArrayList<>();
        for (SubscriberImpl<?> s : subscribers.values()) {
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
        for (PublisherImpl<?> p : publishers.values()) {
            for (PublisherConnection c : p.connections()) {
                out.add(List.of(c.id(), c.subscriberId(), "o", "TCPROS", p.getTopicName(), c.connected(), c.describe()));
            }
        }
        for (SubscriberImpl<?> s : subscribers.values()) {
            for (SubscriberConnection<?> c : s.connections()) {
                out.add(List.of(c.id(), c.publisherApi(), "i", "TCPROS", s.getTopicName(), c.connected(),
                        "TCPROS connection to [" + c.publisherId() + "]"));
            }
        }
        return out;
    }

    // ---- master restarts ----

    /** Re-registers everything when the master no longer knows this node (it restarted). */
    private void watchdog() {
        if (shutdown.get()) return;
        try {
            Object r = watchdogMaster.call("lookupNode", name, name);
            masterReachable = true;
            if (RosApi.code(r) != RosApi.SUCCESS && !(publishers.isEmpty() && subscribers.isEmpty() && services.isEmpty())) {
                LOG.info(() -> name + ": the master at " + masterUri + " does not know this node; registering again");
                reregister();
            }
        } catch (IOException | XmlRpcFault e) {
            if (masterReachable) LOG.log(Level.FINE, () -> name + ": master at " + masterUri + " unreachable: " + e.getMessage());
            masterReachable = false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": watchdog failed", e);
        }
    }

    private void reregister() {
        try {
            for (PublisherImpl<?> p : publishers.values()) {
                masterValue("registerPublisher", p.getTopicName(), p.getTopicType(), slaveUri.toString());
            }
            for (SubscriberImpl<?> s : subscribers.values()) {
                Object pubs = masterValue("registerSubscriber", s.getTopicName(), s.getTopicType(), slaveUri.toString());
                if (pubs instanceof List<?> l) s.updatePublishers(l, false); // keep live connections the new master does not know
            }
            for (ServiceServerImpl<?, ?> s : services.values()) {
                masterValue("registerService", s.getName(), serviceUri(), slaveUri.toString());
            }
            parameters.resubscribe();
        } catch (IOException | RosApiException e) {
            LOG.log(Level.FINE, () -> name + ": re-registration failed, will retry: " + e.getMessage());
        }
    }

    // ---- parameters, log, time ----

    @Override
    public ParameterTree getParameterTree() {
        return parameters;
    }

    @Override
    public RosLog getLog() {
        return log;
    }

    @Override
    public Instant getCurrentTime() {
        Instant sim = simTime;
        return sim != null ? sim : Instant.now();
    }

    @Override
    public boolean isShutdown() {
        return shutdown.get();
    }

    @Override
    public void shutdown() {
        if (!shutdown.compareAndSet(false, true)) return;
        NodeMain m = main;
        if (m != null) {
            try {
                m.onShutdown(this);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": onShutdown failed", e);
            }
        }
        timer.shutdownNow();
        for (SubscriberImpl<?> s : new ArrayList<>(subscribers.values())) {
            quietly("unregisterSubscriber", s.getTopicName(), slaveUri.toString());
            s.closeConnections();
        }
        for (PublisherImpl<?> p : new ArrayList<>(publishers.values())) {
            quietly("unregisterPublisher", p.getTopicName(), slaveUri.toString());
            p.closeConnections();
        }
        for (ServiceServerImpl<?, ?> s : new ArrayList<>(services.values())) {
            quietly("unregisterService", s.getName(), serviceUri());
        }
        for (String key : parameters.subscribedKeys()) quietly("unsubscribeParam", slaveUri.toString(), key);
        subscribers.clear();
        publishers.clear();
        services.clear();
        closeSockets();
    }

    private void closeSockets() {
        shutdown.set(true);
        slave.close();
        try {
            tcpros.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        tcprosGuard.close();
        master.close();
        watchdogMaster.close();
        io.shutdownNow();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "Node[" + name + " at " + slaveUri + "]";
    }

    /** The node's log: /rosout for INFO and above (as rospy), java.util.logging for everything. */
    private static final class Rosout implements RosLog {
        private final DefaultNode node;
        private final Logger jul;
        private final Publisher<GraphMessages.LogLine> publisher;
        private final AtomicInteger seq = new AtomicInteger();

        Rosout(DefaultNode node) {
            this.node = node;
            this.jul = Logger.getLogger("ros" + node.name.replace('/', '.'));
            Publisher<GraphMessages.LogLine> p;
            try {
                p = node.newPublisher("/rosout", GraphMessages.LOG, new PublisherOptions(true, 100));
            } catch (IllegalStateException e) {
                throw new UncheckedIOException(new IOException(e.getMessage()));
            }
            this.publisher = p;
        }

        /** The lowest level logged, as roscpp's {@code ~set_logger_level} sets it; INFO by default. */
        private volatile byte minLevel = GraphMessages.INFO;

        /** {@code ~get_loggers} and {@code ~set_logger_level}, as every roscpp node offers them (rosconsole, rqt). */
        void serveLoggerLevels() {
            node.newServiceServer("~get_loggers", org.liquidpilot.ros.msg.roscpp.LoggerServices.GET_LOGGERS,
                    req -> new org.liquidpilot.ros.msg.roscpp.LoggerServices.GetLoggersResponse(
                            List.of(new org.liquidpilot.ros.msg.roscpp.LoggerServices.Logger(jul.getName(), levelName(minLevel)))));
            node.newServiceServer("~set_logger_level", org.liquidpilot.ros.msg.roscpp.LoggerServices.SET_LOGGER_LEVEL, req -> {
                if (!req.logger().equals(jul.getName())) throw new IllegalArgumentException("no logger '" + req.logger() + "' (this node has " + jul.getName() + ")");
                minLevel = levelOf(req.level());
                jul.setLevel(minLevel == GraphMessages.DEBUG ? Level.FINE : Level.INFO);
                return new org.liquidpilot.ros.msg.roscpp.LoggerServices.SetLoggerLevelResponse();
            });
        }

        static String levelName(byte level) {
            return switch (level) {
                case GraphMessages.DEBUG -> "debug";
                case GraphMessages.INFO -> "info";
                case GraphMessages.WARN -> "warn";
                case GraphMessages.ERROR -> "error";
                default -> "fatal";
            };
        }

        static byte levelOf(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "debug" -> GraphMessages.DEBUG;
                case "info" -> GraphMessages.INFO;
                case "warn" -> GraphMessages.WARN;
                case "error" -> GraphMessages.ERROR;
                case "fatal" -> GraphMessages.FATAL;
                default -> throw new IllegalArgumentException("level must be debug, info, warn, error or fatal, not '" + name + "'");
            };
        }

        private void log(byte level, Level julLevel, String message) {
            if (level < minLevel) return;
            jul.log(julLevel, message);
            if (node.isShutdown()) return;
            List<String> topics = new ArrayList<>();
            node.publishedTopics().forEach(topics::add);
            StackTraceElement caller = callerFrame();
            try {
                publisher.publish(new GraphMessages.LogLine(seq.incrementAndGet(), node.getCurrentTime(), level, node.name,
                        message, caller.getFileName() == null ? "" : caller.getFileName(), caller.getMethodName(),
                        Math.max(0, caller.getLineNumber()), topics));
            } catch (IllegalStateException closed) {
                // the node is shutting down
            }
        }

        private static StackTraceElement callerFrame() {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            return stack.length > 3 ? stack[3] : stack[stack.length - 1];
        }

        @Override
        public void debug(String message) {
            log(GraphMessages.DEBUG, Level.FINE, message);
        }

        @Override
        public void info(String message) {
            log(GraphMessages.INFO, Level.INFO, message);
        }

        @Override
        public void warn(String message) {
            log(GraphMessages.WARN, Level.WARNING, message);
        }

        @Override
        public void error(String message) {
            log(GraphMessages.ERROR, Level.SEVERE, message);
        }

        @Override
        public void fatal(String message) {
            log(GraphMessages.FATAL, Level.SEVERE, message);
        }
    }
}
