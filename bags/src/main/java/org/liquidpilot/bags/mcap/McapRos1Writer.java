package org.liquidpilot.bags.mcap;

import org.liquidpilot.bags.RecordingWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes ROS 1 messages into an MCAP file of the ros1 profile (see {@link Ros1Profile}): one schema per type and
 * definition, one channel per topic and connection header (so two publishers on one topic get two channels, as in a
 * bag), log and publish time both the receive time, sequence numbers counted per channel.
 */
public final class McapRos1Writer implements RecordingWriter {
    private final McapWriter writer;
    private final Map<String, Integer> schemaIds = new HashMap<>();
    private final Map<ChannelKey, Integer> channelIds = new HashMap<>();
    private final Map<Integer, Long> sequences = new HashMap<>();

    private record ChannelKey(String topic, Map<String, String> header) {}

    private McapRos1Writer(McapWriter writer) {
        this.writer = writer;
    }

    public static McapRos1Writer create(Path path, McapCompression compression) throws IOException {
        return create(path, compression, McapWriter.DEFAULT_CHUNK_SIZE);
    }

    public static McapRos1Writer create(Path path, McapCompression compression, int chunkSize) throws IOException {
        return new McapRos1Writer(McapWriter.create(path, new McapWriter.Options(Ros1Profile.PROFILE, compression, chunkSize)));
    }

    @Override
    public Path path() {
        return writer.path();
    }

    @Override
    public synchronized void write(String topic, Map<String, String> connectionHeader, ByteBuffer data, long time) {
        String type = connectionHeader.get("type");
        if (type == null || !connectionHeader.containsKey("md5sum")) {
            throw new IllegalArgumentException("connection header for " + topic + " needs 'type' and 'md5sum'");
        }
        ChannelKey key = new ChannelKey(topic, connectionHeader);
        Integer channel = channelIds.get(key);
        if (channel == null) {
            String definition = connectionHeader.getOrDefault("message_definition", "");
            int schema = schemaIds.computeIfAbsent(type + "\n" + definition, k -> {
                int id = schemaIds.size() + 1;
                if (id > 0xFFFF) throw new IllegalStateException("more than 65535 schemas");
                writer.addSchema(new McapSchema(id, type, Ros1Profile.SCHEMA_ENCODING, definition.getBytes(StandardCharsets.UTF_8)));
                return id;
            });
            channel = channelIds.size() + 1;
            if (channel > 0xFFFF) throw new IllegalStateException("more than 65535 channels");
            writer.addChannel(new McapChannel(channel, schema, topic, Ros1Profile.MESSAGE_ENCODING, Ros1Profile.metadata(connectionHeader)));
            channelIds.put(new ChannelKey(topic, new LinkedHashMap<>(connectionHeader)), channel);
        }
        long seq = sequences.merge(channel, 1L, Long::sum) - 1;
        writer.write(channel, seq & 0xFFFF_FFFFL, time, time, data);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }
}
