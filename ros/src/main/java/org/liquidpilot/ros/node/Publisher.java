package org.liquidpilot.ros.node;

/** Publishes messages of one type on one topic to every connected subscriber. Thread-safe. */
public interface Publisher<T> {
    /** Serialises once and queues the bytes for each subscriber; never blocks on a slow subscriber. */
    void publish(T message);

    String getTopicName();

    String getTopicType();

    boolean isLatched();

    int getNumberOfSubscribers();

    default boolean hasSubscribers() {
        return getNumberOfSubscribers() > 0;
    }

    /** Unregisters from the master and closes every subscriber connection. */
    void shutdown();
}
