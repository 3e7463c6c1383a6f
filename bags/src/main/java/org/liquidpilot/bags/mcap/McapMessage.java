package org.liquidpilot.bags.mcap;

import java.nio.ByteBuffer;

/**
 * A message record: channel, sequence number, log time (when it was recorded) and publish time in nanoseconds, and the
 * payload bytes untouched. {@code data} is a read-only view; {@link #bytes()} copies it.
 */
public record McapMessage(int channelId, long sequence, long logTime, long publishTime, ByteBuffer data) {
    public byte[] bytes() {
        byte[] b = new byte[data.remaining()];
        data.get(data.position(), b);
        return b;
    }
}
