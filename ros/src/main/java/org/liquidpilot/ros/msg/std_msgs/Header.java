package org.liquidpilot.ros.msg.std_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** std_msgs/Header: sequence number (uint32, kept raw), stamp and frame id. */
public record Header(int seq, Time stamp, String frameId) {
    public static final TypedCodec<Header> CODEC = new TypedCodec<>("std_msgs/Header") {
        @Override
        public Header read(ByteBuffer in) {
            return new Header(in.getInt(), Wire.readTime(in), Wire.readString(in));
        }

        @Override
        public void write(Header m, ByteBuffer out) {
            out.putInt(m.seq);
            Wire.writeTime(out, m.stamp);
            Wire.writeString(out, m.frameId);
        }

        @Override
        public int encodedSize(Header m) {
            return 12 + Wire.stringSize(m.frameId);
        }
    };

    public Header {
        java.util.Objects.requireNonNull(stamp, "stamp");
        java.util.Objects.requireNonNull(frameId, "frameId");
    }

    public static Header of(Time stamp, String frameId) {
        return new Header(0, stamp, frameId);
    }
}
