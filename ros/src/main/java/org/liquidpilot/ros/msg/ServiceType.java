package org.liquidpilot.ros.msg;

/**
 * A ROS service type: its name (e.g. {@code std_srvs/SetBool}), the service md5sum that TCPROS service headers carry
 * (genmsg: the digest of the request's md5 text followed by the response's) and the codecs of its two halves, which
 * may be any {@link MessageCodec}. The shipped services build theirs with {@link #of}, which takes the md5 from the
 * shipped .srv definition.
 */
public record ServiceType<Q, R>(String type, String md5sum, MessageCodec<Q> request, MessageCodec<R> response) {
    public ServiceType {
        if (type == null || !type.contains("/")) throw new IllegalArgumentException("service type must be package/Name, got " + type);
        if (md5sum == null || md5sum.length() != 32) throw new IllegalArgumentException("service md5sum must be 32 hex digits");
    }

    /** Builds the descriptor of a shipped service from its request and response codecs. */
    public static <Q, R> ServiceType<Q, R> of(String type, TypedCodec<Q> request, TypedCodec<R> response) {
        if (!request.type().equals(type + "Request") || !response.type().equals(type + "Response")) {
            throw new IllegalArgumentException("codecs " + request.type() + "/" + response.type() + " do not belong to " + type);
        }
        return new ServiceType<>(type, MsgRegistry.builtin().serviceMd5(type), request, response);
    }
}
