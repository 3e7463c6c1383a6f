package org.liquidpilot.ros.msg;

import java.nio.ByteBuffer;

/**
 * Serialises one ROS message type to and from the ROS1 wire format (little-endian, as in TCPROS and bags).
 * Implemented by the fast typed codecs and by the definition-driven dynamic codec alike, so the transport
 * and the bag code never care which one they hold.
 *
 * @param <T> the Java representation of the message
 */
public interface MessageCodec<T> {

    /** The ROS type name, for example {@code geometry_msgs/Twist}. */
    String type();

    /** The type's md5sum as ROS computes it (32 lower-case hex digits). */
    String md5sum();

    /** The full {@code message_definition} text sent in connection headers and stored in bags. */
    String definition();

    /** Bytes {@link #encode} will write for {@code message}. */
    int encodedSize(T message);

    /** Writes {@code message} at the buffer's position, which must be in little-endian order. */
    void encode(T message, ByteBuffer out);

    /**
     * Reads one message from the buffer's position (little-endian order).
     *
     * @throws MessageFormatException if the bytes do not hold a whole, well-formed message
     */
    T decode(ByteBuffer in);
}
