package org.liquidpilot.ros.msg.mavros_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;
import org.liquidpilot.ros.msg.std_msgs.Header;

/**
 * mavros_msgs/State (mavros 1.x), what mavros publishes on {@code mavros/state}: whether the flight controller is
 * connected and armed, and its mode as a string ({@code "OFFBOARD"}, {@code "AUTO.LAND"}, ... for PX4).
 * {@code systemStatus} is the uint8 MAV_STATE as sent (0..255).
 */
public record State(Header header, boolean connected, boolean armed, boolean guided, boolean manualInput, String mode,
                    int systemStatus) {
    public static final TypedCodec<State> CODEC = new TypedCodec<>("mavros_msgs/State") {
        @Override
        public State read(ByteBuffer in) {
            return new State(Header.CODEC.read(in), in.get() != 0, in.get() != 0, in.get() != 0, in.get() != 0,
                    Wire.readString(in), in.get() & 0xFF);
        }

        @Override
        public void write(State m, ByteBuffer out) {
            Header.CODEC.write(m.header, out);
            out.put(bool(m.connected)).put(bool(m.armed)).put(bool(m.guided)).put(bool(m.manualInput));
            Wire.writeString(out, m.mode);
            out.put((byte) m.systemStatus);
        }

        @Override
        public int encodedSize(State m) {
            return Header.CODEC.encodedSize(m.header) + 4 + Wire.stringSize(m.mode) + 1;
        }
    };

    public State {
        java.util.Objects.requireNonNull(header, "header");
        java.util.Objects.requireNonNull(mode, "mode");
        if (systemStatus < 0 || systemStatus > 255) {
            throw new IllegalArgumentException("systemStatus is a uint8: " + systemStatus);
        }
    }

    private static byte bool(boolean b) {
        return (byte) (b ? 1 : 0);
    }
}
