package org.liquidpilot.ros.msg;

import java.util.List;

/**
 * A parsed message definition.
 *
 * @param type      full type name, {@code pkg/Type}
 * @param text      the definition text exactly as written (it goes verbatim into full definitions)
 * @param fields    the fields in wire order
 * @param constants the constants in declaration order
 */
public record MsgSpec(String type, String text, List<MsgField> fields, List<MsgConstant> constants) {
    public MsgSpec {
        fields = List.copyOf(fields);
        constants = List.copyOf(constants);
    }

    /** The package part of {@link #type()}. */
    public String packageName() {
        int slash = type.indexOf('/');
        return slash < 0 ? "" : type.substring(0, slash);
    }

    public MsgField field(String name) {
        for (MsgField f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
