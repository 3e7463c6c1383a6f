package org.liquidpilot.bags.mcap;

import java.util.Map;

/**
 * A channel record: a topic, the schema its messages follow (0 for none), their encoding ({@code ros1}, {@code cdr},
 * ...) and free-form metadata, kept in file order.
 */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
    public McapChannel {
        if (id < 0 || id > 0xFFFF) throw new IllegalArgumentException("channel id " + id + " is not in 0..65535");
        if (schemaId < 0 || schemaId > 0xFFFF) throw new IllegalArgumentException("schema id " + schemaId + " is not in 0..65535");
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
