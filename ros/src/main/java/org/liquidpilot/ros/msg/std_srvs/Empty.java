package org.liquidpilot.ros.msg.std_srvs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_srvs/Empty: a call with no arguments and no result. */
public final class Empty {
    private Empty() {
    }

    public record Request() {
        public static final Request INSTANCE = new Request();

        public static final TypedCodec<Request> CODEC = new TypedCodec<>("std_srvs/EmptyRequest") {
            @Override
            public Request read(ByteBuffer in) {
                return INSTANCE;
            }

            @Override
            public void write(Request m, ByteBuffer out) {
            }

            @Override
            public int encodedSize(Request m) {
                return 0;
            }
        };
    }

    public record Response() {
        public static final Response INSTANCE = new Response();

        public static final TypedCodec<Response> CODEC = new TypedCodec<>("std_srvs/EmptyResponse") {
            @Override
            public Response read(ByteBuffer in) {
                return INSTANCE;
            }

            @Override
            public void write(Response m, ByteBuffer out) {
            }

            @Override
            public int encodedSize(Response m) {
                return 0;
            }
        };
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("std_srvs/Empty", Request.CODEC, Response.CODEC);
}
