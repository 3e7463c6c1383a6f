package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.tcpros.ConnectionHeader;
import org.liquidpilot.ros.tcpros.FrameReader;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.XmlRpcClient;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The link to one publisher: requestTopic over XML-RPC, then a TCPROS connection read on its own thread. When the
 * connection breaks it retries (0.1 s doubling to 1 s) until the master says the publisher is gone.
 */
final class SubscriberConnection<T> {
    private static final Logger LOG = Logger.getLogger(SubscriberConnection.class.getName());

    private final SubscriberImpl<T> subscriber;
    private final String publisherApi;
    private final int id;
    private final Thread reader;
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong messagesReceived = new AtomicLong();
    private volatile boolean active = true;
    private volatile boolean connected;
    private volatile Socket socket;
    private volatile String publisherId = "";
    private String lastError;

    SubscriberConnection(SubscriberImpl<T> subscriber, String publisherApi, int id) {
        this.subscriber = subscriber;
        this.publisherApi = publisherApi;
        this.id = id;
        this.reader = new Thread(this::run, "tcpros-sub-" + subscriber.getTopicName() + "-" + id);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    private void run() {
        long backoffMs = 100;
        while (active) {
            try {
                connectAndRead();
                backoffMs = 100;
            } catch (Exception e) {
                String msg = e.getMessage();
                if (active && !java.util.Objects.equals(msg, lastError)) {
                    // a refusal (wrong type or md5) needs a person; a vanished publisher is routine
                    Level level = e instanceof RefusedException ? Level.WARNING : Level.FINE;
                    LOG.log(level, () -> "subscription to " + subscriber.getTopicName() + " from " + publisherApi + ": " + e.getMessage());
                    lastError = msg;
                }
            } finally {
                connected = false;
                closeSocket();
            }
            if (!active) return;
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                return;
            }
            backoffMs = Math.min(backoffMs * 2, 1000);
        }
    }

    private void connectAndRead() throws Exception {
        DefaultNode node = subscriber.node();
        MessageCodec<T> codec = subscriber.codec();
        List<?> params;
        try (XmlRpcClient slave = new XmlRpcClient(URI.create(publisherApi), 1_000, 3_000)) {
            Object r = slave.call("requestTopic", node.getName(), subscriber.getTopicName(), List.of(List.of("TCPROS")));
            Object value = RosApi.value(r);
            if (!(value instanceof List<?> l) || l.size() < 3 || !"TCPROS".equals(l.get(0))
                    || !(l.get(1) instanceof String) || !(l.get(2) instanceof Integer)) {
                throw new IOException("publisher offered no TCPROS endpoint: " + value);
            }
            params = l;
        }
        Socket s = new Socket();
        socket = s;
        if (!active) return;
        s.connect(new InetSocketAddress((String) params.get(1), (Integer) params.get(2)), 3_000);
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(ConnectionHeader.of("callerid", node.getName(), "md5sum", codec.md5sum(),
                "message_definition", codec.definition(), "tcp_nodelay", subscriber.options().tcpNoDelay() ? "1" : "0",
                "topic", subscriber.getTopicName(), "type", codec.type()).encode());
        out.flush();
        BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 64 << 10);
        ConnectionHeader reply = ConnectionHeader.read(in);
        if (reply.error() != null) throw new RefusedException("publisher refused: " + reply.error());
        String md5 = reply.get("md5sum");
        boolean any = codec == AnyMessage.CODEC;
        if (!any && md5 != null && !md5.equals("*") && !md5.equals(codec.md5sum())) {
            throw new RefusedException("publisher sends " + reply.get("type") + "/" + md5 + ", we expect " + codec.type() + "/" + codec.md5sum());
        }
        publisherId = String.valueOf(reply.get("callerid"));
        s.setSoTimeout(0); // a quiet topic is not an error
        connected = true;
        FrameReader frames = new FrameReader(in);
        boolean serialized = subscriber.serialized();
        while (active) {
            ByteBuffer payload = frames.next();
            bytesReceived.addAndGet(payload.remaining() + 4L);
            messagesReceived.incrementAndGet();
            if (serialized) {
                subscriber.deliverSerialized(payload);
                continue;
            }
            T message = any ? withHeader(reply, payload) : codec.decode(payload);
            subscriber.deliver(message);
        }
    }

    @SuppressWarnings("unchecked")
    private T withHeader(ConnectionHeader reply, ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        return (T) new AnyMessage(String.valueOf(reply.get("type")), String.valueOf(reply.get("md5sum")),
                reply.has("message_definition") ? reply.get("message_definition") : "", b);
    }

    void close() {
        active = false;
        closeSocket();
        reader.interrupt();
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    int id() {
        return id;
    }

    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    String publisherApi() {
        return publisherApi;
    }

    String publisherId() {
        return publisherId;
    }

    boolean connected() {
        return connected;
    }

    long bytesReceived() {
        return bytesReceived.get();
    }

    long messagesReceived() {
        return messagesReceived.get();
    }
}
