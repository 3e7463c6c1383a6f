package org.liquidpilot.bags.mcap;

import java.util.Map;

/**
 * Where a chunk lies and what it holds, as a chunk index record in the summary says (or as a linear scan found it):
 * its message time span, the chunk record's file offset and length, the file offset of each channel's message index
 * record that follows it, and its compression and sizes.
 */
public record ChunkIndex(long messageStartTime, long messageEndTime, long chunkStartOffset, long chunkLength,
                         Map<Integer, Long> messageIndexOffsets, long messageIndexLength, String compression,
                         long compressedSize, long uncompressedSize) {
    public ChunkIndex {
        messageIndexOffsets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(messageIndexOffsets));
    }

    boolean overlaps(long start, long end) {
        return messageStartTime <= end && messageEndTime >= start;
    }
}
