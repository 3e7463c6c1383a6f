package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One topic's subscription: a connection per publisher, and a bounded queue in front of the listeners. The receive
 * thread that finds the queue idle delivers the messages itself, so a single publisher costs no thread hand-off,
 * listeners are never called concurrently, and when they fall behind the oldest messages are dropped.
 */
final class SubscriberImpl<T> implements Subscriber<T> {
    private static final Logger LOG = Logger.getLogger(SubscriberImpl.class.getName());

    private final DefaultNode node;
    private final String topic;
    private final MessageCodec<T> codec;
    private final SubscriberOptions options;
    private final CopyOnWriteArrayList<MessageListener<T>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, SubscriberConnection<T>> connections = new LinkedHashMap<>();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private boolean delivering;
    private volatile boolean closed;
    private final SerializedMessageListener serialized; // null: messages are decoded for the listeners

    SubscriberImpl(DefaultNode node, String topic, MessageCodec<T> codec, SubscriberOptions options, SerializedMessageListener serialized) {
        this.node = node;
        this.topic = topic;
        this.codec = codec;
        this.options = options;
        this.serialized = serialized;
    }

    /** Whether frames go to a {@link SerializedMessageListener} undecoded. */
    boolean serialized() {
        return serialized != null;
    }

    /**
     * Hands one frame, still in the receive buffer, to the serialised listener. It runs on the receive thread (the
     * buffer is only valid now, so there is no queue to drop from); the lock keeps two publishers' connections from
     * calling it at once.
     */
    void deliverSerialized(java.nio.ByteBuffer frame) {
        synchronized (serialized) {
            try {
                serialized.onMessage(frame);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener on " + topic + " failed", e);
            }
        }
    }

    MessageCodec<T> codec() {
        return codec;
    }

    SubscriberOptions options() {
        return options;
    }

    DefaultNode node() {
        return node;
    }

    /** Follows the master's full list of publisher addresses: connects to new ones, drops the ones gone. */
    synchronized void updatePublishers(Collection<?> apis) {
        updatePublishers(apis, true);
    }

    /**
     * With {@code dropMissing} false only adds: after a master restart its list may miss publishers (rospy never
     * registers again) whose connections are still alive, and those must not be cut.
     */
    synchronized void updatePublishers(Collection<?> apis, boolean dropMissing) {
        if (closed) return;
        Set<String> wanted = new HashSet<>();
        for (Object o : apis) wanted.add(String.valueOf(o));
        if (dropMissing) {
            connections.entrySet().removeIf(e -> {
                if (wanted.contains(e.getKey())) return false;
                e.getValue().close();
                return true;
            });
        }
        for (String api : wanted) {
            if (!connections.containsKey(api)) {
                SubscriberConnection<T> c = new SubscriberConnection<>(this, api, node.nextConnectionId());
                connections.put(api, c);
                c.start();
            }
        }
    }

    synchronized List<SubscriberConnection<T>> connections() {
        return List.copyOf(connections.values());
    }

    void deliver(T message) {
        synchronized (queue) {
            if (queue.size() >= options.queueSize()) {
                queue.pollFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(message);
            if (delivering) return;
            delivering = true;
        }
        while (true) {
            T next;
            synchronized (queue) {
                next = queue.pollFirst();
                if (next == null) {
                    delivering = false;
                    return;
                }
            }
            for (MessageListener<T> l : listeners) {
                try {
                    l.onNewMessage(next);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "listener on " + topic + " failed", e);
                }
            }
        }
    }

    @Override
    public void addMessageListener(MessageListener<T> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeMessageListener(MessageListener<T> listener) {
        listeners.remove(listener);
    }

    @Override
    public String getTopicName() {
        return topic;
    }

    @Override
    public String getTopicType() {
        return codec.type();
    }

    @Override
    public synchronized int getNumberOfPublishers() {
        int n = 0;
        for (SubscriberConnection<T> c : connections.values()) if (c.connected()) n++;
        return n;
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public void shutdown() {
        if (closed) return;
        node.removeSubscriber(this);
        closeConnections();
    }

    synchronized void closeConnections() {
        closed = true;
        connections.values().forEach(SubscriberConnection::close);
        connections.clear();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Subscriber[" + topic + " " + codec.type() + "]";
    }
}
