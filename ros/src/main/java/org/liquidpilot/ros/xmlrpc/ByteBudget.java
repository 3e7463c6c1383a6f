package org.liquidpilot.ros.xmlrpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that request bodies may hold in memory at once, shared by the servers it is given to. A request takes its
 * share before it reads the bytes and gives it back when it has been answered; a request that does not fit is
 * answered {@code 503} without its body being read, so concurrent large bodies cannot drive the heap out of memory.
 */
public final class ByteBudget {
    /**
     * The budget every {@link XmlRpcServer} of this JVM shares unless told otherwise: an eighth of the heap, at
     * least one largest request ({@link XmlRpcServer#MAX_REQUEST_BYTES}) and at most 256 MB. A parsed body takes
     * about three times its size while it is decoded, so this keeps request bodies under half the heap.
     */
    public static final ByteBudget SHARED = new ByteBudget(Math.max(XmlRpcServer.MAX_REQUEST_BYTES,
            Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8)));

    private final long capacity;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    public ByteBudget(long capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("budget must be positive");
        this.capacity = capacity;
    }

    /** Takes {@code bytes} if they fit; false (and nothing taken) when they do not. */
    public boolean tryTake(long bytes) {
        if (bytes <= 0) return true;
        while (true) {
            long now = inUse.get();
            if (now + bytes > capacity) {
                refusals.incrementAndGet();
                return false;
            }
            if (inUse.compareAndSet(now, now + bytes)) {
                peak.accumulateAndGet(now + bytes, Math::max);
                return true;
            }
        }
    }

    public void giveBack(long bytes) {
        if (bytes > 0) inUse.addAndGet(-bytes);
    }

    public long capacity() {
        return capacity;
    }

    /** Bytes taken now. */
    public long inUse() {
        return inUse.get();
    }

    /** The most bytes taken at once; never above {@link #capacity()}. */
    public long peak() {
        return peak.get();
    }

    /** Requests that did not fit. */
    public long refusals() {
        return refusals.get();
    }

    /**
     * One request's share. The first {@code allowance} bytes are free: small requests (every registration and
     * lookup of a ROS graph) are bounded by the connection cap instead and are never refused, so a flood of large
     * bodies cannot lock the graph out of its master.
     */
    final class Share {
        private final long allowance;
        private long used;
        private long taken;

        Share(long allowance) {
            this.allowance = allowance;
        }

        /** Accounts for {@code bytes} more; throws when the budget cannot hold them. */
        void take(long bytes) throws OverBudgetException {
            used += bytes;
            long need = Math.max(0, used - allowance) - taken;
            if (need <= 0) return;
            if (!tryTake(need)) {
                used -= bytes;
                throw new OverBudgetException("request bodies in flight are over the " + (capacity >> 20) + " MB budget");
            }
            taken += need;
        }

        void release() {
            giveBack(taken);
            taken = 0;
            used = 0;
        }
    }

    Share share(long allowance) {
        return new Share(allowance);
    }
}
