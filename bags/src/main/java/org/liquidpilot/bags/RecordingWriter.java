package org.liquidpilot.bags;

import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where ROS 1 messages are written as they arrive: a rosbag ({@link BagWriter}) or an MCAP file of the ros1 profile
 * ({@link org.liquidpilot.bags.mcap.McapRos1Writer}). The recorder and the converters write through this.
 */
public interface RecordingWriter extends Closeable {
    Path path();

    /**
     * Writes serialized bytes received at {@code time} (nanoseconds). {@code connectionHeader} holds at least
     * {@code type}, {@code md5sum} and {@code message_definition}, and may hold {@code callerid}, {@code latching}.
     */
    void write(String topic, Map<String, String> connectionHeader, ByteBuffer data, long time);

    default void write(String topic, Map<String, String> connectionHeader, byte[] data, long time) {
        write(topic, connectionHeader, ByteBuffer.wrap(data), time);
    }

    /** Writes what is buffered, so that it survives a crash. */
    void flush();

    @Override
    void close();

    /** Copies every message of {@code in} into {@code out}, in time order, keeping connection headers; returns the count. */
    static long copy(Recording in, RecordingWriter out) {
        in.requireRos1("copying into " + out.path().getFileName());
        long n = 0;
        for (BagMessage m : in.messages(BagQuery.all())) {
            out.write(m.topic(), m.connection().fields(), m.data(), m.time());
            n++;
        }
        return n;
    }
}
