package org.liquidpilot.bags;

import org.liquidpilot.bags.mcap.McapReader;
import org.liquidpilot.bags.mcap.McapRecording;
import org.liquidpilot.ros.msg.MessageCodec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A recording of ROS messages, whatever its container: a rosbag v2.0 ({@link BagReader}) or an MCAP file
 * ({@link McapRecording}). Connections carry topic, type, md5sum and definition; messages come in receive-time order
 * with their payload bytes. {@link #open} picks the reader from the file's first bytes.
 */
public interface Recording extends AutoCloseable {

    /** Opens a rosbag or MCAP file, told apart by its magic; anything else is a {@link BagFormatException}. */
    static Recording open(Path path) throws IOException {
        byte[] head = new byte[13];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 8 && McapReader.isMcap(path)) return McapRecording.open(path);
        if (n == head.length && Arrays.equals(head, BagFile.MAGIC)) return BagReader.open(path);
        throw new BagFormatException(path.getFileName() + " is neither a rosbag v2.0 nor an MCAP file");
    }

    /** Whether a file name says rosbag or MCAP ({@code .bag}, {@code .mcap}). */
    static boolean isRecordingName(Path path) {
        String n = path.getFileName() == null ? "" : path.getFileName().toString();
        return n.endsWith(".bag") || n.endsWith(".mcap");
    }

    Path path();

    /** File size in bytes. */
    long size();

    /** Connections by id. */
    Map<Integer, Connection> connections();

    /** Message count per connection id (every connection, 0 when it has none). */
    Map<Integer, Long> countsByConnection();

    long messageCount();

    /** Receive time of the earliest message, 0 when there is none. */
    long startTime();

    long endTime();

    /** Messages matching {@code query}, in receive-time order. */
    Iterable<BagMessage> messages(BagQuery query);

    /** The codec for a connection's messages: the project's typed codec when its md5sum matches, else one from its definition. */
    MessageCodec<?> codec(Connection c);

    /** Decodes a message with {@link #codec}: a typed record, or a value tree. */
    default Object decode(BagMessage m) {
        return m.decode(codec(m.connection()));
    }

    /**
     * Refuses, with a one-line {@link BagFormatException} naming the profile, a recording whose messages are not ROS 1
     * serialised (an MCAP file of the ros2 profile holds CDR); {@code job} says what needed them.
     */
    void requireRos1(String job);

    @Override
    void close();
}
