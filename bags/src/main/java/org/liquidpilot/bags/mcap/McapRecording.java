package org.liquidpilot.bags.mcap;

import org.liquidpilot.bags.BagFormatException;
import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.Connection;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.bags.RecordHeader;
import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An MCAP file as a {@link Recording}: each channel is a connection (its header built by {@link Ros1Profile}), each
 * message a {@link org.liquidpilot.bags.BagMessage} at its log time. Channels that are not ROS 1 serialised (the ros2
 * profile's {@code cdr}) are listed with their schema name as type, but decoding them is refused.
 */
public final class McapRecording implements Recording {
    private final McapReader reader;
    private final Map<Integer, Connection> connections;
    private final Map<Integer, MessageCodec<?>> codecs = new ConcurrentHashMap<>();

    private McapRecording(McapReader reader) {
        this.reader = reader;
        Map<Integer, Connection> m = new TreeMap<>();
        for (McapChannel c : reader.channels().values()) {
            McapSchema s = reader.schema(c);
            Map<String, String> header;
            if (c.messageEncoding().equals(Ros1Profile.MESSAGE_ENCODING)) {
                header = Ros1Profile.connectionHeader(c, s);
            } else {
                header = new LinkedHashMap<>();
                header.put("topic", c.topic());
                header.put("type", s == null ? "" : s.name());
                header.put("md5sum", "");
                header.put("message_definition", s == null ? "" : new String(s.data(), StandardCharsets.UTF_8));
                header.put("message_encoding", c.messageEncoding());
            }
            m.put(c.id(), new Connection(c.id(), c.topic(), RecordHeader.ofStrings(header)));
        }
        this.connections = Collections.unmodifiableMap(m);
    }

    public static McapRecording open(Path path) throws IOException {
        return new McapRecording(McapReader.open(path));
    }

    public McapReader reader() {
        return reader;
    }

    @Override
    public Path path() {
        return reader.path();
    }

    @Override
    public long size() {
        return reader.size();
    }

    @Override
    public Map<Integer, Connection> connections() {
        return connections;
    }

    @Override
    public Map<Integer, Long> countsByConnection() {
        return reader.messageCounts();
    }

    @Override
    public long messageCount() {
        return reader.messageCount();
    }

    @Override
    public long startTime() {
        return reader.startTime();
    }

    @Override
    public long endTime() {
        return reader.endTime();
    }

    @Override
    public Iterable<BagMessage> messages(BagQuery query) {
        Set<Integer> ids = new HashSet<>();
        for (Connection c : connections.values()) if (query.matches(c.topic())) ids.add(c.id());
        if (ids.isEmpty()) return Collections.emptyList();
        return () -> {
            Iterator<McapMessage> it = reader.messages(ids.size() == connections.size() ? Set.of() : ids, query.start(), query.end()).iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public BagMessage next() {
                    McapMessage m = it.next();
                    return new BagMessage(connections.get(m.channelId()), m.logTime(), m.data());
                }
            };
        };
    }

    @Override
    public MessageCodec<?> codec(Connection c) {
        requireRos1(c.topic(), "decoding");
        return codecs.computeIfAbsent(c.id(), id -> Messages.codec(c.type(), c.md5sum(), c.messageDefinition()));
    }

    @Override
    public void requireRos1(String job) {
        for (Connection c : connections.values()) requireRos1(c.topic(), job);
    }

    private void requireRos1(String topic, String job) {
        for (McapChannel ch : reader.channels().values()) {
            if (ch.topic().equals(topic) && !ch.messageEncoding().equals(Ros1Profile.MESSAGE_ENCODING)) {
                String profile = reader.header().profile().isEmpty() ? "no" : "the " + reader.header().profile();
                throw new BagFormatException(path().getFileName() + " is an MCAP file of " + profile + " profile (" + ch.messageEncoding()
                        + " messages on " + topic + "); " + job + " needs ROS 1 messages (the ros1 profile)");
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
