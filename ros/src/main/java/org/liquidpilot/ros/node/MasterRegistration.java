package org.liquidpilot.ros.node;

import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.RosApiException;
import org.liquidpilot.ros.xmlrpc.XmlRpcClient;
import org.liquidpilot.ros.xmlrpc.XmlRpcFault;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's link to the master. Every master call goes through here with the node's name as caller id, and so do
 * the registrations of the node's publishers, subscribers and services, with its slave API and TCPROS service
 * addresses. It also owns the watchdog: every {@link #WATCHDOG_PERIOD_MS} it asks the master, on a second client with
 * short timeouts so that a slow master never stalls the node's own calls, whether it still knows this node. A
 * restarted master does not, and then every endpoint and parameter subscription is registered again.
 */
final class MasterRegistration {
    private static final Logger LOG = Logger.getLogger(MasterRegistration.class.getName());
    static final long WATCHDOG_PERIOD_MS = 500;

    private final String name;
    private final URI masterUri;
    private final String callerApi;
    private final String serviceApi;
    private final LocalEndpoints endpoints;
    private final ParameterTreeImpl parameters;
    private final BooleanSupplier shutdown;
    private final XmlRpcClient master;
    private final XmlRpcClient watchdogMaster;
    private volatile boolean masterReachable = true;

    /**
     * @param callerApi  the node's slave API address
     * @param serviceApi the node's TCPROS address for services ({@code rosrpc://host:port})
     * @param shutdown   whether the node is shut down, when the watchdog must not register anything again
     */
    MasterRegistration(String name, URI masterUri, String callerApi, String serviceApi, LocalEndpoints endpoints,
                       ParameterTreeImpl parameters, BooleanSupplier shutdown) {
        this.name = name;
        this.masterUri = masterUri;
        this.callerApi = callerApi;
        this.serviceApi = serviceApi;
        this.endpoints = endpoints;
        this.parameters = parameters;
        this.shutdown = shutdown;
        this.master = new XmlRpcClient(masterUri, 2_000, 10_000);
        this.watchdogMaster = new XmlRpcClient(masterUri, 500, 1_000);
    }

    /** Fails unless the master answers. */
    void checkReachable() throws IOException {
        try {
            master.call("getUri", name);
        } catch (IOException | XmlRpcFault e) {
            throw new IOException("cannot reach the ROS master at " + masterUri + ": " + e.getMessage(), e);
        }
    }

    // ---- master calls ----

    /** The master's whole answer to {@code method(callerId, args...)}; a fault comes back as an IOException. */
    Object raw(String method, Object... args) throws IOException {
        List<Object> all = new ArrayList<>(args.length + 1);
        all.add(name);
        all.addAll(Arrays.asList(args));
        try {
            return master.call(method, all);
        } catch (XmlRpcFault f) {
            throw new IOException("master fault on " + method + ": " + f.getMessage());
        }
    }

    /** The value of a successful answer; an unsuccessful one throws. */
    Object value(String method, Object... args) throws IOException, RosApiException {
        return RosApi.value(raw(method, args));
    }

    void registerPublisher(String topic, String type) throws IOException, RosApiException {
        value("registerPublisher", topic, type, callerApi);
    }

    /** Registers a subscription; returns the master's list of the topic's publishers. */
    Object registerSubscriber(String topic, String type) throws IOException, RosApiException {
        return value("registerSubscriber", topic, type, callerApi);
    }

    void registerService(String service) throws IOException, RosApiException {
        value("registerService", service, serviceApi, callerApi);
    }

    void unregisterPublisher(String topic) {
        quietly("unregisterPublisher", topic, callerApi);
    }

    void unregisterSubscriber(String topic) {
        quietly("unregisterSubscriber", topic, callerApi);
    }

    void unregisterService(String service) {
        quietly("unregisterService", service, serviceApi);
    }

    void unsubscribeParam(String key) {
        quietly("unsubscribeParam", callerApi, key);
    }

    private void quietly(String method, Object... args) {
        try {
            raw(method, args);
        } catch (IOException e) {
            LOG.log(Level.FINE, method + " failed", e);
        }
    }

    void close() {
        master.close();
        watchdogMaster.close();
    }

    // ---- master restarts ----

    /** Runs the watchdog on {@code timer} until the timer is shut down. */
    void startWatchdog(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::watchdog, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Re-registers everything when the master no longer knows this node (it restarted). */
    private void watchdog() {
        if (shutdown.getAsBoolean()) return;
        try {
            Object r = watchdogMaster.call("lookupNode", name, name);
            masterReachable = true;
            if (RosApi.code(r) != RosApi.SUCCESS && !endpoints.isEmpty()) {
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
            for (PublisherImpl<?> p : endpoints.publishers.values()) registerPublisher(p.getTopicName(), p.getTopicType());
            for (SubscriberImpl<?> s : endpoints.subscribers.values()) {
                Object pubs = registerSubscriber(s.getTopicName(), s.getTopicType());
                if (pubs instanceof List<?> l) s.updatePublishers(l, false); // keep live connections the new master does not know
            }
            for (ServiceServerImpl<?, ?> s : endpoints.services.values()) registerService(s.getName());
            parameters.resubscribe();
        } catch (IOException | RosApiException e) {
            LOG.log(Level.FINE, () -> name + ": re-registration failed, will retry: " + e.getMessage());
        }
    }
}
