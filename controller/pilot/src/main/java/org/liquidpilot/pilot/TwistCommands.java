package org.liquidpilot.pilot;

import org.liquidpilot.ros.msg.MessageCodec;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;

import java.nio.ByteBuffer;

/**
 * A {@link VehicleCommand} as geometry_msgs/Twist carries it, and back: linear x, y, z the body-frame forward, left
 * and up velocity, angular z the yaw rate. The one place the mapping is written, for the pilot's {@code cmd_vel},
 * the simulator's input and the demonstration bags.
 */
public final class TwistCommands {
    private TwistCommands() {}

    /**
     * geometry_msgs/Twist written straight from a command's four numbers (forward, left, up, yaw rate, as
     * {@link Pilot#command(double[])} fills them), with Twist's type, md5sum and definition: the pilot node
     * publishes its per-image command through it without making a message object.
     */
    public static final MessageCodec<double[]> CODEC = new MessageCodec<>() {
        @Override
        public String type() {
            return Twist.CODEC.type();
        }

        @Override
        public String md5sum() {
            return Twist.CODEC.md5sum();
        }

        @Override
        public String definition() {
            return Twist.CODEC.definition();
        }

        @Override
        public int encodedSize(double[] command) {
            return 6 * Double.BYTES;
        }

        @Override
        public void encode(double[] c, ByteBuffer out) {
            out.putDouble(c[0]).putDouble(c[1]).putDouble(c[2]).putDouble(0).putDouble(0).putDouble(c[3]);
        }

        @Override
        public double[] decode(ByteBuffer in) {
            Twist t = Twist.CODEC.decode(in);
            return new double[] {t.linear().x(), t.linear().y(), t.linear().z(), t.angular().z()};
        }
    };

    public static Twist toTwist(VehicleCommand c) {
        return new Twist(new Vector3(c.forward(), c.left(), c.up()), new Vector3(0, 0, c.yawRate()));
    }

    /** The command a Twist carries (angular x and y are not part of a vehicle command and are ignored). */
    public static VehicleCommand fromTwist(Twist t) {
        return new VehicleCommand(t.linear().x(), t.linear().y(), t.linear().z(), t.angular().z());
    }
}
