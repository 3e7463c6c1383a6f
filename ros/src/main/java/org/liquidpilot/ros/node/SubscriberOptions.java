package org.liquidpilot.ros.node;

/**
 * @param queueSize  messages buffered for the listeners before the oldest is dropped
 * @param tcpNoDelay ask publishers to set TCP_NODELAY. On by default, unlike rospy: the project's topics carry
 *                   latency-critical frames and commands, and Nagle's algorithm only adds delay there
 */
public record SubscriberOptions(int queueSize, boolean tcpNoDelay) {
    public static final SubscriberOptions DEFAULT = new SubscriberOptions(100, true);

    public SubscriberOptions {
        if (queueSize < 1) throw new IllegalArgumentException("queue size must be at least 1, got " + queueSize);
    }

    public SubscriberOptions withQueueSize(int size) {
        return new SubscriberOptions(size, tcpNoDelay);
    }

    public SubscriberOptions withTcpNoDelay(boolean noDelay) {
        return new SubscriberOptions(queueSize, noDelay);
    }
}
