package org.liquidpilot.ros2.node;

import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros2.dds.CdrTopicType;
import org.liquidpilot.ros2.dds.Ros2Qos;
import us.ihmc.pubsub.Domain;
import us.ihmc.pubsub.common.MatchingInfo;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A DDS data writer behind the node API's {@link Publisher}. */
final class Ros2Publisher<T> implements Publisher<T> {
    private static final Logger LOG = Logger.getLogger("org.liquidpilot.ros2");

    private final Domain domain;
    private final String topic;
    private final String type;
    private final Ros2Qos qos;
    private final CdrTopicType.Sample<T> sample = new CdrTopicType.Sample<>();
    private final AtomicInteger matched = new AtomicInteger();
    private volatile us.ihmc.pubsub.publisher.Publisher writer;

    Ros2Publisher(Domain domain, String topic, String type, Ros2Qos qos) {
        this.domain = domain;
        this.topic = topic;
        this.type = type;
        this.qos = qos;
    }

    void attach(us.ihmc.pubsub.publisher.Publisher writer) {
        this.writer = writer;
    }

    void onMatch(MatchingInfo info) {
        if (info.getStatus() == MatchingInfo.MatchingStatus.MATCHED_MATCHING) matched.incrementAndGet();
        else matched.updateAndGet(n -> Math.max(0, n - 1));
    }

    @Override
    public synchronized void publish(T message) {
        us.ihmc.pubsub.publisher.Publisher w = writer;
        if (w == null) return;
        sample.message = message;
        try {
            w.write(sample);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not publish on " + topic + ": " + e.getMessage());
        } finally {
            sample.message = null;
        }
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
    public boolean isLatched() {
        return qos.transientLocal();
    }

    Ros2Qos qos() {
        return qos;
    }

    @Override
    public int getNumberOfSubscribers() {
        return matched.get();
    }

    @Override
    public synchronized void shutdown() {
        us.ihmc.pubsub.publisher.Publisher w = writer;
        writer = null;
        if (w != null) domain.removePublisher(w);
    }
}
