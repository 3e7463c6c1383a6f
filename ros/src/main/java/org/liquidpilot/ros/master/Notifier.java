package org.liquidpilot.ros.master;

import org.liquidpilot.ros.xmlrpc.XmlRpcWriter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The master's calls to nodes ({@code publisherUpdate}, {@code paramUpdate}, {@code shutdown}), made without holding
 * the master up and with bounded resources: one thread drives every call over non-blocking sockets (plus one that
 * resolves host names, so a slow DNS answer stalls only that name).
 * <ul>
 *   <li>One call at a time per endpoint (host:port, that is one node), so a node gets its updates in order and a
 *       dead or silent endpoint holds one socket, however many registrations point at it.</li>
 *   <li>At most {@link #MAX_IN_FLIGHT} calls open at once; the rest wait their turn.</li>
 *   <li>Each call has {@link #CONNECT_MS} to connect and {@link #CALL_MS} in all to be answered; an endpoint that
 *       fails is not called again for a backoff (0.25 s doubling to 5 s), during which its pending calls wait.</li>
 *   <li>A newer update of the same topic or parameter for the same node replaces one still pending; at most
 *       {@link #MAX_PENDING} calls wait per endpoint (the oldest is dropped).</li>
 * </ul>
 * As with rosmaster, a call that fails is not repeated; the answer's value is not used.
 */
final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());
    static final int MAX_IN_FLIGHT = 512;
    static final long CONNECT_MS = 1_000;
    static final long CALL_MS = 3_000;
    static final int MAX_PENDING = 1_000;
    private static final long BACKOFF_MIN_MS = 250;
    private static final long BACKOFF_MAX_MS = 5_000;
    private static final int HEAD_BYTES = 8192;
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.%]+]?");

    private final Selector selector;
    private final Thread thread;
    private final ExecutorService resolver;
    private final Object lock = new Object();
    private final Map<String, Endpoint> endpoints = new HashMap<>();   // host:port -> endpoint (lock)
    private final ArrayDeque<Endpoint> ready = new ArrayDeque<>();      // pending, idle, not backing off (lock)
    private final List<Endpoint> backingOff = new ArrayList<>();         // (lock)
    private final List<Call> inFlight = new ArrayList<>();               // (notifier thread)
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    Notifier(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.resolver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-resolve");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code method(args)} to the node at {@code api}. A non-null {@code replaces} names what the call
     * updates (a topic, a parameter key): a pending call to the same API with the same name is replaced.
     */
    void send(String api, String method, List<Object> args, String replaces) {
        URI uri;
        byte[] body;
        try {
            uri = URI.create(api);
            if (uri.getHost() == null || uri.getPort() <= 0 || !"http".equalsIgnoreCase(uri.getScheme())) throw new IllegalArgumentException("not http://host:port/");
            body = XmlRpcWriter.call(method, args);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, () -> "not calling " + method + " on [" + api + "]: " + e.getMessage());
            dropped.incrementAndGet();
            return;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String key = replaces == null ? null : path + " " + method + " " + replaces;
        synchronized (lock) {
            if (closed) return;
            String hostPort = uri.getHost() + ":" + uri.getPort();
            Endpoint e = endpoints.computeIfAbsent(hostPort, k -> new Endpoint(uri.getHost(), uri.getPort()));
            if (key != null) {
                for (Pending p : e.pending) {
                    if (key.equals(p.key)) {
                        p.body = body;
                        p.method = method;
                        dropped.incrementAndGet();
                        return;
                    }
                }
            }
            if (e.pending.size() >= MAX_PENDING) {
                e.pending.poll();
                dropped.incrementAndGet();
            }
            e.pending.add(new Pending(key, path, method, body));
            if (!e.busy && !e.queued && e.retryAt == 0) {
                e.queued = true;
                ready.add(e);
            }
        }
        selector.wakeup();
    }

    /** Calls answered with HTTP 200. */
    long delivered() {
        return delivered.get();
    }

    /** Calls that could not connect, timed out, or got no 200. */
    long failed() {
        return failed.get();
    }

    /** Calls replaced by a newer one, over the pending cap, or not sendable. */
    long dropped() {
        return dropped.get();
    }

    int inFlight() {
        synchronized (lock) {
            return inFlightCount;
        }
    }

    private int inFlightCount; // (lock) mirror of inFlight.size() for other threads

    private void loop() {
        while (!closed) {
            try {
                startReady();
                long wait = 100;
                long now = System.nanoTime();
                for (Call c : inFlight) wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(c.deadline() - now) + 1));
                selector.select(wait);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    Call c = (Call) k.attachment();
                    try {
                        if (k.isValid()) c.step(k);
                    } catch (IOException | RuntimeException e) {
                        finish(c, false, e.toString());
                    }
                }
                now = System.nanoTime();
                for (Call c : new ArrayList<>(inFlight)) {
                    if (c.deadline() - now < 0) finish(c, false, c.connected ? "no answer within " + CALL_MS + " ms" : "no connection within " + CONNECT_MS + " ms");
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) LOG.log(Level.WARNING, "notifier loop", e);
            }
        }
        for (Call c : new ArrayList<>(inFlight)) c.close();
    }

    private void startReady() {
        long now = System.nanoTime();
        List<Object[]> toStart = new ArrayList<>();
        synchronized (lock) {
            for (Iterator<Endpoint> it = backingOff.iterator(); it.hasNext(); ) {
                Endpoint e = it.next();
                if (e.retryAt - now > 0) continue;
                it.remove();
                e.retryAt = 0;
                if (e.pending.isEmpty()) {
                    endpoints.remove(e.hostPort(), e);
                } else if (!e.busy && !e.queued) {
                    e.queued = true;
                    ready.add(e);
                }
            }
            while (inFlightCount < MAX_IN_FLIGHT && !ready.isEmpty()) {
                Endpoint e = ready.poll();
                e.queued = false;
                Pending p = e.pending.poll();
                if (p == null) continue;
                e.busy = true;
                inFlightCount++;
                toStart.add(new Object[] {e, p});
            }
        }
        for (Object[] s : toStart) start((Endpoint) s[0], (Pending) s[1]);
    }

    private void start(Endpoint e, Pending p) {
        if (e.address == null) {
            if (IP_LITERAL.matcher(e.host).matches()) {
                try {
                    e.address = new InetSocketAddress(InetAddress.getByName(e.host), e.port); // a literal: no lookup
                } catch (IOException ex) {
                    done(e, false, p, "bad address " + e.host);
                    return;
                }
            } else {
                resolver.execute(() -> {
                    InetSocketAddress a = new InetSocketAddress(e.host, e.port);
                    if (a.isUnresolved()) {
                        done(e, false, p, "cannot resolve " + e.host);
                        return;
                    }
                    e.address = a;
                    synchronized (lock) {
                        inFlightCount--;
                        e.busy = false;
                        e.pending.addFirst(p);
                        if (!e.queued) {
                            e.queued = true;
                            ready.addFirst(e);
                        }
                    }
                    selector.wakeup();
                });
                return;
            }
        }
        Call c = new Call(e, p);
        inFlight.add(c);
        try {
            c.open();
        } catch (IOException | RuntimeException ex) {
            finish(c, false, ex.toString());
        }
    }

    private void finish(Call c, boolean ok, String why) {
        if (!inFlight.remove(c)) return;
        c.close();
        done(c.endpoint, ok, c.pending, why);
    }

    /** A call ended: count it, set the endpoint's backoff, queue its next call. */
    private void done(Endpoint e, boolean ok, Pending p, String why) {
        if (ok) {
            delivered.incrementAndGet();
        } else {
            failed.incrementAndGet();
            LOG.log(Level.FINE, () -> p.method + " to " + e.hostPort() + p.path + " failed: " + why);
        }
        long now = System.nanoTime();
        synchronized (lock) {
            inFlightCount--;
            e.busy = false;
            if (ok) {
                e.failures = 0;
                e.retryAt = 0;
            } else {
                e.failures = Math.min(e.failures + 1, 30);
                long backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS << Math.min(e.failures - 1, 10));
                e.retryAt = now + TimeUnit.MILLISECONDS.toNanos(backoff);
                if (e.retryAt == 0) e.retryAt = 1;
                backingOff.add(e);
                return;
            }
            if (e.pending.isEmpty()) {
                endpoints.remove(e.hostPort(), e);
            } else if (!e.queued) {
                e.queued = true;
                ready.add(e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resolver.shutdownNow();
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static final class Endpoint {
        final String host;
        final int port;
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        volatile InetSocketAddress address;
        boolean busy;      // a call is open or its name is being resolved
        boolean queued;    // in ready
        long retryAt;      // nanoTime after which a failed endpoint may be called again; 0: not backing off
        int failures;

        Endpoint(String host, int port) {
            this.host = host;
            this.port = port;
        }

        String hostPort() {
            return host + ":" + port;
        }
    }

    private static final class Pending {
        final String key;
        final String path;
        String method;
        byte[] body;

        Pending(String key, String path, String method, byte[] body) {
            this.key = key;
            this.path = path;
            this.method = method;
            this.body = body;
        }
    }

    /** One HTTP exchange on a non-blocking socket: connect, write the request, read until the answer is complete. */
    private final class Call {
        final Endpoint endpoint;
        final Pending pending;
        final long started = System.nanoTime();
        SocketChannel channel;
        ByteBuffer request;
        final ByteBuffer head = ByteBuffer.allocate(HEAD_BYTES);
        boolean connected;
        int status = -1;
        long bodyLeft = -1; // after the head: bytes of body still to come; -1: until the server closes

        Call(Endpoint endpoint, Pending pending) {
            this.endpoint = endpoint;
            this.pending = pending;
        }

        long deadline() {
            return started + TimeUnit.MILLISECONDS.toNanos(connected ? CALL_MS : CONNECT_MS);
        }

        void open() throws IOException {
            String h = "POST " + pending.path + " HTTP/1.1\r\nHost: " + endpoint.hostPort()
                    + "\r\nContent-Type: text/xml\r\nUser-Agent: liquidpilot-master\r\nConnection: close\r\nContent-Length: "
                    + pending.body.length + "\r\n\r\n";
            byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
            request = ByteBuffer.allocate(hb.length + pending.body.length).put(hb).put(pending.body).flip();
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (channel.connect(endpoint.address)) {
                connected = true;
                channel.register(selector, SelectionKey.OP_WRITE, this);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT, this);
            }
        }

        void step(SelectionKey k) throws IOException {
            if (k.isConnectable()) {
                if (!channel.finishConnect()) return;
                connected = true;
                k.interestOps(SelectionKey.OP_WRITE);
            }
            if (k.isValid() && k.isWritable()) {
                channel.write(request);
                if (!request.hasRemaining()) k.interestOps(SelectionKey.OP_READ);
            }
            if (k.isValid() && k.isReadable()) read();
        }

        private void read() throws IOException {
            if (status < 0) {
                int n = channel.read(head);
                if (n < 0) {
                    finish(this, false, "closed without an answer");
                    return;
                }
                parseHead();
                if (status < 0) {
                    if (!head.hasRemaining()) finish(this, false, "HTTP head over " + HEAD_BYTES + " bytes");
                    return;
                }
            } else {
                head.clear(); // the rest of the answer is counted, not kept
                int n = channel.read(head);
                if (n < 0) {
                    finish(this, true, null);
                    return;
                }
                if (bodyLeft > 0) bodyLeft -= n;
            }
            if (bodyLeft == 0) finish(this, status == 200, "HTTP " + status);
        }

        /** Finds the status and Content-Length once the head is complete; what follows it counts as body. */
        private void parseHead() {
            byte[] b = head.array();
            int len = head.position();
            int end = -1;
            for (int i = 3; i < len; i++) {
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) return;
            String text = new String(b, 0, end, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] statusLine = lines[0].split(" ");
            try {
                status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
            } catch (NumberFormatException e) {
                status = 0;
            }
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    try {
                        bodyLeft = Math.max(0, Long.parseLong(line.substring(colon + 1).trim()) - (len - end));
                    } catch (NumberFormatException e) {
                        bodyLeft = -1;
                    }
                }
            }
        }

        void close() {
            try {
                if (channel != null) channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
