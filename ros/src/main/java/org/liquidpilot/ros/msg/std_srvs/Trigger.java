package org.liquidpilot.ros.msg.std_srvs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_srvs/Trigger: an argument-less action that reports success and a message. */
public final class Trigger {
    private Trigger() {
    }

    public record Request() {
        public static final Request INSTANCE = new Request();

        public static final TypedCodec<Request> CODEC = new TypedCodec<>("std_srvs/TriggerRequest") {
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

    public record Response(boolean success, String message) {
        public static final TypedCodec<Response> CODEC = new TypedCodec<>("std_srvs/TriggerResponse") {
            @Override
            public Response read(ByteBuffer in) {
                return new Response(in.get() != 0, Wire.readString(in));
            }

            @Override
            public void write(Response m, ByteBuffer out) {
                out.put((byte) (m.success ? 1 : 0));
                Wire.writeString(out, m.message);
            }

            @Override
            public int encodedSize(Response m) {
                return 1 + Wire.stringSize(m.message);
            }
        };

        public Response {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("std_srvs/Trigger", Request.CODEC, Response.CODEC);
}
