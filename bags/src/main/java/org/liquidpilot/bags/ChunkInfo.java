package org.liquidpilot.bags;

import java.util.Map;

/**
 * A chunk info record of the index: where a chunk starts, the time span of its messages, and how many messages of
 * each connection it holds (connection id to count, in the writer's order).
 */
public record ChunkInfo(long chunkPos, long startTime, long endTime, Map<Integer, Integer> counts) {
    public ChunkInfo {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }

    public int messageCount() {
        int n = 0;
        for (int c : counts.values()) n += c;
        return n;
    }

    public boolean overlaps(long start, long end) {
        return startTime <= end && endTime >= start;
    }
}
