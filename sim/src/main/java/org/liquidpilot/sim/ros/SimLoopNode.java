package org.liquidpilot.sim.ros;

import org.liquidpilot.pilot.SetpointInput;
import org.liquidpilot.pilot.TwistCommands;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.ros.msg.rosgraph_msgs.Clock;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.report.MetricsJson;
import org.liquidpilot.sim.report.SweepCondition;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.run.RunMetrics;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.World;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulator as a ROS node that closes the loop through topics. The car runs in lock-step: each frame period it
 * publishes {@code camera/image_raw}, waits (up to {@code ~command_timeout_ms}) for the next {@code cmd_vel}, and
 * applies it. The quadrotor ({@code ~input:=mavros}, its default) is flown as a PX4 drone behind mavros is, in real
 * time: {@code mavros/setpoint_raw/local}, {@code mavros/state}, {@code mavros/set_mode} and {@code mavros/cmd/arming}
 * ({@link SimulatedFlightController}).
 * It also publishes what the ground-truth expert for the scenario's task would command on {@code ~expert_cmd}
 * (pure pursuit on the road or trail, {@code TargetExpert} on the target tasks), so that until a trained model
 * exists the expert can drive through ROS (relayed to {@code cmd_vel}). Episodes end as {@link ClosedLoopRunner}
 * ends them: a target task on reaching the last target, on a collision or at the time limit. When the episodes are
 * done it publishes the metrics JSON on {@code ~metrics} (latched) and shuts down.
 * <p>
 * Params: {@code ~scenario} (name or YAML file), {@code ~condition} (a named condition cell of {@code sim sweep},
 * e.g. {@code autumn} or {@code wind-moderate}, or {@code NAME:key=v,...}: overrides applied to the scenario;
 * empty: none), {@code ~episodes}, {@code ~duration_s}, {@code ~seed},
 * {@code ~render} ({@code gl}, or {@code blank} for physics-only runs), {@code ~command_timeout_ms}, {@code ~window}
 * (true: render in a window on the display, so a person can watch; needs {@code ~render:=gl} and a display),
 * {@code ~input} ({@code twist} or {@code mavros}), {@code ~expert_drives} (mavros input: the expert flies while the
 * pilot's setpoints still reach the flight controller), {@code ~max_command_age} (mavros input: setpoints stamped
 * longer ago than this, default 0.5 s, are dropped and counted, see {@link SimulatedFlightController}; the lock-step
 * car takes plain Twist, which has no stamp: it waits for the command that answers each frame instead),
 * {@code ~frame_delay_ms} (extra wall time per frame, to check that lock-step results do not depend on the machine's
 * speed).
 * <p>
 * Image stamps are simulated time, advanced by exactly one frame period per frame; under {@code /use_sim_time} the
 * node also publishes it on {@code /clock}.
 */
public final class SimLoopNode implements NodeMain {
    private final List<StepListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition commandArrived = lock.newCondition();
    private volatile RunMetrics metrics;
    private volatile String failure;
    private long commandsSeen;
    private VehicleCommand lastCommand = VehicleCommand.ZERO;
    private int timeouts;
    private Thread loop;
    private Publisher<Clock> clock;
    private long stampBaseNanos;
    private long simulatedNanos;
    private int frameDelayMs;

    @Override
    public String getDefaultNodeName() {
        return "sim";
    }

    /** In-process callers (the demo) watch every step. */
    public void addListener(StepListener l) {
        listeners.add(l);
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public String failure() {
        return failure;
    }

    public int commandTimeouts() {
        return timeouts;
    }

    @Override
    public void onStart(ConnectedNode node) {
        var p = node.getParameterTree();
        var tree = Scenarios.resolveTree(p.getString("~scenario", "nominal"));
        String condition = p.getString("~condition", "");
        if (!condition.isBlank()) SweepCondition.parse(condition).overrides().forEach((k, v) -> Scenarios.override(tree, k, v));
        Scenarios.override(tree, "episodes", String.valueOf(p.getInteger("~episodes", 1)));
        if (p.has("~duration_s")) Scenarios.override(tree, "duration_s", String.valueOf(p.getDouble("~duration_s", 60)));
        if (p.has("~seed")) Scenarios.override(tree, "seed", String.valueOf(p.getInteger("~seed", 7)));
        Scenario scenario = Scenarios.toScenario(tree);
        String render = p.getString("~render", "gl");
        long timeoutMs = p.getInteger("~command_timeout_ms", 500);
        if (!render.equals("gl") && !render.equals("blank")) throw new IllegalArgumentException("~render must be gl or blank, got '" + render + "'");
        boolean window = p.getBoolean("~window", false);
        if (window && !render.equals("gl")) throw new IllegalArgumentException("~window needs ~render:=gl, got '" + render + "'");
        if (window && !HeadlessGl.displayAvailable()) throw new IllegalArgumentException("~window needs a display (DISPLAY is not set)");
        if (render.equals("gl") && !window && !HeadlessGl.available()) throw new IllegalStateException("~render:=gl needs OSMesa or a display; use ~render:=blank");

        Publisher<Image> camera = node.newPublisher("camera/image_raw", Image.CODEC, PublisherOptions.DEFAULT.withQueueSize(2));
        boolean simTime = p.getBoolean("/use_sim_time", false);
        clock = simTime ? node.newPublisher("/clock", Clock.CODEC, PublisherOptions.DEFAULT.withQueueSize(10)) : null;
        // Simulated time starts at 1 s under use_sim_time (0 means "unset" to ROS), else at the wall clock now.
        stampBaseNanos = simTime ? 1_000_000_000L : System.currentTimeMillis() * 1_000_000L;
        frameDelayMs = p.getInteger("~frame_delay_ms", 0);
        if (frameDelayMs < 0 || frameDelayMs > 10_000) throw new IllegalArgumentException("~frame_delay_ms must be 0..10000, got " + frameDelayMs);
        // A command topic (relayed to cmd_vel when the expert drives): a queue of one, never a backlog.
        Publisher<Twist> expertOut = node.newPublisher("~expert_cmd", Twist.CODEC, PublisherOptions.DEFAULT.withQueueSize(1));
        Publisher<StringMessage> metricsOut = node.newPublisher("~metrics", StringMessage.CODEC, PublisherOptions.DEFAULT.latched());
        boolean quad = scenario.isQuad();
        String input = p.getString("~input", quad ? "mavros" : "twist");
        if (!input.equals("twist") && !input.equals("mavros")) throw new IllegalArgumentException("~input must be twist or mavros, got '" + input + "'");
        boolean expertDrives = p.getBoolean("~expert_drives", false);
        PrivilegedPolicy expert = Experts.forScenario(scenario);
        SimulatedFlightController fcu = input.equals("mavros") ? new SimulatedFlightController(node) : null;
        PrivilegedPolicy overRos = fcu == null
                ? lockStep(node, camera, expertOut, expert, timeoutMs)
                : realTime(fcu, camera, expertOut, expert, expertDrives);
        StepListener fanOut = new StepListener() {
            @Override
            public void onStep(int e, int s, double t, VehicleState st, RgbFrame f, VehicleCommand c, boolean i) {
                for (StepListener l : listeners) l.onStep(e, s, t, st, f, c, i);
            }

            @Override
            public void onEpisodeStart(int e, World w) {
                for (StepListener l : listeners) l.onEpisodeStart(e, w);
            }

            @Override
            public void onEpisodeEnd(int e, org.liquidpilot.sim.run.EpisodeMetrics m) {
                for (StepListener l : listeners) l.onEpisodeEnd(e, m);
            }
        };
        loop = new Thread(() -> {
            try (FrameSource frames = render.equals("gl")
                    ? JmeRenderer.open(scenario.camera().width(), scenario.camera().height(), window)
                    : FrameSource.blank(scenario.camera().width(), scenario.camera().height())) {
                awaitSubscribers(camera, node);
                metrics = new ClosedLoopRunner(scenario, frames).run(overRos, "over ROS", fanOut);
                metricsOut.publish(new StringMessage(MetricsJson.toJson(metrics)));
                node.getLog().info("sim: done, " + timeouts + " frames without a command in time"
                        + (fcu == null ? "" : ", " + fcu.commandAges().dropped() + " setpoints dropped as older than "
                        + fcu.commandAges().maxAgeSeconds() + " s"));
            } catch (RuntimeException | Error e) {
                failure = e.toString();
                node.getLog().error("sim: " + e);
            } finally {
                // Let the latched metrics reach late subscribers before the node goes away.
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                node.shutdown();
            }
        }, "sim-loop");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * The car's loop: publish the frame, then wait for the {@code cmd_vel} that answers it (Twist: linear x, y, z the
     * body-frame velocity, angular.z the yaw rate), so results do not depend on how fast this machine is.
     */
    private PrivilegedPolicy lockStep(ConnectedNode node, Publisher<Image> camera, Publisher<Twist> expertOut,
                                      PrivilegedPolicy expert, long timeoutMs) {
        node.newSubscriber("cmd_vel", Twist.CODEC, SubscriberOptions.DEFAULT.withQueueSize(10)).addMessageListener(t -> {
            VehicleCommand c;
            try {
                c = SetpointInput.fromTwist(t);
            } catch (IllegalArgumentException bad) {
                node.getLog().warn("sim: " + bad.getMessage() + "; stopping");
                c = VehicleCommand.ZERO;
            }
            lock.lock();
            try {
                lastCommand = c;
                commandsSeen++;
                commandArrived.signalAll();
            } finally {
                lock.unlock();
            }
        });
        return new PrivilegedPolicy() {
            int seq;

            @Override
            public void observe(VehicleState s, World world) {
                expert.observe(s, world);
            }

            @Override
            public VehicleCommand act(RgbFrame frame, double dt) {
                // Count commands from before anything goes out: the relayed expert command can come back fast.
                long before;
                lock.lock();
                try {
                    before = commandsSeen;
                } finally {
                    lock.unlock();
                }
                expertOut.publish(TwistCommands.toTwist(expert.act(frame, dt)));
                camera.publish(image(seq++, frame, stamp(dt)));
                long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
                lock.lock();
                try {
                    while (commandsSeen == before) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            timeouts++;
                            return VehicleCommand.ZERO;
                        }
                        commandArrived.awaitNanos(left);
                    }
                    return lastCommand;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return VehicleCommand.ZERO;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void reset() {
                expert.reset();
            }
        };
    }

    /**
     * The drone's loop, as a real one runs: frames go out at the camera rate in real time, and the vehicle flies
     * whatever its flight controller holds at that moment (the latest offboard setpoint, a hover, a landing). The
     * pilot streams setpoints at its own rate, not once per frame, so there is no answer to wait for. With
     * {@code expertDrives} the expert flies instead, while the pilot's setpoints still reach the flight controller.
     */
    private PrivilegedPolicy realTime(SimulatedFlightController fcu, Publisher<Image> camera, Publisher<Twist> expertOut,
                                      PrivilegedPolicy expert, boolean expertDrives) {
        long periodNanos = Math.round(1e9 / ClosedLoopRunner.FRAME_HZ);
        return new PrivilegedPolicy() {
            int seq;
            double simTime;
            long next = System.nanoTime();

            @Override
            public void observe(VehicleState s, World world) {
                expert.observe(s, world);
            }

            @Override
            public VehicleCommand act(RgbFrame frame, double dt) {
                VehicleCommand e = expert.act(frame, dt);
                expertOut.publish(TwistCommands.toTwist(e));
                camera.publish(image(seq++, frame, stamp(dt)));
                if (seq % (int) ClosedLoopRunner.FRAME_HZ == 0) fcu.publishState();
                next += periodNanos;
                long wait = next - System.nanoTime();
                try {
                    if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    else next = System.nanoTime(); // fell behind: no burst to catch up
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                simTime += dt;
                VehicleCommand flown = fcu.command(simTime);
                return expertDrives ? e : flown;
            }

            @Override
            public void reset() {
                expert.reset();
            }
        };
    }

    /**
     * The stamp of the frame about to go out: simulated time, advanced by exactly the frame period {@code dt}, so
     * the pilot's timespans are the simulation's and not this machine's. Under {@code /use_sim_time} it also goes
     * out on {@code /clock} first, so every node's clock agrees with the image stamps.
     * With {@code ~frame_delay_ms} each frame also waits that long in wall time, to show that results do not
     * depend on how fast the machine is.
     */
    private Time stamp(double dt) {
        Time t = Time.ofNanos(stampBaseNanos + simulatedNanos);
        simulatedNanos += Math.round(dt * 1e9);
        if (clock != null) clock.publish(new Clock(t));
        if (frameDelayMs > 0) {
            try {
                Thread.sleep(frameDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return t;
    }

    private static Image image(int seq, RgbFrame frame, Time stamp) {
        return new Image(new Header(seq, stamp, "camera"), frame.height(), frame.width(), "rgb8", 0,
                frame.width() * 3, frame.rgb().clone());
    }

    /** The first frames are wasted if nobody listens yet: give the graph a moment to connect. */
    private static void awaitSubscribers(Publisher<Image> camera, ConnectedNode node) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (camera.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline && !node.isShutdown()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void onShutdown(ConnectedNode node) {
        if (loop != null && loop != Thread.currentThread()) loop.interrupt();
    }
}
