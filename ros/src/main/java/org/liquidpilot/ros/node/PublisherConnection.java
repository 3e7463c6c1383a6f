package org.liquidpilot.ros.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber of one topic, fed by its own writer thread so a slow subscriber only fills its own queue; when
 * the queue is full the oldest frame is dropped, as rospy does.
 */
final class PublisherConnection {
    private final PublisherImpl<?> publisher;
    private final Socket socket;
    private final String subscriberId;
    private final int id;
    private final LinkedBlockingDeque<byte[]> queue;
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    PublisherConnection(PublisherImpl<?> publisher, Socket socket, String subscriberId, int id, int queueSize) {
        this.publisher = publisher;
        this.socket = socket;
        this.subscriberId = subscriberId;
        this.id = id;
        this.queue = new LinkedBlockingDeque<>(queueSize);
        this.writer = new Thread(this::writeLoop, "tcpros-pub-" + publisher.getTopicName() + "-" + id);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    void send(byte[] frame) {
        while (!queue.offerLast(frame)) {
            if (queue.pollFirst() != null) dropped.incrementAndGet();
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] frame = queue.pollFirst(1, TimeUnit.SECONDS);
                if (frame == null) continue;
                out.write(frame);
                bytesSent.addAndGet(frame.length);
                messagesSent.incrementAndGet();
            }
        } catch (IOException | InterruptedException gone) {
            // the subscriber went away or we are closing
        } finally {
            close();
        }
    }

    void close() {
        if (closed) return;
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        writer.interrupt();
        publisher.removed(this);
    }

    int id() {
        return id;
    }

    String subscriberId() {
        return subscriberId;
    }

    long bytesSent() {
        return bytesSent.get();
    }

    long messagesSent() {
        return messagesSent.get();
    }

    boolean connected() {
        return !closed;
    }

    String describe() {
        return "TCPROS connection on port " + socket.getLocalPort() + " to [" + socket.getInetAddress().getHostAddress()
                + ":" + socket.getPort() + "]";
    }
}
