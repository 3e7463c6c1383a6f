package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.net.ConnectionGuard;
import org.liquidpilot.ros.xmlrpc.RosApiException;
import org.liquidpilot.ros.xmlrpc.XmlRpcServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A ROS node, as rosjava splits one into roles: {@link NameResolver} (graph names), {@link LocalEndpoints} (this
 * node's publishers, subscribers and services), {@link TcpRosServer} (one TCPROS port for all of them),
 * {@link SlaveApi} (the XML-RPC API other nodes and the master call), {@link MasterRegistration} (master calls and
 * the watchdog that registers everything again when a restarted master forgets the node) and {@link RosoutLog}.
 * This class wires them up, implements {@link ConnectedNode} over them and owns the node's lifecycle: start-up,
 * the watchdog's thread, sim time, and the order of shutdown.
 */
final class DefaultNode implements ConnectedNode {
    private static final Logger LOG = Logger.getLogger(DefaultNode.class.getName());

    private final NameResolver names;
    private final URI masterUri;
    private final LocalEndpoints endpoints = new LocalEndpoints();
    private final ParameterTreeImpl parameters = new ParameterTreeImpl(this);
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final TcpRosServer tcpros;
    private final SlaveApi slave;
    private final MasterRegistration master;
    private final RosoutLog log;
    private volatile NodeMain main;
    private volatile Instant simTime;

    DefaultNode(NodeConfiguration config) throws IOException {
        this.names = new NameResolver(config.fullName(), config.remappings());
        this.masterUri = config.masterUri();
        String host = config.host();
        InetAddress bind = bindAddress(host);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ros-node-watchdog");
            t.setDaemon(true);
            return t;
        });
        this.tcpros = new TcpRosServer(names.name(), host, bind, endpoints, shutdown::get);
        this.slave = new SlaveApi(names.name(), masterUri, host, bind, endpoints, tcpros, parameters, () -> timer.execute(this::shutdown));
        this.master = new MasterRegistration(names.name(), masterUri, slave.uri().toString(), tcpros.serviceUri(), endpoints, parameters, shutdown::get);
        tcpros.start();
        try {
            master.checkReachable();
        } catch (IOException e) {
            closeSockets();
            throw e;
        }
        this.log = new RosoutLog(this, endpoints);
        log.serveLoggerLevels();
        for (Map.Entry<String, Object> p : config.privateParams().entrySet()) parameters.set(p.getKey(), p.getValue());
        Object useSimTime = parameters.get("/use_sim_time");
        if (Boolean.TRUE.equals(useSimTime)) {
            newSubscriber("/clock", GraphMessages.CLOCK, SubscriberOptions.DEFAULT.withQueueSize(1))
                    .addMessageListener(t -> simTime = t);
            simTime = Instant.EPOCH;
        }
        master.startWatchdog(timer);
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
        return names.name();
    }

    @Override
    public String getNamespace() {
        return names.namespace();
    }

    @Override
    public String resolveName(String n) {
        return names.resolve(n);
    }

    @Override
    public URI getMasterUri() {
        return masterUri;
    }

    @Override
    public URI getUri() {
        return slave.uri();
    }

    /** The TCPROS port's handshakes and service sessions (tests read its counts). */
    ConnectionGuard tcprosConnections() {
        return tcpros.connections();
    }

    /** The slave API's server (tests read its connection counts). */
    XmlRpcServer slaveServer() {
        return slave.server();
    }

    int nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    // ---- master calls (the parameter tree's and service clients') ----

    Object masterRaw(String method, Object... args) throws IOException {
        return master.raw(method, args);
    }

    Object masterValue(String method, Object... args) throws IOException, RosApiException {
        return master.value(method, args);
    }

    // ---- topics and services ----

    @Override
    public <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec, PublisherOptions options) {
        checkRunning();
        String resolved = resolveName(topic);
        PublisherImpl<T> p = new PublisherImpl<>(this, resolved, codec, options);
        if (endpoints.publishers.putIfAbsent(resolved, p) != null) {
            throw new IllegalStateException("this node already publishes " + resolved + "; share that publisher");
        }
        try {
            master.registerPublisher(resolved, codec.type());
        } catch (IOException | RosApiException e) {
            endpoints.publishers.remove(resolved);
            throw new IllegalStateException("cannot register publisher of " + resolved + ": " + e.getMessage(), e);
        }
        return p;
    }

    @Override
    public <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options) {
        return subscribe(topic, codec, options, null);
    }

    /** Delivers each frame's bytes straight from the connection's receive buffer: no decode, no copy, no queue. */
    @Override
    public <T> Subscriber<T> newSerializedSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options,
                                                     SerializedMessageListener listener) {
        return subscribe(topic, codec, options, java.util.Objects.requireNonNull(listener, "listener"));
    }

    private <T> Subscriber<T> subscribe(String topic, MessageCodec<T> codec, SubscriberOptions options, SerializedMessageListener serialized) {
        checkRunning();
        String resolved = resolveName(topic);
        SubscriberImpl<T> s = new SubscriberImpl<>(this, resolved, codec, options, serialized);
        if (endpoints.subscribers.putIfAbsent(resolved, s) != null) {
            throw new IllegalStateException("this node already subscribes to " + resolved + "; add a listener to that subscriber");
        }
        try {
            Object pubs = master.registerSubscriber(resolved, codec.type());
            s.updatePublishers((List<?>) pubs);
        } catch (IOException | RosApiException | ClassCastException e) {
            endpoints.subscribers.remove(resolved);
            throw new IllegalStateException("cannot subscribe to " + resolved + ": " + e.getMessage(), e);
        }
        return s;
    }

    @Override
    public <Q, R> ServiceServer newServiceServer(String serviceName, ServiceType<Q, R> type, ServiceHandler<Q, R> handler) {
        checkRunning();
        String resolved = resolveName(serviceName);
        ServiceServerImpl<Q, R> s = new ServiceServerImpl<>(this, resolved, type, handler);
        if (endpoints.services.putIfAbsent(resolved, s) != null) throw new IllegalStateException("this node already provides " + resolved);
        try {
            master.registerService(resolved);
        } catch (IOException | RosApiException e) {
            endpoints.services.remove(resolved);
            throw new IllegalStateException("cannot register service " + resolved + ": " + e.getMessage(), e);
        }
        return s;
    }

    @Override
    public <Q, R> ServiceClient<Q, R> newServiceClient(String serviceName, ServiceType<Q, R> type) {
        checkRunning();
        return new ServiceClientImpl<>(this, resolveName(serviceName), type);
    }

    void removePublisher(PublisherImpl<?> p) {
        if (endpoints.publishers.remove(p.getTopicName(), p)) master.unregisterPublisher(p.getTopicName());
    }

    void removeSubscriber(SubscriberImpl<?> s) {
        if (endpoints.subscribers.remove(s.getTopicName(), s)) master.unregisterSubscriber(s.getTopicName());
    }

    void removeService(ServiceServerImpl<?, ?> s) {
        if (endpoints.services.remove(s.getName(), s)) master.unregisterService(s.getName());
    }

    private void checkRunning() {
        if (shutdown.get()) throw new IllegalStateException("node " + getName() + " is shut down");
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

    // ---- shutdown ----

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
                LOG.log(Level.WARNING, getName() + ": onShutdown failed", e);
            }
        }
        timer.shutdownNow(); // no re-registration from here on
        for (SubscriberImpl<?> s : new ArrayList<>(endpoints.subscribers.values())) {
            master.unregisterSubscriber(s.getTopicName());
            s.closeConnections();
        }
        for (PublisherImpl<?> p : new ArrayList<>(endpoints.publishers.values())) {
            master.unregisterPublisher(p.getTopicName());
            p.closeConnections();
        }
        for (ServiceServerImpl<?, ?> s : new ArrayList<>(endpoints.services.values())) master.unregisterService(s.getName());
        for (String key : parameters.subscribedKeys()) master.unsubscribeParam(key);
        endpoints.clear();
        closeSockets();
    }

    private void closeSockets() {
        shutdown.set(true);
        slave.close();
        tcpros.close();
        master.close();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "Node[" + getName() + " at " + getUri() + "]";
    }
}
