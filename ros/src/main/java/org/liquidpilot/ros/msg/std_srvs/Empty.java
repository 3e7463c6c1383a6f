package org.liquidpilot.ros.msg.std_srvs;

import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_srvs/Empty: a call with no arguments and no result. */
public final class Empty {
    private Empty() {
    }

    public record Request() {
        public static final Request INSTANCE = new Request();

        public static final TypedCodec<Request> CODEC = TypedCodec.noFields("std_srvs/EmptyRequest", INSTANCE);
    }

    public record Response() {
        public static final Response INSTANCE = new Response();

        public static final TypedCodec<Response> CODEC = TypedCodec.noFields("std_srvs/EmptyResponse", INSTANCE);
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("std_srvs/Empty", Request.CODEC, Response.CODEC);
}
