package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.tcpros.ConnectionHeader;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One topic's publisher: serialises each message once and hands the frame to every subscriber connection. */
final class PublisherImpl<T> implements Publisher<T> {
    private final DefaultNode node;
    private final String topic;
    private final MessageCodec<T> codec;
    private final PublisherOptions options;
    private final CopyOnWriteArrayList<PublisherConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private volatile byte[] latchedFrame;
    private ByteBuffer scratch = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN); // guarded by this
    private volatile boolean closed;

    PublisherImpl(DefaultNode node, String topic, MessageCodec<T> codec, PublisherOptions options) {
        this.node = node;
        this.topic = topic;
        this.codec = codec;
        this.options = options;
    }

    MessageCodec<T> codec() {
        return codec;
    }

    @Override
    public void publish(T message) {
        if (closed) throw new IllegalStateException("publisher of " + topic + " is shut down");
        published.incrementAndGet();
        if (connections.isEmpty() && !options.latch()) return; // nobody listens: skip the serialisation
        int size = codec.encodedSize(message);
        // Serialised into a buffer this publisher keeps, so the steady state allocates nothing; a connection copies
        // the frame only when it cannot write it at once (see PublisherConnection.send). The lock serialises the
        // publishing threads (image, timer, service) over the buffer; it is uncontended in the steady state.
        synchronized (this) {
            if (scratch.capacity() < 4 + size) scratch = ByteBuffer.allocate(Math.max(4 + size, 2 * scratch.capacity())).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer out = scratch.clear();
            out.putInt(size);
            codec.encode(message, out);
            if (out.position() != 4 + size) {
                throw new IllegalStateException(codec.type() + " codec wrote " + (out.position() - 4) + " bytes but announced " + size);
            }
            out.flip();
            if (options.latch()) latchedFrame = java.util.Arrays.copyOf(out.array(), out.limit());
            for (int i = 0, n = connections.size(); i < n; i++) {
                PublisherConnection c;
                try {
                    c = connections.get(i);
                } catch (IndexOutOfBoundsException removedMeanwhile) {
                    break;
                }
                c.send(out.position(0));
            }
        }
    }

    /** Publishes bytes already serialised as this topic's type (for tools that relay messages). */
    void publishSerialized(byte[] payload) {
        byte[] frame = new byte[4 + payload.length];
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length).put(payload);
        if (options.latch()) latchedFrame = frame;
        for (PublisherConnection c : connections) c.send(frame);
    }

    /**
     * Checks a subscriber's connection header as rospy does; returns the rejection text, or null when accepted.
     */
    String check(ConnectionHeader h) {
        String md5 = h.get("md5sum");
        if (!"*".equals(md5) && !codec.md5sum().equals(md5)) {
            return "Client [" + h.get("callerid") + "] wants topic [" + topic + "] to have datatype/md5sum ["
                    + h.get("type") + "/" + md5 + "], but our version has [" + codec.type() + "/" + codec.md5sum()
                    + "] Dropping connection.";
        }
        String type = h.get("type");
        if (type != null && !type.equals("*") && !type.equals(codec.type())) {
            return "topic types do not match: [" + type + "] vs. [" + codec.type() + "]";
        }
        return null;
    }

    ConnectionHeader replyHeader() {
        return ConnectionHeader.of("callerid", node.getName(), "latching", options.latch() ? "1" : "0",
                "md5sum", codec.md5sum(), "message_definition", codec.definition(), "topic", topic, "type", codec.type());
    }

    /** Takes over an accepted subscriber socket (the reply header is already written). */
    void addSubscriber(SocketChannel socket, String subscriberId) throws IOException {
        if (closed) {
            socket.close();
            return;
        }
        PublisherConnection c = new PublisherConnection(this, socket, subscriberId, node.nextConnectionId(), options.queueSize());
        byte[] latched = latchedFrame;
        if (latched != null) c.send(latched);
        connections.add(c);
        c.start();
    }

    void removed(PublisherConnection c) {
        connections.remove(c);
    }

    List<PublisherConnection> connections() {
        return connections;
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
    public boolean isLatched() {
        return options.latch();
    }

    @Override
    public int getNumberOfSubscribers() {
        return connections.size();
    }

    @Override
    public void shutdown() {
        if (closed) return;
        node.removePublisher(this);
        closeConnections();
    }

    void closeConnections() {
        closed = true;
        for (PublisherConnection c : connections) c.close();
        connections.clear();
    }

    @Override
    public String toString() {
        return "Publisher[" + topic + " " + codec.type() + "]";
    }
}
