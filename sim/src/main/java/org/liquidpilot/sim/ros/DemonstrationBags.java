package org.liquidpilot.sim.ros;

import org.liquidpilot.pilot.TwistCommands;
import org.liquidpilot.pilot.VehicleCommand;
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
import java.util.function.Supplier;

/**
 * Records closed-loop episodes as rosbags, one per episode, with the topics of the ROS graph: the camera
 * ({@code /camera/image_raw}, rgb8), the command ({@code /cmd_vel}: the whole {@link VehicleCommand}, linear x, y, z
 * the body-frame forward, left and up velocity and angular z the yaw rate; the car's curvature is angular z over
 * linear x) and ground-truth odometry ({@code /sim/odom}). Bag time is simulated time.
 * <p>
 * With a label source (DAgger), {@code /cmd_vel} holds that label for each frame instead of the command the vehicle
 * executed: the expert's answer to the state the learner drove into.
 */
public final class DemonstrationBags implements StepListener {
    private final Path dir;
    private final String prefix;
    private final Supplier<VehicleCommand> label;
    private BagWriter bag;
    private int seq;

    public DemonstrationBags(Path dir) throws IOException {
        this(dir, DEFAULT_PREFIX, null);
    }

    /**
     * @param prefix bag names are {@code <prefix>-000.bag}, {@code <prefix>-001.bag}, ... by episode
     * @param label  the command to record for the current frame; null: the executed command
     */
    public DemonstrationBags(Path dir, String prefix, Supplier<VehicleCommand> label) throws IOException {
        this.prefix = checkPrefix(prefix);
        this.dir = Files.createDirectories(dir);
        this.label = label;
    }

    public static final String DEFAULT_PREFIX = "episode";

    /** A bag name prefix must be a plain file name part: no separators, no leading dot, nothing odd. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")) {
            throw new IllegalArgumentException("bag prefix must be 1..100 letters, digits, '_', '-' or '.', not starting with '.' or '-' (got '" + prefix + "')");
        }
        return prefix;
    }

    /** The file episode {@code episode} is recorded into. */
    public static Path bagPath(Path dir, String prefix, int episode) {
        return dir.resolve(String.format("%s-%03d.bag", prefix, episode));
    }

    @Override
    public void onEpisodeStart(int episode, World world) {
        try {
            bag = BagWriter.create(bagPath(dir, prefix, episode), Compression.LZ4);
            seq = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onStep(int episode, int step, double t, VehicleState s, RgbFrame frame, VehicleCommand command, boolean intervention) {
        double stamp = frame.stampSeconds() + 1.0; // ROS treats time zero as unset
        long nanos = Math.round(stamp * 1e9);
        Header h = new Header(seq++, Time.ofSeconds(stamp), "camera");
        bag.write("/camera/image_raw", Image.CODEC,
                new Image(h, frame.height(), frame.width(), "rgb8", 0, frame.width() * 3, frame.rgb().clone()), nanos);
        VehicleCommand recorded = label != null ? label.get() : command;
        bag.write("/cmd_vel", Twist.CODEC, TwistCommands.toTwist(recorded), nanos);
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
