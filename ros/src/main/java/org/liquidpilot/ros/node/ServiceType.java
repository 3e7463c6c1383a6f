package org.liquidpilot.ros.node;

import org.liquidpilot.ros.msg.MessageCodec;

/**
 * A ROS service type for the transport: its name (e.g. {@code std_srvs/SetBool}), the service md5sum and the
 * request and response codecs, which may be any {@link MessageCodec} (the message package's descriptor of a shipped
 * service converts with {@link #of}).
 */
public record ServiceType<Q, R>(String type, String md5sum, MessageCodec<Q> request, MessageCodec<R> response) {
    public ServiceType {
        if (type == null || !type.contains("/")) throw new IllegalArgumentException("service type must be package/Name, got " + type);
        if (md5sum == null || md5sum.length() != 32) throw new IllegalArgumentException("service md5sum must be 32 hex digits");
    }

    public static <Q, R> ServiceType<Q, R> of(org.liquidpilot.ros.msg.ServiceType<Q, R> shipped) {
        return new ServiceType<>(shipped.type(), shipped.md5sum(), shipped.request(), shipped.response());
    }
}
