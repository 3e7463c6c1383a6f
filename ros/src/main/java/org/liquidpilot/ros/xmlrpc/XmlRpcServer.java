package org.liquidpilot.ros.xmlrpc;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An HTTP/1.1 XML-RPC server with keep-alive, gzip answers to clients that accept them, {@code system.multicall}
 * (rospy's shutdown uses it) and bounded request sizes. One thread per open connection.
 */
public final class XmlRpcServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(XmlRpcServer.class.getName());
    /** Largest request body accepted. */
    public static final int MAX_REQUEST_BYTES = 16 << 20;
    private static final int GZIP_ABOVE = 1024;
    private static final int IDLE_TIMEOUT_MS = 60_000;
    /** Open connections served at once; more are closed at accept, so a connection flood cannot spawn threads without bound. */
    static final int MAX_CONNECTIONS = 512;

    private final XmlRpcHandler handler;
    private final ServerSocket socket;
    private final ExecutorService pool;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Binds {@code address:port} (port 0 picks a free one) and starts serving. */
    public XmlRpcServer(XmlRpcHandler handler, InetAddress address, int port, String threadName) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 128);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, threadName + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                if (open.size() >= MAX_CONNECTIONS) {
                    s.close();
                    continue;
                }
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) LOG.log(Level.FINE, "accept failed", e);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(IDLE_TIMEOUT_MS);
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
            while (!closed) {
                Http.Head head;
                try {
                    head = Http.readHead(in);
                } catch (SocketTimeoutException idle) {
                    return;
                }
                if (head == null) return;
                boolean keepAlive = keepAlive(head);
                byte[] response;
                int status = 200;
                try {
                    if (!head.startLine().startsWith("POST ")) {
                        status = 405;
                        response = Http.ascii("XML-RPC answers POST only\n");
                    } else {
                        byte[] body = Http.readBody(in, head, MAX_REQUEST_BYTES, false);
                        response = dispatch(body);
                    }
                } catch (XmlRpcFormatException e) {
                    status = 400;
                    response = Http.ascii(e.getMessage() + "\n");
                    keepAlive = false;
                }
                if (!respond(out, head, status, response, keepAlive)) return;
                if (!keepAlive) return;
            }
        } catch (SocketException | java.io.EOFException gone) {
            // peer went away
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "XML-RPC connection failed", e);
        } finally {
            open.remove(s);
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

    private boolean respond(OutputStream out, Http.Head request, int status, byte[] body, boolean keepAlive) throws IOException {
        boolean gzip = status == 200 && body.length > GZIP_ABOVE && request.headerContains("accept-encoding", "gzip");
        if (gzip) body = Http.gzip(body);
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : status == 400 ? " Bad Request" : " Method Not Allowed")
                .append("\r\nServer: liquidpilot-xmlrpc\r\nContent-Type: text/xml\r\nContent-Length: ").append(body.length).append("\r\n");
        if (gzip) head.append("Content-Encoding: gzip\r\n");
        if (!keepAlive) head.append("Connection: close\r\n");
        head.append("\r\n");
        out.write(Http.ascii(head.toString()));
        out.write(body);
        out.flush();
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        pool.shutdownNow();
        try {
            // the port is free only once the accepting thread has left accept(): a restart on it must not race
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
