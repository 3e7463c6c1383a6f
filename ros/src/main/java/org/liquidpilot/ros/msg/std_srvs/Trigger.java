package org.liquidpilot.ros.msg.std_srvs;

import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;

/** std_srvs/Trigger: an argument-less action that reports success and a message. */
public final class Trigger {
    private Trigger() {
    }

    public record Request() {
        public static final Request INSTANCE = new Request();

        public static final TypedCodec<Request> CODEC = TypedCodec.noFields("std_srvs/TriggerRequest", INSTANCE);
    }

    public record Response(boolean success, String message) implements OutcomeCodec.Outcome {
        public static final TypedCodec<Response> CODEC = new OutcomeCodec<>("std_srvs/TriggerResponse", Response::new);

        public Response {
            java.util.Objects.requireNonNull(message, "message");
        }
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("std_srvs/Trigger", Request.CODEC, Response.CODEC);
}
