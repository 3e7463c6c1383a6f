package org.liquidpilot.ros.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One subscriber of one topic. When the connection is idle, {@link #send} writes the frame on the publishing
 * thread with a non-blocking write (no thread hand-off on the latency path); whatever the socket does not take at
 * once, and every frame that arrives meanwhile, goes to this connection's writer thread. So a slow subscriber only
 * fills its own queue and never blocks publish(); when the queue is full the oldest frame is dropped, as rospy does.
 */
final class PublisherConnection {
    private final PublisherImpl<?> publisher;
    private final SocketChannel channel;
    private final String subscriberId;
    private final int id;
    private final int queueSize;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private ByteBuffer partial;   // the rest of a frame the inline write could not finish (guarded by lock)
    private boolean writing;      // someone owns the socket (guarded by lock)
    private volatile boolean closed;

    PublisherConnection(PublisherImpl<?> publisher, SocketChannel channel, String subscriberId, int id, int queueSize) throws IOException {
        this.publisher = publisher;
        this.channel = channel;
        this.subscriberId = subscriberId;
        this.id = id;
        this.queueSize = queueSize;
        channel.configureBlocking(false);
        this.writer = new Thread(this::writeLoop, "tcpros-pub-" + publisher.getTopicName() + "-" + id);
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    void send(byte[] frame) {
        send(ByteBuffer.wrap(frame));
    }

    /**
     * Sends one whole frame (position 0 to limit). The buffer may be the publisher's reused one: it is written here
     * or copied before this returns, never kept.
     */
    void send(ByteBuffer frame) {
        int length = frame.remaining();
        lock.lock();
        try {
            if (closed) return;
            if (writing || !queue.isEmpty()) {
                if (queue.size() >= queueSize) {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                }
                queue.addLast(copy(frame));
                work.signal();
                return;
            }
            writing = true;
        } finally {
            lock.unlock();
        }
        try {
            channel.write(frame);
        } catch (IOException gone) {
            close();
            return;
        }
        lock.lock();
        try {
            if (frame.hasRemaining()) {
                // The writer thread finishes it; writing stays true so nobody interleaves. A copy, since the
                // caller's buffer is reused as soon as this returns.
                partial = ByteBuffer.wrap(copy(frame)).position(frame.position());
                work.signal();
            } else {
                count(length);
                writing = false;
                // Wake the writer only for frames queued meanwhile: waking it for nothing costs a context switch
                // per publish, which a busy machine makes expensive.
                if (!queue.isEmpty()) work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The whole frame (from 0 to limit) as a new array, for the queue. */
    private static byte[] copy(ByteBuffer frame) {
        byte[] b = new byte[frame.limit()];
        frame.get(0, b);
        return b;
    }

    private void count(int bytes) {
        bytesSent.addAndGet(bytes);
        messagesSent.incrementAndGet();
    }

    private void writeLoop() {
        try (Selector selector = Selector.open()) {
            channel.register(selector, 0);
            SelectionKey key = channel.keyFor(selector);
            while (!closed) {
                ByteBuffer b;
                boolean counted;
                lock.lock();
                try {
                    while (!closed && partial == null && (writing || queue.isEmpty())) work.await();
                    if (closed) return;
                    if (partial != null) {
                        b = partial;
                        partial = null;
                    } else {
                        b = ByteBuffer.wrap(queue.pollFirst());
                        writing = true;
                    }
                    counted = false;
                } finally {
                    lock.unlock();
                }
                int length = b.limit();
                while (b.hasRemaining() && !closed) {
                    if (channel.write(b) == 0) {
                        key.interestOps(SelectionKey.OP_WRITE);
                        selector.select(1000);
                        key.interestOps(0);
                        selector.selectedKeys().clear();
                    }
                }
                lock.lock();
                try {
                    if (!counted) count(length);
                    writing = false;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | InterruptedException | java.nio.channels.ClosedSelectorException gone) {
            // the subscriber went away or we are closing
        } finally {
            close();
        }
    }

    void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            queue.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
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

    long dropped() {
        return dropped.get();
    }

    boolean connected() {
        return !closed;
    }

    String describe() {
        try {
            return "TCPROS connection on port " + ((java.net.InetSocketAddress) channel.getLocalAddress()).getPort()
                    + " to [" + channel.getRemoteAddress() + "]";
        } catch (IOException | RuntimeException e) {
            return "TCPROS connection (closed)";
        }
    }
}
