package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.node.ServiceClient;
import org.liquidpilot.ros.node.ServiceException;
import org.liquidpilot.ros2.dds.CdrTopicType;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.subscriber.Subscriber;
import us.ihmc.pubsub.subscriber.SubscriberListener;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Calls a ROS 2 service over DDS: writes the request to {@code rq/<service>Request} with this client's 64-bit id and
 * the call's sequence number before the body, and takes from {@code rr/<service>Reply} the reply that carries both
 * back (every client of the service reads every reply; the others are skipped), as rmw_cyclonedds does. The id is
 * random per client: the server only echoes it.
 * <p>
 * A call first waits until a server's request reader and reply writer have matched (ROS 2's wait-for-service; a
 * request written before that would be lost, the topics being volatile), then for the reply; both within the
 * client's timeout, after which it fails with a {@link ServiceException} saying which. Our side matching is not
 * the server's side matching: a Cyclone DDS reader that has not yet discovered our writer drops the request (and
 * being volatile, never asks for it again), which the C peer test hit. So the first call also waits until the
 * matches have held for {@link #SETTLE_NANOS}, time for the server to process our endpoints' announcements too.
 */
final class Ros2ServiceClient<Q, R> implements ServiceClient<Q, R>, SubscriberListener<CdrTopicType.Sample<R>> {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");
    private static final SecureRandom IDS = new SecureRandom();

    private final Domain domain;
    private final String name;
    private final long timeoutNanos;
    private final long id;
    private final AtomicLong nextSequence = new AtomicLong();
    private final Map<Long, CompletableFuture<R>> pending = new ConcurrentHashMap<>();
    private final CdrTopicType.Sample<Q> request = new CdrTopicType.Sample<>();
    private final CdrTopicType.Sample<R> reply = new CdrTopicType.Sample<>();
    private final SampleInfo info = new SampleInfo();
    private final AtomicLong malformed = new AtomicLong();
    private final Object matchLock = new Object();
    private int requestReaders, replyWriters;
    /** When both matches were last complete (System.nanoTime), under matchLock. */
    private long availableSince;
    static final long SETTLE_NANOS = 300_000_000L;
    private volatile Subscriber<CdrTopicType.Sample<R>> reader;
    private volatile us.ihmc.pubsub.publisher.Publisher writer;
    private final Object gate = new Object();
    private volatile boolean closing;

    Ros2ServiceClient(Domain domain, String name, Duration timeout) {
        this.domain = domain;
        this.name = name;
        this.timeoutNanos = timeout.toNanos();
        long v;
        do v = IDS.nextLong(); while (v == 0);
        this.id = v;
    }

    void attach(Subscriber<CdrTopicType.Sample<R>> reader, us.ihmc.pubsub.publisher.Publisher writer) {
        this.reader = reader;
        this.writer = writer;
    }

    long id() {
        return id;
    }

    void onRequestMatch(MatchingInfo m) {
        synchronized (matchLock) {
            requestReaders = Math.max(0, requestReaders + (m.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING ? 1 : -1));
            matchChanged();
        }
    }

    @Override
    public void onSubscriptionMatched(Subscriber<CdrTopicType.Sample<R>> r, MatchingInfo m) {
        synchronized (matchLock) {
            replyWriters = Math.max(0, replyWriters + (m.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING ? 1 : -1));
            matchChanged();
        }
    }

    /** Under matchLock: a new match restarts the settling time (it may be a new server). */
    private void matchChanged() {
        availableSince = System.nanoTime();
        matchLock.notifyAll();
    }

    /** Whether a server is there (its request reader and reply writer have both matched). */
    boolean isServiceAvailable() {
        synchronized (matchLock) {
            return requestReaders > 0 && replyWriters > 0;
        }
    }

    @Override
    public R call(Q q) throws ServiceException {
        long deadline = System.nanoTime() + timeoutNanos;
        double seconds = timeoutNanos / 1e9;
        try {
            synchronized (matchLock) {
                while (true) {
                    if (closing) throw new ServiceException("service client for " + name + " is shut down");
                    long now = System.nanoTime(), left = deadline - now;
                    boolean matched = requestReaders > 0 && replyWriters > 0;
                    long settling = matched ? availableSince + SETTLE_NANOS - now : 0;
                    if (matched && settling <= 0) break;
                    if (left <= 0) {
                        throw new ServiceException(String.format("service %s is not available: no server matched within %.1f s", name, seconds));
                    }
                    TimeUnit.NANOSECONDS.timedWait(matchLock, matched ? Math.min(left, settling) : left);
                }
            }
            long seq = nextSequence.incrementAndGet();
            CompletableFuture<R> answer = new CompletableFuture<>();
            pending.put(seq, answer);
            try {
                send(q, seq);
                return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new ServiceException(String.format("service %s did not reply within %.1f s (request %d; a server that fails a request sends no reply)",
                        name, seconds, seq));
            } catch (ExecutionException e) {
                throw new ServiceException("service " + name + ": " + e.getCause().getMessage(), e.getCause());
            } finally {
                pending.remove(seq);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while calling " + name, e);
        }
    }

    private synchronized void send(Q q, long seq) throws ServiceException {
        us.ihmc.pubsub.publisher.Publisher w = writer;
        if (w == null) throw new ServiceException("service client for " + name + " is shut down");
        request.message = q;
        request.clientId = id;
        request.sequence = seq;
        try {
            w.write(request);
        } catch (IOException e) {
            throw new ServiceException("could not send a request to " + name + ": " + e.getMessage(), e);
        } finally {
            request.message = null;
        }
    }

    @Override
    public void onNewDataMessage(Subscriber<CdrTopicType.Sample<R>> r) {
        do {
            R res;
            long client, seq;
            synchronized (gate) {
                if (closing || !r.takeNextData(reply, info)) return;
                res = reply.message;
                client = reply.clientId;
                seq = reply.sequence;
            }
            reply.message = null;
            if (res == null) {
                long n = malformed.incrementAndGet();
                if (Long.bitCount(n) == 1) LOG.warning("dropped malformed reply on " + name + " (" + n + " so far): " + reply.error);
                continue;
            }
            if (client != id) continue; // another client's reply
            CompletableFuture<R> answer = pending.get(seq);
            if (answer != null) answer.complete(res);
        } while (!cleanOrClosing(r));
    }

    private boolean cleanOrClosing(Subscriber<CdrTopicType.Sample<R>> r) {
        synchronized (gate) {
            return closing || r.isInCleanState();
        }
    }

    /** Replies dropped because they did not decode. */
    long malformedCount() {
        return malformed.get();
    }

    @Override
    public String getName() {
        return name;
    }

    void shutdown() {
        synchronized (gate) {
            closing = true;
        }
        synchronized (matchLock) {
            matchLock.notifyAll();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("the node shut down")));
        var r = reader;
        reader = null;
        if (r != null) domain.removeSubscriber(r);
        us.ihmc.pubsub.publisher.Publisher w;
        synchronized (this) {
            w = writer;
            writer = null;
        }
        if (w != null) domain.removePublisher(w);
    }
}
