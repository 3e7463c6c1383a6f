package org.liquidpilot.ros.msg.sensor_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** sensor_msgs/RegionOfInterest; offsets and sizes are uint32 kept raw. */
public record RegionOfInterest(int xOffset, int yOffset, int height, int width, boolean doRectify) {
    public static final RegionOfInterest FULL = new RegionOfInterest(0, 0, 0, 0, false);

    public static final TypedCodec<RegionOfInterest> CODEC = new TypedCodec<>("sensor_msgs/RegionOfInterest") {
        @Override
        public RegionOfInterest read(ByteBuffer in) {
            return new RegionOfInterest(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.get() != 0);
        }

        @Override
        public void write(RegionOfInterest m, ByteBuffer out) {
            out.putInt(m.xOffset).putInt(m.yOffset).putInt(m.height).putInt(m.width).put((byte) (m.doRectify ? 1 : 0));
        }

        @Override
        public int encodedSize(RegionOfInterest m) {
            return 17;
        }
    };
}
