package org.liquidpilot.bags;

import java.util.Map;

/**
 * A connection: a topic with its message type, md5sum and definition, as one publisher (C++ recorder) or one topic
 * (python API) put it in the bag. {@code header} is the full connection header, in the writer's field order.
 */
public record Connection(int id, String topic, RecordHeader header) {

    public String type() {
        return field("type");
    }

    public String md5sum() {
        return field("md5sum");
    }

    public String messageDefinition() {
        return field("message_definition");
    }

    /** The publisher's node, when the C++ recorder wrote the bag; empty otherwise. */
    public String callerid() {
        return header.has("callerid") ? header.string("callerid") : "";
    }

    public boolean latching() {
        return header.has("latching") && "1".equals(header.string("latching"));
    }

    public Map<String, String> fields() {
        return header.strings();
    }

    private String field(String name) {
        return header.has(name) ? header.string(name) : "";
    }

    static Connection parse(RecordHeader recordHeader, java.nio.ByteBuffer data, int off, int len) {
        int id = recordHeader.int32("conn");
        String topic = recordHeader.string("topic");
        RecordHeader h = RecordHeader.parse(data, off, len);
        if (!h.has("type") || !h.has("md5sum")) {
            throw new BagFormatException("connection " + id + " on " + topic + " lacks its type or md5sum");
        }
        return new Connection(id, topic, h);
    }
}
