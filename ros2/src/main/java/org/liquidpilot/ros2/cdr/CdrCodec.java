package org.liquidpilot.ros2.cdr;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.MessageFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A message codec for ROS 2: the type's ROS 1 codec plus the spec-driven transcoder. Holds scratch buffers, so one
 * instance serves one thread at a time (a publisher under its lock, a subscription on its listener thread).
 */
public final class CdrCodec<T> {
    private final MessageCodec<T> codec;
    private final CdrTranscoder transcoder;
    private final ByteSink ros1 = ByteSink.growable(256);
    private ByteBuffer encodeScratch = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

    public CdrCodec(MessageCodec<T> codec) {
        this.codec = codec;
        this.transcoder = CdrTranscoder.of(codec);
    }

    public MessageCodec<T> codec() {
        return codec;
    }

    public String type() {
        return codec.type();
    }

    /** Writes {@code message}'s CDR body to {@code out}. */
    public void encode(T message, ByteSink out) {
        int size = codec.encodedSize(message);
        if (encodeScratch.capacity() < size) encodeScratch = ByteBuffer.allocate(Math.max(size, 2 * encodeScratch.capacity())).order(ByteOrder.LITTLE_ENDIAN);
        encodeScratch.clear();
        codec.encode(message, encodeScratch);
        encodeScratch.flip();
        transcoder.toCdr(encodeScratch, out);
    }

    /**
     * Reads a message from a CDR body ({@code body}'s position is the alignment origin; bytes after the message,
     * such as the padding some writers add, are ignored).
     *
     * @throws MessageFormatException if the bytes are not a message of this type
     */
    public T decode(ByteBuffer body) {
        ros1.clear();
        transcoder.toRos1(body.duplicate(), ros1);
        ByteBuffer bytes = ros1.written();
        T m = codec.decode(bytes);
        return m;
    }

    /** {@link #decode} into ROS 1 wire bytes, for tools that print any type. */
    public ByteBuffer toRos1(ByteBuffer body) {
        ros1.clear();
        transcoder.toRos1(body.duplicate(), ros1);
        return ros1.written();
    }
}
