package org.liquidpilot.sim.ros;

import org.liquidpilot.pilot.SetpointInput;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Point;
import org.liquidpilot.ros.msg.geometry_msgs.Pose;
import org.liquidpilot.ros.msg.geometry_msgs.PoseWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Quaternion;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.geometry_msgs.TwistWithCovariance;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.ros.msg.rosgraph_msgs.Clock;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.ParameterTree;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.DrivingPolicy;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import java.util.function.Consumer;

/**
 * The simulator as a ROS node ({@code /sim}). It publishes the camera ({@code camera/image_raw}, rgb8), ground
 * truth odometry ({@code sim/odom}) and, when {@code /use_sim_time} is true, {@code /clock}. It takes the command
 * from {@code cmd_vel} (geometry_msgs/Twist: linear x, y, z the body-frame forward, left and up velocity, angular.z
 * the yaw rate; the car uses forward speed and yaw rate), with {@code ~input:=twist_stamped} from {@code cmd_vel} as
 * geometry_msgs/TwistStamped, or, with {@code ~input:=mavros}, as a PX4 drone behind mavros takes it
 * ({@link SimulatedFlightController}: {@code mavros/setpoint_raw/local}, {@code mavros/state},
 * {@code mavros/set_mode}, {@code mavros/cmd/arming}).
 * <p>
 * Stamped commands (TwistStamped, PositionTarget) older than {@code ~max_command_age} (default 0.5 s, 0 = off) are
 * dropped and counted ({@link CommandAgeCheck}), so a burst of stale commands after a link cut never moves the
 * vehicle; a TwistStamped command is also held only until it is that old, then the car stops. A plain Twist has no
 * stamp and is applied as it comes (it is what Debian's tools and the lock-step loop send).
 * <p>
 * Unlike the in-process runner, a ROS pilot answers asynchronously, so the node paces simulated time against the
 * wall clock: {@code ~realtime_factor} (default 1) simulated seconds per second. Parameters: {@code ~scenario}
 * (a file or a shipped name, default trail-nominal), {@code ~realtime_factor}, {@code ~input} (twist, twist_stamped or
 * mavros), {@code ~max_command_age}, {@code ~episodes}
 * (default: run episodes back to back until shutdown). Start it in-process with
 * {@code RosNodes.execute(new SimNode(), config)}; {@link #onEpisode} reports each finished episode.
 */
public final class SimNode implements NodeMain {
    private final Scenario fixedScenario;
    private final FrameSource fixedFrames;
    private volatile Consumer<EpisodeMetrics> episodeListener = m -> {};
    private volatile VehicleCommand command = VehicleCommand.ZERO;
    private volatile Time commandStamp = Time.ZERO;
    private volatile CommandAgeCheck ages;
    private volatile SimulatedFlightController fcu;
    private volatile boolean stop;
    private Thread loop;

    /** A node that reads its scenario from {@code ~scenario} and renders with jME. */
    public SimNode() {
        this(null, null);
    }

    /** A node for this scenario; {@code frames} null means render with jME (frames supplied for tests). */
    public SimNode(Scenario scenario, FrameSource frames) {
        this.fixedScenario = scenario;
        this.fixedFrames = frames;
    }

    @Override
    public String getDefaultNodeName() {
        return "sim";
    }

    /** The age check in front of stamped commands ({@code twist_stamped} or {@code mavros} input), once started. */
    public CommandAgeCheck commandAges() {
        return ages;
    }

    /** The simulated flight controller with {@code ~input:=mavros}, once started; null otherwise. */
    public SimulatedFlightController fcu() {
        return fcu;
    }

    public SimNode onEpisode(Consumer<EpisodeMetrics> listener) {
        this.episodeListener = listener;
        return this;
    }

    @Override
    public void onStart(ConnectedNode node) {
        ParameterTree params = node.getParameterTree();
        Scenario sc = fixedScenario != null ? fixedScenario : Scenarios.resolve(params.getString("~scenario", "trail-nominal"));
        double factor = params.getDouble("~realtime_factor", 1.0);
        if (!(factor > 0 && factor <= 100)) throw new IllegalArgumentException("~realtime_factor must be in (0, 100], not " + factor);
        int episodes = params.getInteger("~episodes", 0);
        String input = params.getString("~input", "twist");
        boolean simTime = params.getBoolean("/use_sim_time", false);

        Publisher<Image> images = node.newPublisher("camera/image_raw", Image.CODEC, PublisherOptions.DEFAULT.withQueueSize(2));
        Publisher<Odometry> odom = node.newPublisher("sim/odom", Odometry.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        Publisher<Clock> clock = simTime ? node.newPublisher("/clock", Clock.CODEC, PublisherOptions.DEFAULT.withQueueSize(10)) : null;
        double maxAge = CommandAgeCheck.maxAgeParam(params);
        // The latest command from ROS: the whole Twist for the car, or what the simulated flight controller flies.
        DrivingPolicy fromRos = switch (input) {
            case "twist" -> {
                node.newSubscriber("cmd_vel", Twist.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1)).addMessageListener(t -> {
                    try {
                        command = SetpointInput.fromTwist(t);
                    } catch (IllegalArgumentException bad) {
                        command = VehicleCommand.ZERO;
                        node.getLog().warn("sim: " + bad.getMessage() + "; stopping");
                    }
                });
                yield (frame, dt) -> command;
            }
            case "twist_stamped" -> {
                CommandAgeCheck check = new CommandAgeCheck(node.resolveName("cmd_vel"), maxAge, node::getCurrentTime, node.getLog());
                ages = check;
                node.newSubscriber("cmd_vel", TwistStamped.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1)).addMessageListener(t -> {
                    VehicleCommand c;
                    try {
                        c = SetpointInput.fromTwist(t.twist());
                    } catch (IllegalArgumentException bad) {
                        c = VehicleCommand.ZERO;
                        node.getLog().warn("sim: " + bad.getMessage() + "; stopping");
                    }
                    if (!check.accept(t.header().stamp())) return;
                    synchronized (this) {
                        command = c;
                        commandStamp = t.header().stamp();
                    }
                });
                yield (frame, dt) -> {
                    VehicleCommand c;
                    Time stamp;
                    synchronized (this) {
                        c = command;
                        stamp = commandStamp;
                    }
                    // A command is good only as long as it is fresh: when they stop coming, the car stops.
                    return check.expired(stamp) ? VehicleCommand.ZERO : c;
                };
            }
            case "mavros" -> {
                SimulatedFlightController fcu = new SimulatedFlightController(node, maxAge);
                this.fcu = fcu;
                ages = fcu.commandAges();
                double[] flown = {0};
                yield (frame, dt) -> fcu.command(flown[0] += dt);
            }
            default -> throw new IllegalArgumentException("~input must be twist, twist_stamped or mavros, not " + input);
        };
        StepListener publish = new StepListener() {
            private int seq;
            private double episodeStart; // simulated time at which this episode began: /clock never runs backwards
            private double lastT;

            @Override
            public void onStep(int e, int step, double t, VehicleState s, RgbFrame f, VehicleCommand cmd, boolean intervention) {
                // Stamps: simulated time under use_sim_time (continuous over episodes, so stamp ages stay
                // meaningful), wall time otherwise.
                lastT = t;
                Time stamp = simTime ? Time.ofSeconds(episodeStart + t + 1.0) : Time.now();
                if (clock != null) clock.publish(new Clock(stamp));
                Header h = new Header(seq++, stamp, "camera");
                images.publish(new Image(h, f.height(), f.width(), "rgb8", 0, f.width() * 3, f.rgb().clone()));
                double half = s.yaw() / 2, c = Math.cos(s.yaw()), sn = Math.sin(s.yaw());
                odom.publish(new Odometry(new Header(h.seq(), stamp, "odom"), "base_link",
                        new PoseWithCovariance(new Pose(new Point(s.x(), s.y(), s.altitude()), new Quaternion(0, 0, Math.sin(half), Math.cos(half))), new double[36]),
                        new TwistWithCovariance(new Twist(new Vector3(s.vx() * c + s.vy() * sn, -s.vx() * sn + s.vy() * c, 0),
                                new Vector3(0, 0, s.yawRate())), new double[36])));
            }

            @Override
            public void onEpisodeEnd(int e, EpisodeMetrics m) {
                episodeStart += lastT + 1.0 / ClosedLoopRunner.FRAME_HZ;
                lastT = 0;
                episodeListener.accept(m);
            }
        };
        FrameSource frames = fixedFrames != null ? fixedFrames : JmeRenderer.open(sc.camera().width(), sc.camera().height(), false);
        ClosedLoopRunner runner = new ClosedLoopRunner(sc, frames);
        long periodNanos = Math.round(1e9 / (ClosedLoopRunner.FRAME_HZ * factor));
        loop = new Thread(() -> {
            try {
                for (int e = 0; !stop && !node.isShutdown() && (episodes <= 0 || e < episodes); e++) {
                    ClosedLoopRunner.Episode ep = runner.start(e, fromRos, publish);
                    long next = System.nanoTime();
                    while (!stop && !node.isShutdown() && ep.step()) {
                        next += periodNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        else next = System.nanoTime(); // fell behind: do not try to catch up in a burst
                    }
                    ep.finish();
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException ex) {
                node.getLog().error("sim: " + ex.getMessage());
            } finally {
                if (fixedFrames == null) frames.close();
            }
        }, "sim-loop");
        loop.setDaemon(true);
        loop.start();
        node.getLog().info("sim: " + sc.name() + " (" + sc.world() + ", " + sc.vehicle() + ") at " + factor + "x real time, input " + input
                + (input.equals("twist") ? "" : ", commands older than " + maxAge + " s dropped"));
    }

    @Override
    public void onShutdown(ConnectedNode node) {
        stop = true;
    }

    /** Stops the simulation loop and waits for it (the node itself is shut down by its owner). */
    public void stop() throws InterruptedException {
        stop = true;
        if (loop != null) loop.join(10_000);
    }
}
