package org.liquidpilot.bags;

import java.util.Set;

/**
 * Which messages to read: topics (empty means all) and an inclusive time range in nanoseconds.
 */
public record BagQuery(Set<String> topics, long start, long end) {
    public BagQuery {
        topics = Set.copyOf(topics);
        if (start > end) throw new IllegalArgumentException("query start " + start + " is after its end " + end);
    }

    public static BagQuery all() {
        return new BagQuery(Set.of(), 0, Long.MAX_VALUE);
    }

    public static BagQuery topics(String... topics) {
        return new BagQuery(Set.of(topics), 0, Long.MAX_VALUE);
    }

    public BagQuery between(long start, long end) {
        return new BagQuery(topics, start, end);
    }

    public boolean matches(String topic) {
        return topics.isEmpty() || topics.contains(topic);
    }
}
