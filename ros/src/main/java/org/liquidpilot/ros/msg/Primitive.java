package org.liquidpilot.ros.msg;

import java.util.Locale;

/** The built-in field types of ROS1 messages, with their wire sizes ({@code -1} for variable-size strings). */
public enum Primitive {
    BOOL(1), INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), UINT64(8),
    FLOAT32(4), FLOAT64(8), STRING(-1), TIME(8), DURATION(8),
    /** Deprecated alias of int8 (serialised as one signed byte). */
    BYTE(1),
    /** Deprecated alias of uint8. */
    CHAR(1);

    private final int size;
    private final String rosName;

    Primitive(int size) {
        this.size = size;
        this.rosName = name().toLowerCase(Locale.ROOT);
    }

    /** Wire size in bytes, or -1 for {@code string}. */
    public int size() {
        return size;
    }

    public String rosName() {
        return rosName;
    }

    /** Single-byte types whose arrays are held as {@code byte[]}. */
    public boolean isByteLike() {
        return this == INT8 || this == UINT8 || this == BYTE || this == CHAR;
    }

    /** Types a constant may have (everything but time and duration). */
    public boolean allowedAsConstant() {
        return this != TIME && this != DURATION;
    }

    /** The primitive named {@code name} as written in a .msg file, or null if it is not built in. */
    public static Primitive of(String name) {
        return switch (name) {
            case "bool" -> BOOL;
            case "int8" -> INT8;
            case "uint8" -> UINT8;
            case "int16" -> INT16;
            case "uint16" -> UINT16;
            case "int32" -> INT32;
            case "uint32" -> UINT32;
            case "int64" -> INT64;
            case "uint64" -> UINT64;
            case "float32" -> FLOAT32;
            case "float64" -> FLOAT64;
            case "string" -> STRING;
            case "time" -> TIME;
            case "duration" -> DURATION;
            case "byte" -> BYTE;
            case "char" -> CHAR;
            default -> null;
        };
    }
}
