package org.liquidpilot.ros.node;

import java.nio.ByteBuffer;

/**
 * Receives each message of a subscription as its serialised ROS1 bytes, on the connection's receive thread, before
 * any decoding: for control loops that read a message into buffers of their own instead of allocating a decoded
 * object per message. Never called concurrently for one subscription.
 */
@FunctionalInterface
public interface SerializedMessageListener {
    /**
     * @param message little-endian, position 0 to limit; valid only during this call (the transport reuses it):
     *                read what is needed before returning, never keep it
     */
    void onMessage(ByteBuffer message);
}
