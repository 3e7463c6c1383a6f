package org.liquidpilot.bags;

import org.liquidpilot.ros.msg.MessageCodec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One message read from a bag: its connection, its bag time (receive time, in nanoseconds) and its serialized bytes.
 * {@code data} is a read-only view into the chunk it came from; {@link #bytes()} copies it.
 */
public record BagMessage(Connection connection, long time, ByteBuffer data) {

    public String topic() {
        return connection.topic();
    }

    public byte[] bytes() {
        byte[] b = new byte[data.remaining()];
        data.get(data.position(), b);
        return b;
    }

    /**
     * Decodes the payload with {@code codec}, which must be for this connection's type (same md5sum; a codec whose md5sum
     * is {@code *} accepts any).
     */
    public <T> T decode(MessageCodec<T> codec) {
        String md5 = codec.md5sum();
        if (!"*".equals(md5) && !md5.equals(connection.md5sum())) {
            throw new IllegalArgumentException("codec for " + codec.type() + " [" + md5 + "] cannot read " + topic() + ", which holds "
                    + connection.type() + " [" + connection.md5sum() + "]");
        }
        return codec.decode(data.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }
}
