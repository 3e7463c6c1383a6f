package org.liquidpilot.ros.msg.std_msgs;

import org.liquidpilot.ros.msg.TypedCodec;

/** std_msgs/Empty: no fields, zero bytes on the wire. */
public record Empty() {
    public static final Empty INSTANCE = new Empty();

    public static final TypedCodec<Empty> CODEC = TypedCodec.noFields("std_msgs/Empty", INSTANCE);
}
