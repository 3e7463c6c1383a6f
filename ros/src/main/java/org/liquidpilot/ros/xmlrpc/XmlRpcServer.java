package org.liquidpilot.ros.xmlrpc;

import org.liquidpilot.ros.net.ConnectionGuard;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 XML-RPC server with keep-alive, gzip answers to clients that accept them, {@code system.multicall}
 * (rospy's shutdown uses it) and bounded request sizes. One thread per open connection; the connections are held
 * by a {@link ConnectionGuard} (caps per server and per address, the oldest idle or half-sent connection dropped
 * for a newcomer, header, body, write and keep-alive deadlines), and request bodies share a {@link ByteBudget}
 * (answered {@code 503} past it), so neither a flood of slow connections nor of large bodies locks out or
 * exhausts the process.
 */
public final class XmlRpcServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(XmlRpcServer.class.getName());
    /** Largest request body accepted. */
    public static final int MAX_REQUEST_BYTES = 16 << 20;
    private static final int GZIP_ABOVE = 1024;

    /**
     * What one server allows.
     *
     * @param connections       connection caps ({@link ConnectionGuard})
     * @param maxRequestBytes   largest request body (400 above it, refused before reading)
     * @param smallRequestBytes bodies up to this size are not charged to the budget (they are bounded by the
     *                          connection cap), so registrations and lookups are never refused for lack of budget
     * @param headMs            a request's line and headers must arrive within this after its first byte (after
     *                          the accept for a new connection)
     * @param bodyMs            its body must arrive within this after the headers
     * @param writeMs           the answer must be taken by the client within this
     * @param keepAliveMs       an idle keep-alive connection is closed after this
     * @param budget            bytes request bodies may hold at once, usually shared by every server in the JVM
     */
    public record Limits(ConnectionGuard.Limits connections, int maxRequestBytes, int smallRequestBytes, long headMs,
                         long bodyMs, long writeMs, long keepAliveMs, ByteBudget budget) {
        /** The master's and every node's: 256 connections, 192 from one address, 32 kept for this host. */
        public static final Limits DEFAULT = new Limits(new ConnectionGuard.Limits(256, 192, 32), MAX_REQUEST_BYTES,
                64 << 10, 5_000, 10_000, 10_000, 60_000, ByteBudget.SHARED);

        public Limits withConnections(ConnectionGuard.Limits c) {
            return new Limits(c, maxRequestBytes, smallRequestBytes, headMs, bodyMs, writeMs, keepAliveMs, budget);
        }

        public Limits withBudget(ByteBudget b, int maxRequest, int small) {
            return new Limits(connections, maxRequest, small, headMs, bodyMs, writeMs, keepAliveMs, b);
        }

        public Limits withDeadlines(long head, long body, long write, long keepAlive) {
            return new Limits(connections, maxRequestBytes, smallRequestBytes, head, body, write, keepAlive, budget);
        }
    }

    private final XmlRpcHandler handler;
    private final Limits limits;
    private final ServerSocket socket;
    private final ExecutorService pool;
    private final ConnectionGuard guard;
    private final Thread acceptor;
    private volatile boolean closed;

    /** Binds {@code address:port} (port 0 picks a free one) and starts serving with {@link Limits#DEFAULT}. */
    public XmlRpcServer(XmlRpcHandler handler, InetAddress address, int port, String threadName) throws IOException {
        this(handler, address, port, threadName, Limits.DEFAULT);
    }

    public XmlRpcServer(XmlRpcHandler handler, InetAddress address, int port, String threadName, Limits limits) throws IOException {
        this.handler = handler;
        this.limits = limits;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 128);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.guard = new ConnectionGuard(threadName, limits.connections());
        this.acceptor = new Thread(this::acceptLoop, threadName + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The connections this server holds (counts of open, evicted and timed-out connections). */
    public ConnectionGuard connections() {
        return guard;
    }

    public Limits limits() {
        return limits;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                ConnectionGuard.Slot slot = guard.admit(s, s.getInetAddress(), limits.headMs());
                if (slot == null) continue;
                pool.execute(() -> serve(s, slot));
            } catch (IOException e) {
                if (!closed) LOG.log(Level.FINE, "accept failed", e);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket s, ConnectionGuard.Slot slot) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.keepAliveMs() + 5_000)); // the guard's deadlines come first
            BufferedInputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
            boolean first = true;
            while (!closed) {
                if (!first) {
                    slot.idle(limits.keepAliveMs());
                    in.mark(1);
                    if (in.read() < 0) return;
                    in.reset();
                    slot.reading(limits.headMs());
                }
                first = false;
                Http.Head head;
                try {
                    head = Http.readHead(in);
                } catch (SocketTimeoutException idle) {
                    return;
                }
                if (head == null) return;
                slot.continueReading(limits.bodyMs());
                boolean keepAlive = keepAlive(head);
                byte[] response;
                int status = 200;
                ByteBudget.Share share = limits.budget().share(limits.smallRequestBytes());
                try {
                    if (!head.startLine().startsWith("POST ")) {
                        status = 405;
                        response = Http.ascii("XML-RPC answers POST only\n");
                        keepAlive = false; // a body it may carry was not read
                    } else {
                        byte[] body = Http.readBody(in, head, limits.maxRequestBytes(), false, share);
                        slot.busy(ConnectionGuard.NEVER);
                        response = dispatch(body);
                    }
                } catch (XmlRpcFormatException e) {
                    status = 400;
                    response = Http.ascii(e.getMessage() + "\n");
                    keepAlive = false;
                } catch (OverBudgetException e) {
                    status = 503; // the body was not read: this connection cannot carry another request
                    response = Http.ascii(e.getMessage() + "; try again\n");
                    keepAlive = false;
                } finally {
                    share.release();
                }
                slot.busy(limits.writeMs());
                respond(out, head, status, response, keepAlive);
                if (!keepAlive) {
                    if (status != 200) discardBriefly(s, in);
                    return;
                }
            }
        } catch (SocketException | java.io.EOFException gone) {
            // peer went away, or the guard closed the connection
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "XML-RPC connection failed", e);
        } finally {
            slot.release();
        }
    }

    /**
     * After refusing a request whose body was not read: closing at once with unread bytes would reset the
     * connection and the client could lose the answer, so the answer is sent with a FIN and what the client is
     * still sending is read and dropped for a short while (into one small buffer, within the write deadline).
     */
    private static void discardBriefly(Socket s, InputStream in) throws IOException {
        s.shutdownOutput();
        s.setSoTimeout(250);
        byte[] sink = new byte[8192];
        long end = System.nanoTime() + 1_000_000_000L;
        try {
            while (System.nanoTime() < end && in.read(sink) >= 0) { /* dropped */ }
        } catch (SocketTimeoutException quiet) {
            // the client stopped sending
        }
    }

    private static boolean keepAlive(Http.Head head) {
        if (head.headerContains("connection", "close")) return false;
        if (head.startLine().endsWith("HTTP/1.0")) return head.headerContains("connection", "keep-alive");
        return true;
    }

    private byte[] dispatch(byte[] body) {
        XmlRpcCall call;
        try {
            call = XmlRpcParser.parseCall(body);
        } catch (XmlRpcFormatException e) {
            return XmlRpcWriter.fault(-32700, e.getMessage());
        }
        try {
            if (call.method().equals("system.multicall")) return XmlRpcWriter.response(multicall(call.params()));
            return XmlRpcWriter.response(handler.handle(call.method(), call.params()));
        } catch (XmlRpcFault f) {
            return XmlRpcWriter.fault(f.code(), f.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "handler failed on " + call.method(), e);
            return XmlRpcWriter.fault(-32500, call.method() + " failed: " + e);
        }
    }

    private List<Object> multicall(List<Object> params) throws XmlRpcFault {
        if (params.size() != 1 || !(params.get(0) instanceof List<?> calls)) {
            throw new XmlRpcFault(-32602, "system.multicall takes one array of calls");
        }
        List<Object> results = new ArrayList<>();
        for (Object c : calls) {
            try {
                if (!(c instanceof Map<?, ?> m) || !(m.get("methodName") instanceof String name)
                        || !(m.get("params") instanceof List<?> args)) {
                    throw new XmlRpcFault(-32602, "each multicall entry needs methodName and params");
                }
                if (name.equals("system.multicall")) throw new XmlRpcFault(-32600, "recursive system.multicall");
                results.add(List.of(handler.handle(name, new ArrayList<>(args))));
            } catch (XmlRpcFault f) {
                results.add(Map.of("faultCode", f.code(), "faultString", String.valueOf(f.getMessage())));
            }
        }
        return results;
    }

    private static void respond(OutputStream out, Http.Head request, int status, byte[] body, boolean keepAlive) throws IOException {
        boolean gzip = status == 200 && body.length > GZIP_ABOVE && request.headerContains("accept-encoding", "gzip");
        if (gzip) body = Http.gzip(body);
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(status).append(switch (status) {
                    case 200 -> " OK";
                    case 400 -> " Bad Request";
                    case 503 -> " Service Unavailable";
                    default -> " Method Not Allowed";
                })
                .append("\r\nServer: liquidpilot-xmlrpc\r\nContent-Type: text/xml\r\nContent-Length: ").append(body.length).append("\r\n");
        if (gzip) head.append("Content-Encoding: gzip\r\n");
        if (status == 503) head.append("Retry-After: 1\r\n");
        if (!keepAlive) head.append("Connection: close\r\n");
        head.append("\r\n");
        out.write(Http.ascii(head.toString()));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        guard.close();
        pool.shutdownNow();
        try {
            // the port is free only once the accepting thread has left accept(): a restart on it must not race
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
