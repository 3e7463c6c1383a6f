package org.liquidpilot.bags.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A schema record: {@code name} (a type such as {@code sensor_msgs/Image}), {@code encoding} ({@code ros1msg},
 * {@code ros2msg}, ...) and the schema text or bytes. Id 0 is reserved for "no schema".
 */
public record McapSchema(int id, String name, String encoding, byte[] data) {
    public McapSchema {
        if (id <= 0 || id > 0xFFFF) throw new IllegalArgumentException("schema id " + id + " is not in 1..65535");
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McapSchema s && s.id == id && s.name.equals(name) && s.encoding.equals(encoding) && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return id * 31 + name.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "McapSchema[" + id + ", " + name + ", " + encoding + ", " + data.length + " bytes]";
    }
}
