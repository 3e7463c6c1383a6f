package org.liquidpilot.ros.msg;

/**
 * One field of a message definition.
 *
 * @param name        the field name
 * @param baseType    a primitive name ({@code float64}, {@code time}, ...) or a resolved {@code pkg/Type}
 * @param array       whether the field is an array
 * @param arrayLength the fixed length of an array field, or -1 for a variable-length one (and non-arrays)
 */
public record MsgField(String name, String baseType, boolean array, int arrayLength) {

    /** The primitive type of the field or of its elements; null for a nested message. */
    public Primitive primitive() {
        return Primitive.of(baseType);
    }

    public boolean isPrimitive() {
        return primitive() != null;
    }

    public boolean isFixedArray() {
        return array && arrayLength >= 0;
    }

    /** The type as ROS writes it in md5 texts, e.g. {@code float64[9]} or {@code uint8[]}. */
    public String typeText() {
        if (!array) {
            return baseType;
        }
        return baseType + (arrayLength >= 0 ? "[" + arrayLength + "]" : "[]");
    }
}
