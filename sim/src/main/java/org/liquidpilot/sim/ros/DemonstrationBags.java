package org.liquidpilot.sim.ros;

import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Pose;
import org.liquidpilot.ros.msg.geometry_msgs.PoseWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Quaternion;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.world.World;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records closed-loop episodes as rosbags, one per episode, with the topics of the ROS graph: the camera
 * ({@code /camera/image_raw}, rgb8), the command ({@code /cmd_vel}: forward speed and yaw rate, the car's curvature
 * times its speed) and ground-truth odometry ({@code /sim/odom}). Bag time is simulated time.
 */
public final class DemonstrationBags implements StepListener {
    private final Path dir;
    private final double speed;
    private final boolean curvatureCommands;
    private BagWriter bag;
    private int seq;

    public DemonstrationBags(Path dir, double speedMps, boolean curvatureCommands) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.speed = speedMps;
        this.curvatureCommands = curvatureCommands;
    }

    @Override
    public void onEpisodeStart(int episode, World world) {
        try {
            bag = BagWriter.create(dir.resolve(String.format("episode-%03d.bag", episode)), Compression.LZ4);
            seq = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onStep(int episode, int step, double t, VehicleState s, RgbFrame frame, double command, boolean intervention) {
        double stamp = frame.stampSeconds() + 1.0; // ROS treats time zero as unset
        long nanos = Math.round(stamp * 1e9);
        Header h = new Header(seq++, Time.ofSeconds(stamp), "camera");
        bag.write("/camera/image_raw", Image.CODEC,
                new Image(h, frame.height(), frame.width(), "rgb8", 0, frame.width() * 3, frame.rgb().clone()), nanos);
        double yawRate = curvatureCommands ? command * speed : command;
        bag.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(speed, 0, 0), new Vector3(0, 0, yawRate)), nanos);
        double half = s.yaw() / 2;
        Pose pose = new Pose(new Point(s.x(), s.y(), s.altitude()), new Quaternion(0, 0, Math.sin(half), Math.cos(half)));
        double c = Math.cos(s.yaw()), sn = Math.sin(s.yaw());
        Twist body = new Twist(new Vector3(s.vx() * c + s.vy() * sn, -s.vx() * sn + s.vy() * c, 0), new Vector3(0, 0, s.yawRate()));
        bag.write("/sim/odom", Odometry.CODEC, new Odometry(new Header(h.seq(), h.stamp(), "odom"), "base_link",
                new PoseWithCovariance(pose, new double[36]), new TwistWithCovariance(body, new double[36])), nanos);
    }

    @Override
    public void onEpisodeEnd(int episode, EpisodeMetrics metrics) {
        bag.close();
        bag = null;
    }
}
