package org.liquidpilot.ros.msg.mavros_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.ServiceType;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/**
 * mavros_msgs/SetMode (mavros 1.x, service {@code mavros/set_mode}): ask the flight controller for a mode, either as
 * a MAVLink base mode ({@code MAV_MODE_*}) or, with {@code baseMode} 0, by its custom name ({@code "OFFBOARD"},
 * {@code "AUTO.LAND"}, {@code "AUTO.LOITER"} on PX4). {@code modeSent} says mavros sent the request, not that the
 * flight controller accepted it: {@code mavros/state} tells that.
 */
public final class SetMode {
    public static final int MAV_MODE_PREFLIGHT = 0;
    public static final int MAV_MODE_STABILIZE_DISARMED = 80;
    public static final int MAV_MODE_STABILIZE_ARMED = 208;
    public static final int MAV_MODE_MANUAL_DISARMED = 64;
    public static final int MAV_MODE_MANUAL_ARMED = 192;
    public static final int MAV_MODE_GUIDED_DISARMED = 88;
    public static final int MAV_MODE_GUIDED_ARMED = 216;
    public static final int MAV_MODE_AUTO_DISARMED = 92;
    public static final int MAV_MODE_AUTO_ARMED = 220;
    public static final int MAV_MODE_TEST_DISARMED = 66;
    public static final int MAV_MODE_TEST_ARMED = 194;

    private SetMode() {
    }

    /** {@code baseMode} is the uint8 as sent (0..255). */
    public record Request(int baseMode, String customMode) {
        public static final TypedCodec<Request> CODEC = new TypedCodec<>("mavros_msgs/SetModeRequest") {
            @Override
            public Request read(ByteBuffer in) {
                return new Request(in.get() & 0xFF, Wire.readString(in));
            }

            @Override
            public void write(Request m, ByteBuffer out) {
                out.put((byte) m.baseMode);
                Wire.writeString(out, m.customMode);
            }

            @Override
            public int encodedSize(Request m) {
                return 1 + Wire.stringSize(m.customMode);
            }
        };

        public Request {
            java.util.Objects.requireNonNull(customMode, "customMode");
            if (baseMode < 0 || baseMode > 255) {
                throw new IllegalArgumentException("baseMode is a uint8: " + baseMode);
            }
        }

        /** A request by custom mode name, base mode 0, as PX4 offboard code sends it. */
        public static Request custom(String mode) {
            return new Request(0, mode);
        }
    }

    public record Response(boolean modeSent) {
        public static final TypedCodec<Response> CODEC = new TypedCodec<>("mavros_msgs/SetModeResponse") {
            @Override
            public Response read(ByteBuffer in) {
                return new Response(in.get() != 0);
            }

            @Override
            public void write(Response m, ByteBuffer out) {
                out.put((byte) (m.modeSent ? 1 : 0));
            }

            @Override
            public int encodedSize(Response m) {
                return 1;
            }
        };
    }

    public static final ServiceType<Request, Response> TYPE =
            ServiceType.of("mavros_msgs/SetMode", Request.CODEC, Response.CODEC);
}
