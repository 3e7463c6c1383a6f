package org.liquidpilot.ros.msg;

/**
 * A service type with typed codecs for its two halves. The md5 is the service's (genmsg: the digest of the
 * request's md5 text followed by the response's), which is what TCPROS service headers carry.
 */
public record ServiceType<Q, R>(String type, String md5sum, TypedCodec<Q> request, TypedCodec<R> response) {

    /** Builds the descriptor of a shipped service from its request and response codecs. */
    public static <Q, R> ServiceType<Q, R> of(String type, TypedCodec<Q> request, TypedCodec<R> response) {
        if (!request.type().equals(type + "Request") || !response.type().equals(type + "Response")) {
            throw new IllegalArgumentException("codecs " + request.type() + "/" + response.type() + " do not belong to " + type);
        }
        return new ServiceType<>(type, MsgRegistry.builtin().serviceMd5(type), request, response);
    }
}
