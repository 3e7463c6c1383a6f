package org.liquidpilot.bags.mcap;

import java.util.Map;

/** The statistics record of the summary: counts, the message time span, and the message count of each channel. */
public record McapStatistics(long messageCount, int schemaCount, long channelCount, long attachmentCount, long metadataCount,
                             long chunkCount, long messageStartTime, long messageEndTime, Map<Integer, Long> channelMessageCounts) {
    public McapStatistics {
        channelMessageCounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(channelMessageCounts));
    }
}
