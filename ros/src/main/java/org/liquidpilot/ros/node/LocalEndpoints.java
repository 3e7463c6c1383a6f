package org.liquidpilot.ros.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's own publishers, subscribers and service servers, keyed by resolved graph name. The node adds and
 * removes entries; the TCPROS server looks up who answers a connection here, the slave API reports from it and the
 * master registration registers it again after a master restart. Those run on their own threads, hence the
 * concurrent maps, which stay plain fields so that lookups on the connection path cost nothing extra.
 */
final class LocalEndpoints {
    final Map<String, PublisherImpl<?>> publishers = new ConcurrentHashMap<>();
    final Map<String, SubscriberImpl<?>> subscribers = new ConcurrentHashMap<>();
    final Map<String, ServiceServerImpl<?, ?>> services = new ConcurrentHashMap<>();

    boolean isEmpty() {
        return publishers.isEmpty() && subscribers.isEmpty() && services.isEmpty();
    }

    void clear() {
        subscribers.clear();
        publishers.clear();
        services.clear();
    }
}
