package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.ServiceType;

import java.net.URI;
import java.time.Instant;

/**
 * A node registered with a master, shaped like rosjava's ConnectedNode. Topic, service and parameter names are
 * resolved against the node's namespace, {@code ~} names against the node's name, then remapped.
 */
public interface ConnectedNode extends AutoCloseable {
    /** The node's global name, e.g. {@code /ns/pilot}. */
    String getName();

    String getNamespace();

    /** Resolves and remaps a graph name as this node sees it. */
    String resolveName(String name);

    URI getMasterUri();

    /** This node's XML-RPC (slave API) address. */
    URI getUri();

    <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec, PublisherOptions options);

    default <T> Publisher<T> newPublisher(String topic, MessageCodec<T> codec) {
        return newPublisher(topic, codec, PublisherOptions.DEFAULT);
    }

    <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options);

    default <T> Subscriber<T> newSubscriber(String topic, MessageCodec<T> codec) {
        return newSubscriber(topic, codec, SubscriberOptions.DEFAULT);
    }

    /**
     * Subscribes with a listener that gets each message's serialised bytes instead of a decoded object (see
     * {@link SerializedMessageListener}). The TCPROS node hands over its receive buffer, so the steady state
     * allocates nothing. This default works on any transport by re-encoding each decoded message, allocating per
     * message; a transport that can do better overrides it.
     */
    default <T> Subscriber<T> newSerializedSubscriber(String topic, MessageCodec<T> codec, SubscriberOptions options,
                                                      SerializedMessageListener listener) {
        Subscriber<T> s = newSubscriber(topic, codec, options);
        s.addMessageListener(m -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(codec.encodedSize(m)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            codec.encode(m, b);
            listener.onMessage(b.flip());
        });
        return s;
    }

    <Q, R> ServiceServer newServiceServer(String name, ServiceType<Q, R> type, ServiceHandler<Q, R> handler);

    <Q, R> ServiceClient<Q, R> newServiceClient(String name, ServiceType<Q, R> type);

    ParameterTree getParameterTree();

    RosLog getLog();

    /** Wall time, or the latest /clock when the parameter /use_sim_time was true at start-up. */
    Instant getCurrentTime();

    boolean isShutdown();

    /** Unregisters everything, closes every connection and calls the NodeMain's onShutdown. Idempotent. */
    void shutdown();

    @Override
    default void close() {
        shutdown();
    }
}
