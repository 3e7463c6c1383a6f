package org.liquidpilot.ros.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded connection flood against a loopback port, for tests: {@code count} connections that each send
 * {@code opening} and then one byte of {@code trickle} every {@code periodMs} (a slowloris), or nothing at all when
 * {@code trickle} is null (idle sockets). It stops by itself after {@code maxMs} and on {@link #close()}.
 */
public final class Flood implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger connectFailures = new AtomicInteger();
    private final AtomicInteger seenClosed = new AtomicInteger();
    private final Thread trickler;
    private volatile boolean stop;

    private Flood(int port, int count, byte[] opening, byte[] trickle, long periodMs, long maxMs, InetAddress from) {
        long end = System.nanoTime() + maxMs * 1_000_000;
        for (int i = 0; i < count && System.nanoTime() < end; i++) {
            Socket s = new Socket();
            try {
                if (from != null) s.bind(new InetSocketAddress(from, 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                if (opening != null && opening.length > 0) s.getOutputStream().write(opening);
                synchronized (sockets) {
                    sockets.add(s);
                }
                connected.incrementAndGet();
            } catch (IOException e) {
                connectFailures.incrementAndGet();
                try {
                    s.close();
                } catch (IOException ignored) {
                    // not connected
                }
            }
        }
        trickler = new Thread(() -> trickle(trickle, periodMs, end), "test-flood-trickle");
        trickler.setDaemon(true);
        trickler.start();
    }

    /** Connections that send {@code opening}, then a byte of {@code trickle} (cycled) every {@code periodMs}. */
    public static Flood slowloris(int port, int count, String opening, String trickle, long periodMs, long maxMs) {
        return new Flood(port, count, bytes(opening), bytes(trickle), periodMs, maxMs, null);
    }

    public static Flood slowloris(int port, int count, byte[] opening, byte[] trickle, long periodMs, long maxMs) {
        return new Flood(port, count, opening, trickle, periodMs, maxMs, null);
    }

    /** Connections that send nothing. */
    public static Flood idle(int port, int count, long maxMs) {
        return new Flood(port, count, null, null, 0, maxMs, null);
    }

    /** Idle connections from a chosen loopback source address (127.0.0.2 and so on are loopback too on Linux). */
    public static Flood idleFrom(InetAddress from, int port, int count, long maxMs) {
        return new Flood(port, count, null, null, 0, maxMs, from);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void trickle(byte[] trickle, long periodMs, long end) {
        int i = 0;
        while (!stop && System.nanoTime() < end) {
            List<Socket> now;
            synchronized (sockets) {
                now = new ArrayList<>(sockets);
            }
            int closed = 0;
            for (Socket s : now) {
                if (s.isClosed()) {
                    closed++;
                    continue;
                }
                if (trickle == null) {
                    // idle: notice the server closing us without sending anything
                    try {
                        s.setSoTimeout(1);
                        if (s.getInputStream().read() < 0) s.close();
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // held
                    } catch (IOException e) {
                        closeQuietly(s);
                    }
                } else {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(trickle[i % trickle.length]);
                        out.flush();
                    } catch (IOException e) {
                        closeQuietly(s);
                    }
                }
                if (s.isClosed()) closed++;
            }
            seenClosed.set(closed);
            i++;
            long sleep = trickle == null ? 200 : periodMs;
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone
        }
    }

    /** Connections that were established. */
    public int connected() {
        return connected.get();
    }

    public int connectFailures() {
        return connectFailures.get();
    }

    /** Of the established connections, how many the flood has seen closed by the server so far (lags by a period). */
    public int seenClosed() {
        return seenClosed.get();
    }

    /** Connections not (yet) seen closed. */
    public int stillOpen() {
        synchronized (sockets) {
            return (int) sockets.stream().filter(s -> !s.isClosed()).count();
        }
    }

    @Override
    public void close() {
        stop = true;
        trickler.interrupt();
        try {
            trickler.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (sockets) {
            sockets.forEach(Flood::closeQuietly);
        }
    }
}
