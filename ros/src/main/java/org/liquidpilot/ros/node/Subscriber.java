package org.liquidpilot.ros.node;

/** A subscription to one topic; it connects to every publisher the master reports and follows their changes. */
public interface Subscriber<T> {
    void addMessageListener(MessageListener<T> listener);

    void removeMessageListener(MessageListener<T> listener);

    String getTopicName();

    String getTopicType();

    /** Publishers whose connection is currently up. */
    int getNumberOfPublishers();

    /** Unregisters from the master and closes every publisher connection. */
    void shutdown();
}
