package org.liquidpilot.ros.msg.mavros_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;

/**
 * mavros_msgs/CommandBool (mavros 1.x), e.g. service {@code mavros/cmd/arming}: {@code value} true arms, false
 * disarms. {@code success} says the flight controller acknowledged; {@code result} is its MAV_RESULT (uint8 as sent).
 */
public final class CommandBool {
    private CommandBool() {
    }

    public record Request(boolean value) {
        public static final TypedCodec<Request> CODEC = new TypedCodec<>("mavros_msgs/CommandBoolRequest") {
            @Override
            public Request read(ByteBuffer in) {
                return new Request(in.get() != 0);
            }

            @Override
            public void write(Request m, ByteBuffer out) {
                out.put((byte) (m.value ? 1 : 0));
            }

            @Override
            public int encodedSize(Request m) {
                return 1;
            }
        };
    }

    public record Response(boolean success, int result) {
        public static final TypedCodec<Response> CODEC = new TypedCodec<>("mavros_msgs/CommandBoolResponse") {
            @Override
            public Response read(ByteBuffer in) {
                return new Response(in.get() != 0, in.get() & 0xFF);
            }

            @Override
            public void write(Response m, ByteBuffer out) {
                out.put((byte) (m.success ? 1 : 0)).put((byte) m.result);
            }

            @Override
            public int encodedSize(Response m) {
                return 2;
            }
        };

        public Response {
            if (result < 0 || result > 255) {
                throw new IllegalArgumentException("result is a uint8: " + result);
            }
        }
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("mavros_msgs/CommandBool", Request.CODEC, Response.CODEC);
}
