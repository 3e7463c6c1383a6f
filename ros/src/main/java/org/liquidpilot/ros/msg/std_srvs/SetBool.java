package org.liquidpilot.ros.msg.std_srvs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_srvs/SetBool: switch something on or off and say whether it worked. */
public final class SetBool {
    private SetBool() {
    }

    public record Request(boolean data) {
        public static final TypedCodec<Request> CODEC = new TypedCodec<>("std_srvs/SetBoolRequest") {
            @Override
            public Request read(ByteBuffer in) {
                return new Request(in.get() != 0);
            }

            @Override
            public void write(Request m, ByteBuffer out) {
                out.put((byte) (m.data ? 1 : 0));
            }

            @Override
            public int encodedSize(Request m) {
                return 1;
            }
        };
    }

    public record Response(boolean success, String message) implements OutcomeCodec.Outcome {
        public static final TypedCodec<Response> CODEC = new OutcomeCodec<>("std_srvs/SetBoolResponse", Response::new);

        public Response {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("std_srvs/SetBool", Request.CODEC, Response.CODEC);
}
