package org.liquidpilot.bags;

import org.liquidpilot.ros.node.AnyMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.Subscriber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records topics from a running ROS graph into a bag or a ros1-profile MCAP file ({@link RecordingWriter}), as
 * {@code rosbag record} does: it subscribes to each topic
 * whatever its type, and writes every message's bytes untouched with the publisher's type, md5sum and definition,
 * stamped with the node's receive time (the simulated clock when the node runs on /clock).
 * <pre>{@code
 * try (BagRecorder rec = BagRecorder.start(node, BagWriter.create(path, Compression.LZ4), List.of("/cmd_vel"))) {
 *     ... // until done
 * }
 * }</pre>
 */
public final class BagRecorder implements AutoCloseable {
    private final ConnectedNode node;
    private final RecordingWriter writer;
    private final List<Subscriber<AnyMessage>> subscribers = new ArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile RuntimeException firstFailure;
    private boolean closed;

    private BagRecorder(ConnectedNode node, RecordingWriter writer) {
        this.node = node;
        this.writer = writer;
    }

    /** Subscribes to {@code topics} (resolved against the node's namespace and remappings) and starts writing. */
    public static BagRecorder start(ConnectedNode node, RecordingWriter writer, Collection<String> topics) {
        if (topics.isEmpty()) throw new IllegalArgumentException("name at least one topic to record");
        BagRecorder r = new BagRecorder(node, writer);
        for (String topic : topics) {
            String resolved = node.resolveName(topic);
            Subscriber<AnyMessage> s = node.newSubscriber(resolved, AnyMessage.CODEC);
            s.addMessageListener(m -> r.record(resolved, m));
            r.subscribers.add(s);
        }
        return r;
    }

    private void record(String topic, AnyMessage m) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("topic", topic);
        header.put("type", m.type());
        header.put("md5sum", m.md5sum());
        header.put("message_definition", m.definition());
        Instant now = node.getCurrentTime();
        try {
            writer.write(topic, header, m.payload(), BagTime.toNanos(now.getEpochSecond(), now.getNano()));
            messages.incrementAndGet();
        } catch (RuntimeException e) {
            // A closed writer or a full disk: count it and keep the receive thread alive; close() reports it.
            if (failures.getAndIncrement() == 0) firstFailure = e;
        }
    }

    /** Messages written so far. */
    public long messages() {
        return messages.get();
    }

    /** Publishers currently connected, over all recorded topics. */
    public int publishers() {
        return subscribers.stream().mapToInt(Subscriber::getNumberOfPublishers).sum();
    }

    public RecordingWriter writer() {
        return writer;
    }

    /** Stops the subscriptions and closes the bag (writing its index). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Subscriber<AnyMessage> s : subscribers) s.shutdown();
        writer.close();
        if (firstFailure != null) {
            throw new IllegalStateException(failures.get() + " messages could not be written: " + firstFailure.getMessage(), firstFailure);
        }
    }
}
