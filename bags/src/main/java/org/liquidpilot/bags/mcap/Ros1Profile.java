package org.liquidpilot.bags.mcap;

import org.liquidpilot.ros.msg.DynamicCodec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ros1 profile of MCAP, mapped to and from a rosbag connection header. The profile puts the type in the schema
 * name, the full concatenated message definition in the schema data ({@code ros1msg}), and the publisher's
 * {@code callerid} and {@code latching} ({@code true}/{@code false}) in the channel metadata. The md5sum has no place
 * of its own in the profile, so it goes into the channel metadata as {@code md5sum} too; a file without one gets the
 * md5sum its definition hashes to. Other connection header fields travel as metadata under their own names.
 */
public final class Ros1Profile {
    public static final String PROFILE = "ros1";
    public static final String MESSAGE_ENCODING = "ros1";
    public static final String SCHEMA_ENCODING = "ros1msg";
    private static final Set<String> IN_SCHEMA = Set.of("topic", "type", "message_definition");

    private Ros1Profile() {}

    /** Channel metadata for a connection header. */
    static Map<String, String> metadata(Map<String, String> connectionHeader) {
        Map<String, String> m = new LinkedHashMap<>();
        connectionHeader.forEach((k, v) -> {
            if (IN_SCHEMA.contains(k)) return;
            if (k.equals("latching")) v = v.equals("1") ? "true" : v.equals("0") ? "false" : v;
            m.put(k, v);
        });
        return m;
    }

    /** The connection header a ros1-profile channel stands for: topic, type, md5sum, definition, then the metadata. */
    static Map<String, String> connectionHeader(McapChannel c, McapSchema s) {
        Map<String, String> h = new LinkedHashMap<>();
        String type = s == null ? "" : s.name();
        String definition = s == null ? "" : new String(s.data(), StandardCharsets.UTF_8);
        h.put("topic", c.topic());
        h.put("type", type);
        String md5 = c.metadata().get("md5sum");
        h.put("md5sum", md5 != null ? md5 : md5Of(type, definition));
        h.put("message_definition", definition);
        c.metadata().forEach((k, v) -> {
            if (k.equals("md5sum") || IN_SCHEMA.contains(k)) return;
            if (k.equals("latching")) v = v.equals("true") ? "1" : v.equals("false") ? "0" : v;
            h.put(k, v);
        });
        return h;
    }

    private static String md5Of(String type, String definition) {
        try {
            return DynamicCodec.fromDefinition(type, definition).md5sum();
        } catch (RuntimeException unparsable) {
            return ""; // decoding will name the real problem
        }
    }
}
