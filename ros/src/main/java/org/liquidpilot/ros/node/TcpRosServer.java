package org.liquidpilot.ros.node;

import org.liquidpilot.ros.net.ConnectionGuard;
import org.liquidpilot.ros.tcpros.ConnectionHeader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's one TCPROS port, shared by all its topics and services as in roscpp and rospy: the accept loop, the
 * connection-header handshake, and the hand-over of each connection to the publisher or service server the header
 * names (or an error header back). It owns the port's {@link ConnectionGuard}, which bounds handshakes in progress and
 * service sessions, in all and per remote address, and closes handshakes that do not complete in time, so held
 * connections cannot keep a real subscriber out. A completed subscriber session leaves the guard; its publisher
 * counts it.
 */
final class TcpRosServer {
    private static final Logger LOG = Logger.getLogger(TcpRosServer.class.getName());
    /** TCPROS connections held at once (handshakes and service sessions), from one address, kept for this host. */
    static final ConnectionGuard.Limits LIMITS = new ConnectionGuard.Limits(128, 96, 16);
    /** A TCPROS connection header must arrive complete within this after the connection is accepted. */
    static final long HANDSHAKE_MS = 5_000;
    /** A service request frame must arrive within this after its first byte; an answer must be taken within it. */
    static final long SERVICE_FRAME_MS = 10_000;

    private final String host;
    private final LocalEndpoints endpoints;
    private final BooleanSupplier shutdown;
    private final ExecutorService io;
    /**
     * Connections on the TCPROS port that have not become a subscriber session: handshakes in progress and service
     * sessions. Completed subscriber sessions leave it (their publisher counts them), so held handshakes can
     * never keep a new subscriber out.
     */
    private final ConnectionGuard guard;
    private final ServerSocketChannel channel;

    /** Binds the port; {@link #start} accepts on it. {@code shutdown} tells the accept loop when the node is done. */
    TcpRosServer(String nodeName, String host, InetAddress bind, LocalEndpoints endpoints, BooleanSupplier shutdown) throws IOException {
        this.host = host;
        this.endpoints = endpoints;
        this.shutdown = shutdown;
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ros-node-io-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.guard = new ConnectionGuard(nodeName + "-tcpros", LIMITS);
        this.channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(bind, 0), 128);
    }

    void start() {
        io.execute(this::acceptLoop);
    }

    String host() {
        return host;
    }

    int port() {
        return channel.socket().getLocalPort();
    }

    /** The address the master hands to service clients. */
    String serviceUri() {
        return "rosrpc://" + host + ":" + port();
    }

    /** The port's handshakes and service sessions (tests read its counts). */
    ConnectionGuard connections() {
        return guard;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        guard.close();
        io.shutdownNow();
    }

    private void acceptLoop() {
        while (!shutdown.getAsBoolean()) {
            try {
                SocketChannel s = channel.accept();
                InetAddress remote = s.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
                ConnectionGuard.Slot slot = guard.admit(s, remote, HANDSHAKE_MS);
                if (slot == null) continue; // every held connection is busy being answered
                io.execute(() -> {
                    try {
                        serve(s, slot);
                    } finally {
                        slot.release();
                    }
                });
            } catch (IOException e) {
                if (!shutdown.getAsBoolean()) LOG.log(Level.FINE, "TCPROS accept failed", e);
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection, ConnectionGuard.Slot slot) {
        boolean handedOver = false;
        Socket s = connection.socket();
        try {
            s.setSoTimeout((int) HANDSHAKE_MS + 1_000); // the guard closes it at HANDSHAKE_MS; this is a backstop
            BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 16 << 10);
            ConnectionHeader h = ConnectionHeader.read(in);
            slot.busy(SERVICE_FRAME_MS);
            if (h.has("service")) {
                ServiceServerImpl<?, ?> service = endpoints.services.get(h.get("service"));
                if (service == null) {
                    reject(s, "request for unknown service [" + h.get("service") + "]");
                    return;
                }
                s.setSoTimeout(0);
                service.serve(s, h, in, slot);
                return;
            }
            for (String required : List.of("topic", "md5sum", "callerid")) {
                if (!h.has(required)) {
                    reject(s, "Missing required '" + required + "' field");
                    return;
                }
            }
            PublisherImpl<?> p = endpoints.publishers.get(h.get("topic"));
            if (p == null) {
                reject(s, "received request for unknown topic [" + h.get("topic") + "]");
                return;
            }
            String refusal = p.check(h);
            if (refusal != null) {
                reject(s, refusal);
                return;
            }
            s.getOutputStream().write(p.replyHeader().encode());
            if ("1".equals(h.get("tcp_nodelay"))) s.setTcpNoDelay(true);
            s.setSoTimeout(0);
            slot.release(); // a subscriber session now: its publisher counts it, the handshake cap does not
            p.addSubscriber(connection, h.get("callerid"));
            handedOver = true;
            // rospy subscribers never write after the header; reading here notices them going away early
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "TCPROS connection failed", e);
        } finally {
            if (!handedOver) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private static void reject(Socket s, String error) throws IOException {
        s.getOutputStream().write(ConnectionHeader.error(error).encode());
        s.getOutputStream().flush();
    }
}
