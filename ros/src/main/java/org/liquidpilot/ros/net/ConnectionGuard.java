package org.liquidpilot.ros.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Admission control and deadlines for the connections of one server port (an XML-RPC server, a TCPROS port).
 * <p>
 * Each accepted connection gets a {@link Slot}. A slot is <em>idle</em> (waiting for a request, a keep-alive
 * between requests), <em>reading</em> (a request, a header or a body has started but not finished) or
 * <em>busy</em> (being answered). Every state has a deadline; a shared reaper thread closes connections that pass
 * theirs, so a peer that sends one byte a second cannot hold a connection longer than the header or body deadline.
 * <p>
 * There are three caps: connections in all, connections from one remote address, and connections from addresses
 * that are not this host's own ({@code maxConnections - localReserve}), so a remote flood always leaves slots for the
 * local graph. A newcomer that meets a cap does not get turned away while there is an idle or half-sent connection to
 * drop: the one that has held its slot longest without finishing a request is closed and the newcomer takes its place.
 * Only when every connection within the cap is busy being answered is the newcomer closed. Well-behaved peers
 * send a request at once after connecting and are answered in milliseconds, so under a flood of slow or silent
 * connections they still get served; an evicted keep-alive connection just reconnects.
 */
public final class ConnectionGuard implements AutoCloseable {
    /** No deadline. */
    public static final long NEVER = Long.MAX_VALUE;
    private static final long REAP_PERIOD_MS = 100;
    private static final ScheduledExecutorService REAPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ros-connection-reaper");
        t.setDaemon(true);
        return t;
    });
    private static final Map<InetAddress, Boolean> LOCAL_CACHE = new ConcurrentHashMap<>();

    /**
     * @param maxConnections connections held at once
     * @param maxPerAddress  connections from one remote address
     * @param localReserve   slots that only this host's own addresses may use
     */
    public record Limits(int maxConnections, int maxPerAddress, int localReserve) {
        public Limits {
            if (maxConnections < 1 || maxPerAddress < 1 || localReserve < 0 || localReserve >= maxConnections) {
                throw new IllegalArgumentException("bad connection limits " + maxConnections + "/" + maxPerAddress + "/" + localReserve);
            }
        }
    }

    enum State { IDLE, READING, BUSY }

    private final String name;
    private final Limits limits;
    private final Predicate<InetAddress> isLocal;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> reaping;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile int peak;
    private volatile boolean closed;

    public ConnectionGuard(String name, Limits limits) {
        this(name, limits, ConnectionGuard::isOwnAddress);
    }

    /** With a custom test of which addresses count as this host's own (tests use it to play a remote peer). */
    public ConnectionGuard(String name, Limits limits, Predicate<InetAddress> isLocal) {
        this.name = name;
        this.limits = limits;
        this.isLocal = isLocal;
        this.reaping = REAPER.scheduleWithFixedDelay(this::reap, REAP_PERIOD_MS, REAP_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Takes a slot for a newly accepted connection, dropping the oldest idle or half-sent connection when a cap is
     * reached. Returns null, and closes {@code connection}, when every connection within the cap is busy. The
     * slot starts {@linkplain Slot#reading reading} with {@code firstDeadlineMs}: a new connection must deliver
     * its request (or header) within it.
     */
    public Slot admit(Closeable connection, InetAddress remote, long firstDeadlineMs) {
        boolean local = remote == null || isLocal.test(remote);
        List<Slot> victims = new ArrayList<>(3);
        Slot slot;
        synchronized (this) {
            if (closed) {
                closeQuietly(connection);
                return null;
            }
            int total = 0, fromAddress = 0, remoteCount = 0;
            for (Slot s : slots) {
                total++;
                if (remote != null && remote.equals(s.address)) fromAddress++;
                if (!s.local) remoteCount++;
            }
            if (fromAddress >= limits.maxPerAddress) {
                Slot v = oldestEvictable(s -> remote.equals(s.address), victims);
                if (v == null) return refuse(connection);
                victims.add(v);
                total--;
                if (!v.local) remoteCount--;
            }
            if (!local && remoteCount >= limits.maxConnections - limits.localReserve) {
                Slot v = oldestEvictable(s -> !s.local, victims);
                if (v == null) return refuse(connection);
                victims.add(v);
                total--;
            }
            if (total >= limits.maxConnections) {
                Slot v = oldestEvictable(s -> true, victims);
                if (v == null) return refuse(connection);
                victims.add(v);
            }
            for (Slot v : victims) slots.remove(v);
            slot = new Slot(connection, remote, local);
            slot.reading(firstDeadlineMs);
            slots.add(slot);
            int n = slots.size();
            if (n > peak) peak = n;
        }
        admitted.incrementAndGet();
        for (Slot v : victims) {
            evicted.incrementAndGet();
            v.evicted = true;
            closeQuietly(v.connection);
        }
        return slot;
    }

    private Slot refuse(Closeable connection) {
        refused.incrementAndGet();
        closeQuietly(connection);
        return null;
    }

    /** The evictable (idle or reading) slot matching {@code which} that entered its state earliest. */
    private Slot oldestEvictable(Predicate<Slot> which, List<Slot> exclude) {
        Slot best = null;
        for (Slot s : slots) {
            if (s.state == State.BUSY || !which.test(s) || exclude.contains(s)) continue;
            if (best == null || s.since - best.since < 0) best = s;
        }
        return best;
    }

    private void reap() {
        long now = System.nanoTime();
        for (Slot s : slots) {
            if (s.deadline - now < 0) {
                if (slots.remove(s)) {
                    timedOut.incrementAndGet();
                    s.timedOut = true;
                    closeQuietly(s.connection);
                }
            }
        }
    }

    /** Connections held now. */
    public int open() {
        return slots.size();
    }

    /** The most connections held at once. */
    public int peak() {
        return peak;
    }

    public long admitted() {
        return admitted.get();
    }

    /** Connections closed to make room for a newcomer. */
    public long evicted() {
        return evicted.get();
    }

    /** Connections closed for missing a deadline. */
    public long timedOut() {
        return timedOut.get();
    }

    /** Newcomers closed because every connection within the cap was busy. */
    public long refused() {
        return refused.get();
    }

    /** Closes every connection it holds; later admissions are refused. */
    @Override
    public void close() {
        List<Slot> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(slots);
            slots.clear();
        }
        reaping.cancel(false);
        for (Slot s : all) closeQuietly(s.connection);
    }

    @Override
    public String toString() {
        return "ConnectionGuard[" + name + ": " + slots.size() + " open, " + evicted + " evicted, " + timedOut + " timed out]";
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Loopback, or an address of one of this host's interfaces. */
    public static boolean isOwnAddress(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) return true;
        Boolean cached = LOCAL_CACHE.get(a);
        if (cached != null) return cached;
        boolean own;
        try {
            own = NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            own = false;
        }
        if (LOCAL_CACHE.size() > 4096) LOCAL_CACHE.clear();
        LOCAL_CACHE.put(a, own);
        return own;
    }

    /** One admitted connection. The serving thread moves it between states; {@link #release()} when done. */
    public final class Slot {
        private final Closeable connection;
        private final InetAddress address;
        private final boolean local;
        private volatile State state;
        private volatile long since;
        private volatile long deadline;
        private volatile boolean evicted;
        private volatile boolean timedOut;

        private Slot(Closeable connection, InetAddress address, boolean local) {
            this.connection = connection;
            this.address = address;
            this.local = local;
        }

        /** Waiting for the next request (or, on a service session, the next call); may be dropped for a newcomer. */
        public void idle(long timeoutMs) {
            enter(State.IDLE, timeoutMs);
        }

        /** A request has started and must be complete within {@code timeoutMs}; may be dropped for a newcomer. */
        public void reading(long timeoutMs) {
            enter(State.READING, timeoutMs);
        }

        /** Moves to the next part of a request (header to body) with a new deadline, keeping its place in line. */
        public void continueReading(long timeoutMs) {
            deadline = deadlineFrom(System.nanoTime(), timeoutMs);
            state = State.READING;
        }

        /** Being answered; never dropped for a newcomer, but closed after {@code timeoutMs} (a stalled write). */
        public void busy(long timeoutMs) {
            enter(State.BUSY, timeoutMs);
        }

        private void enter(State s, long timeoutMs) {
            long now = System.nanoTime();
            deadline = deadlineFrom(now, timeoutMs);
            since = now;
            state = s;
        }

        private static long deadlineFrom(long now, long timeoutMs) {
            return timeoutMs == NEVER ? now + (Long.MAX_VALUE >> 1) : now + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        }

        /** True when the guard closed this connection, to make room or for a missed deadline. */
        public boolean closedByGuard() {
            return evicted || timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }

        /** Gives the slot back (the connection is finished, or handed on to something that counts it itself). */
        public void release() {
            slots.remove(this);
        }
    }
}
