package org.liquidpilot.ros.msg.geometry_msgs;

import java.nio.ByteBuffer;
import org.liquidpilot.ros.msg.TypedCodec;

/** geometry_msgs/Point. */
public record Point(double x, double y, double z) {
    public static final Point ORIGIN = new Point(0, 0, 0);

    public static final TypedCodec<Point> CODEC = new TypedCodec<>("geometry_msgs/Point") {
        @Override
        public Point read(ByteBuffer in) {
            return new Point(in.getDouble(), in.getDouble(), in.getDouble());
        }

        @Override
        public void write(Point m, ByteBuffer out) {
            out.putDouble(m.x).putDouble(m.y).putDouble(m.z);
        }

        @Override
        public int encodedSize(Point m) {
            return 24;
        }
    };
}
