package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.node.MessageListener;
import org.liquidpilot.ros.node.Subscriber;
import org.liquidpilot.ros2.dds.CdrTopicType;
import org.liquidpilot.ros2.dds.Ros2Qos;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.common.MatchingInfo;
import us.ihmc.pubsub.common.SampleInfo;
import us.ihmc.pubsub.subscriber.SubscriberListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A DDS data reader behind the node API's {@link Subscriber}. Messages are decoded and handed to the listeners on
 * the reader's listener thread (one per reader, so listeners are never called concurrently). A payload that does
 * not decode is dropped with a warning (rate-limited), never thrown into the DDS library.
 */
final class Ros2Subscriber<T> implements Subscriber<T>, SubscriberListener<CdrTopicType.Sample<T>> {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");

    private final Domain domain;
    private final String topic;
    private final String type;
    private final Ros2Qos qos;
    private final List<MessageListener<T>> listeners = new CopyOnWriteArrayList<>();
    private final CdrTopicType.Sample<T> sample = new CdrTopicType.Sample<>();
    private final SampleInfo info = new SampleInfo();
    private final AtomicInteger matched = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private volatile us.ihmc.pubsub.subscriber.Subscriber<CdrTopicType.Sample<T>> reader;
    /**
     * Guards the listener's calls into the reader against {@link #shutdown}: the library's delete holds the reader's
     * lock while it waits for the listener thread, so a listener that then asks the reader anything would deadlock.
     * Shutdown first closes the gate, so the listener stops touching the reader before the delete starts.
     */
    private final Object gate = new Object();
    private volatile boolean closing;

    Ros2Subscriber(Domain domain, String topic, String type, Ros2Qos qos) {
        this.domain = domain;
        this.topic = topic;
        this.type = type;
        this.qos = qos;
    }

    void attach(us.ihmc.pubsub.subscriber.Subscriber<CdrTopicType.Sample<T>> reader) {
        this.reader = reader;
    }

    @Override
    public void onNewDataMessage(us.ihmc.pubsub.subscriber.Subscriber<CdrTopicType.Sample<T>> r) {
        // Take while samples are unread: the native wrapper prints a line for every take that finds nothing.
        do {
            T m;
            synchronized (gate) {
                if (closing || !r.takeNextData(sample, info)) return;
                m = sample.message;
            }
            sample.message = null;
            if (m == null) {
                long n = malformed.incrementAndGet();
                if (Long.bitCount(n) == 1) LOG.warning("dropped malformed " + type + " on " + topic + " (" + n + " so far): " + sample.error);
                continue;
            }
            for (MessageListener<T> l : listeners) {
                try {
                    l.onNewMessage(m);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "listener on " + topic + " failed", e);
                }
            }
        } while (!cleanOrClosing(r));
    }

    private boolean cleanOrClosing(us.ihmc.pubsub.subscriber.Subscriber<CdrTopicType.Sample<T>> r) {
        synchronized (gate) {
            return closing || r.isInCleanState();
        }
    }

    @Override
    public void onSubscriptionMatched(us.ihmc.pubsub.subscriber.Subscriber<CdrTopicType.Sample<T>> r, MatchingInfo info) {
        if (info.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING) matched.incrementAndGet();
        else matched.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Payloads dropped because they did not decode. */
    long malformedCount() {
        return malformed.get();
    }

    Ros2Qos qos() {
        return qos;
    }

    @Override
    public void addMessageListener(MessageListener<T> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeMessageListener(MessageListener<T> listener) {
        listeners.remove(listener);
    }

    @Override
    public String getTopicName() {
        return topic;
    }

    @Override
    public String getTopicType() {
        return type;
    }

    @Override
    public int getNumberOfPublishers() {
        return matched.get();
    }

    @Override
    public void shutdown() {
        synchronized (gate) {
            closing = true;
        }
        var r = reader;
        reader = null;
        if (r != null) domain.removeSubscriber(r);
    }
}
