package org.liquidpilot.ros.node;

/**
 * @param latch     keep the last message and send it to each subscriber that connects later
 * @param queueSize messages kept per subscriber connection before the oldest is dropped
 */
public record PublisherOptions(boolean latch, int queueSize) {
    public static final PublisherOptions DEFAULT = new PublisherOptions(false, 100);

    public PublisherOptions {
        if (queueSize < 1) throw new IllegalArgumentException("queue size must be at least 1, got " + queueSize);
    }

    public PublisherOptions latched() {
        return new PublisherOptions(true, queueSize);
    }

    public PublisherOptions withQueueSize(int size) {
        return new PublisherOptions(latch, size);
    }
}
