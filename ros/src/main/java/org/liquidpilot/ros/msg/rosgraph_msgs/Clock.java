package org.liquidpilot.ros.msg.rosgraph_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.TypedCodec;
import org.liquidpilot.ros.msg.Wire;

/** rosgraph_msgs/Clock: simulated time on /clock when use_sim_time is set. */
public record Clock(Time clock) {
    public static final TypedCodec<Clock> CODEC = new TypedCodec<>("rosgraph_msgs/Clock") {
        @Override
        public Clock read(ByteBuffer in) {
            return new Clock(Wire.readTime(in));
        }

        @Override
        public void write(Clock m, ByteBuffer out) {
            Wire.writeTime(out, m.clock);
        }

        @Override
        public int encodedSize(Clock m) {
            return 8;
        }
    };

    public Clock {
        java.util.Objects.requireNonNull(clock, "clock");
    }
}
