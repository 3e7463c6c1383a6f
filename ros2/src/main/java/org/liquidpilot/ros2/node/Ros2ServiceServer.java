package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.node.ServiceException;
import org.liquidpilot.ros.node.ServiceHandler;
import org.liquidpilot.ros.node.ServiceServer;
import org.liquidpilot.ros2.dds.CdrTopicType;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.subscriber.Subscriber;
import us.ihmc.pubsub.subscriber.SubscriberListener;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A service offered over DDS as ROS 2 does: requests are read from {@code rq/<service>Request}, each answer is
 * written to {@code rr/<service>Reply} with the request's header (client id, sequence number) copied, so the
 * caller can tell its reply from the others on the topic (rmw_cyclonedds's convention; see {@link CdrTopicType}).
 * Requests are handled one at a time on the reader's listener thread. A request that does not decode is dropped
 * and counted; a handler that fails sends no reply (a ROS 2 reply has no error field), so the caller times out.
 * A reply written before the reply writer has matched any reader would be lost (volatile), so the first one waits up
 * to {@link #REPLY_MATCH_WAIT_MS} for a match, as rmw_cyclonedds's services wait for the caller's reply reader.
 */
final class Ros2ServiceServer<Q, R> implements ServiceServer, SubscriberListener<CdrTopicType.Sample<Q>> {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");

    private final Domain domain;
    private final String name;
    private final ServiceHandler<Q, R> handler;
    private final CdrTopicType.Sample<Q> request = new CdrTopicType.Sample<>();
    private final CdrTopicType.Sample<R> reply = new CdrTopicType.Sample<>();
    private final SampleInfo info = new SampleInfo();
    private final AtomicLong malformed = new AtomicLong(), served = new AtomicLong(), failed = new AtomicLong();
    private volatile Subscriber<CdrTopicType.Sample<Q>> reader;
    private volatile us.ihmc.pubsub.publisher.Publisher writer;
    /** As in {@link Ros2Subscriber}: the listener stops touching the reader before shutdown deletes it. */
    private final Object gate = new Object();
    private volatile boolean closing;
    private final Object matchLock = new Object();
    private int replyReaders;
    static final long REPLY_MATCH_WAIT_MS = 1000;

    Ros2ServiceServer(Domain domain, String name, ServiceHandler<Q, R> handler) {
        this.domain = domain;
        this.name = name;
        this.handler = handler;
    }

    void attach(Subscriber<CdrTopicType.Sample<Q>> reader, us.ihmc.pubsub.publisher.Publisher writer) {
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public void onNewDataMessage(Subscriber<CdrTopicType.Sample<Q>> r) {
        do {
            Q q;
            long client, seq;
            synchronized (gate) {
                if (closing || !r.takeNextData(request, info)) return;
                q = request.message;
                client = request.clientId;
                seq = request.sequence;
            }
            request.message = null;
            if (q == null) {
                long n = malformed.incrementAndGet();
                if (Long.bitCount(n) == 1) LOG.warning("dropped malformed request to " + name + " (" + n + " so far): " + request.error);
                continue;
            }
            R res;
            try {
                res = handler.handle(q);
            } catch (ServiceException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.log(Level.WARNING, "service " + name + " failed a request; no reply is sent (ROS 2 replies carry no error): " + e.getMessage());
                continue;
            }
            reply(res, client, seq);
        } while (!cleanOrClosing(r));
    }

    void onReplyMatch(MatchingInfo m) {
        synchronized (matchLock) {
            replyReaders = Math.max(0, replyReaders + (m.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING ? 1 : -1));
            matchLock.notifyAll();
        }
    }

    private void awaitReplyReader() {
        long end = System.nanoTime() + REPLY_MATCH_WAIT_MS * 1_000_000;
        synchronized (matchLock) {
            try {
                for (long left; replyReaders == 0 && !closing && (left = end - System.nanoTime()) > 0; ) {
                    TimeUnit.NANOSECONDS.timedWait(matchLock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void reply(R res, long client, long seq) {
        awaitReplyReader();
        us.ihmc.pubsub.publisher.Publisher w = writer;
        if (w == null) return;
        reply.message = res;
        reply.clientId = client;
        reply.sequence = seq;
        try {
            w.write(reply);
            served.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not reply on " + name + ": " + e);
        } finally {
            reply.message = null;
        }
    }

    private boolean cleanOrClosing(Subscriber<CdrTopicType.Sample<Q>> r) {
        synchronized (gate) {
            return closing || r.isInCleanState();
        }
    }

    @Override
    public void onSubscriptionMatched(Subscriber<CdrTopicType.Sample<Q>> r, MatchingInfo info) {}

    /** Requests dropped because they did not decode. */
    long malformedCount() {
        return malformed.get();
    }

    /** Replies written. */
    long servedCount() {
        return served.get();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public void shutdown() {
        synchronized (gate) {
            closing = true;
        }
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
