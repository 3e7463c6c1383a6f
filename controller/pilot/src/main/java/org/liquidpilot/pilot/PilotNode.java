package org.liquidpilot.pilot;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
import org.liquidpilot.ros.msg.mavros_msgs.CommandBool;
import org.liquidpilot.ros.msg.mavros_msgs.PositionTarget;
import org.liquidpilot.ros.msg.mavros_msgs.SetMode;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.perception.ros.RosImages;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.msg.std_srvs.Empty;
import org.liquidpilot.ros.msg.std_srvs.SetBool;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.ServiceClient;
import org.liquidpilot.ros.node.ServiceException;
import org.liquidpilot.ros.node.SubscriberOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pilot as a ROS node. Subscribes {@code camera/image_raw} (or, with {@code ~transport:=compressed},
 * {@code camera/image_raw/compressed}: jpeg or png sensor_msgs/CompressedImage); publishes {@code ~features},
 * {@code ~neurons} (the neuron states every step) and {@code ~status} (the failsafe state, latched, on change).
 * Services {@code ~enable} (std_srvs/SetBool) and {@code ~reset} (std_srvs/Empty). Without {@code ~model} it flies
 * an untrained NCP whose input statistics come from the first frames, and says so on {@code ~status}.
 * Every command comes from one place ({@link #command()}): a {@link VehicleCommand} (forward, left, up, yaw rate).
 * <p>
 * <b>{@code ~output:=twist}</b> (car, default): geometry_msgs/Twist on {@code cmd_vel}. A command goes out as soon
 * as an image is processed (on the subscriber's thread: no hand-off in the latency path); the output timer
 * ({@code ~rate_hz}) trips the image watchdog and publishes the stop, so it follows within one period of the timeout.
 * {@code ~output:=twist_stamped} sends the same commands as geometry_msgs/TwistStamped, stamped with node time as the
 * mavros setpoints are, so a consumer can drop stale ones (the simulator's {@code ~max_command_age}).
 * Command publishers keep a queue of one: a command that could not go out is worth nothing once a newer one exists.
 * <p>
 * <b>{@code ~output:=mavros}</b> (PX4 drone through mavros 1.x): mavros_msgs/PositionTarget on
 * {@code mavros/setpoint_raw/local} (relative, so {@code /mavros/setpoint_raw/local} for a node in {@code /}),
 * {@code coordinate_frame} FRAME_BODY_NED and {@code type_mask} 1479 (position, acceleration/force and yaw ignored),
 * so only the velocity (forward, left, up in m/s, body FLU as mavros's ROS side takes it; mavros converts to FRD)
 * and the yaw rate (REP-103, counter-clockwise positive) are used. Setpoints go out only from the output timer, at
 * exactly {@code ~rate_hz}, holding the latest command between images (never once per image, which would double
 * the rate); their stamps are node time from a monotonic source, strictly increasing, never the image's stamp.
 * The node subscribes {@code mavros/state} and sends non-zero setpoints only while it says connected, armed and
 * {@code OFFBOARD}; otherwise, before the first state, and whenever the pilot's failsafe stops, it streams zero
 * velocity and zero yaw rate (hover). {@code ~offboard:=true} requests OFFBOARD through {@code mavros/set_mode}
 * once setpoints have reached mavros for 1.5 s (more than the 1 s PX4 users expect, with room for delivery
 * jitter), retrying every 2 s; {@code ~arm:=true} requests arming through
 * {@code mavros/cmd/arming} while in OFFBOARD and disarmed. Both default to false: unasked, the node never switches
 * mode or arms. After {@code ~loss_land_s} without usable input while in OFFBOARD it requests {@code AUTO.LAND}
 * ({@code ~loss_mode:=loiter}: {@code AUTO.LOITER}) once per loss episode, with or without {@code ~offboard}:
 * it keeps streaming hover setpoints, so PX4's own offboard-loss failsafe cannot fire, and landing is the safe
 * end of a flight with no eyes; {@link MavrosOffboard} has the reasoning and the hand-over rules. Requests run on
 * their own thread, never the timer's, and are logged. {@code ~status} ends with the handshake's state, e.g.
 * {@code mavros: waiting for OFFBOARD (mode POSCTL, disarmed), hover}.
 */
public final class PilotNode implements NodeMain {
    private final Object lock = new Object();
    private ConnectedNode node;
    private PilotParams params;
    private FeatureSource features;
    private PilotModel model;
    private Pilot pilot;
    private final List<float[]> calibration = new ArrayList<>();
    private Publisher<double[]> twistOut;   // TwistCommands.CODEC: the command's four numbers, no message object
    private final double[] twistCommand = new double[4]; // guarded by itself: image, timer and service threads publish
    private Publisher<TwistStamped> stampedOut;
    private Publisher<PositionTarget> mavrosOut;
    private MavrosOffboard offboard;
    private SetpointClock setpointClock;
    private ServiceClient<SetMode.Request, SetMode.Response> setModeClient;
    private ServiceClient<CommandBool.Request, CommandBool.Response> armingClient;
    private ExecutorService requests;
    private Publisher<Float32MultiArray> featuresOut;
    private Publisher<Float32MultiArray> neuronsOut;
    private Publisher<StringMessage> statusOut;
    private ScheduledExecutorService timer;
    private String lastStatus = "";
    private int seq;
    private float[] featureBuf;
    private float[] neuronBuf;
    private Float32MultiArray featuresMsg; // wrap featureBuf/neuronBuf: publish() serialises at once, so one
    private Float32MultiArray neuronsMsg;  // message object serves every frame
    private final ImageFrameReader imageReader = new ImageFrameReader(); // the receive thread's only
    private volatile boolean enabled = true;
    private final AtomicLong droppedImages = new AtomicLong();

    private final java.util.function.UnaryOperator<FeatureSource> featureWrapper;

    public PilotNode() {
        this(java.util.function.UnaryOperator.identity());
    }

    /** @param featureWrapper wraps the perception front end (tests use it to inject faults) */
    public PilotNode(java.util.function.UnaryOperator<FeatureSource> featureWrapper) {
        this.featureWrapper = featureWrapper;
    }

    @Override
    public String getDefaultNodeName() {
        return "pilot";
    }

    @Override
    public void onStart(ConnectedNode node) {
        this.node = node;
        params = PilotParams.read(node.getParameterTree());
        twistRate = new RateLimit(Math.round(1e9 / params.rateHz()));
        Path modelFile = params.modelFile();
        if (modelFile != null) {
            model = PilotModel.load(modelFile);
            model.requireFits(params.vehicle());
            features = featureWrapper.apply(new PerceptionFeatures(model.features()));
            pilot = new Pilot(model.configure(params.pilotConfig()), features, model.stats(), model.policy());
            buffers();
        } else {
            features = featureWrapper.apply(new PerceptionFeatures(FeatureConfig.defaults()));
        }
        if (params.output().equals("mavros")) {
            mavrosOut = node.newPublisher("mavros/setpoint_raw/local", PositionTarget.CODEC, PublisherOptions.DEFAULT.withQueueSize(1));
            offboard = new MavrosOffboard(params.offboardConfig());
            setpointClock = new SetpointClock(node.getParameterTree().getBoolean("/use_sim_time", false),
                    node.getCurrentTime(), System.nanoTime());
            setModeClient = node.newServiceClient("mavros/set_mode", SetMode.TYPE);
            armingClient = node.newServiceClient("mavros/cmd/arming", CommandBool.TYPE);
            requests = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pilot-mavros-requests");
                t.setDaemon(true);
                return t;
            });
        } else if (params.output().equals("twist_stamped")) {
            stampedOut = node.newPublisher("cmd_vel", TwistStamped.CODEC, PublisherOptions.DEFAULT.withQueueSize(1));
            setpointClock = new SetpointClock(node.getParameterTree().getBoolean("/use_sim_time", false),
                    node.getCurrentTime(), System.nanoTime());
        } else {
            twistOut = node.newPublisher("cmd_vel", TwistCommands.CODEC, PublisherOptions.DEFAULT.withQueueSize(1));
        }
        featuresOut = node.newPublisher("~features", Float32MultiArray.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        neuronsOut = node.newPublisher("~neurons", Float32MultiArray.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        statusOut = node.newPublisher("~status", StringMessage.CODEC, PublisherOptions.DEFAULT.latched());
        node.newServiceServer("~enable", SetBool.TYPE, req -> {
            setEnabled(req.data());
            return new SetBool.Response(true, req.data() ? "enabled" : "disabled");
        });
        node.newServiceServer("~reset", Empty.TYPE, req -> {
            synchronized (lock) {
                if (pilot != null) pilot.reset();
            }
            return Empty.Response.INSTANCE;
        });
        if (offboard != null) {
            node.newSubscriber("mavros/state", State.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1))
                    .addMessageListener(this::onMavrosState);
        }
        // Queue of one: a late frame is worth nothing to a controller, the newest one is.
        if (params.transport().equals("compressed")) {
            // As image_transport does: the base topic is resolved (and remapped) first, the suffix goes after it.
            node.newSubscriber(node.resolveName("camera/image_raw") + "/compressed", CompressedImage.CODEC,
                    SubscriberOptions.DEFAULT.withQueueSize(1)).addMessageListener(this::onCompressedImage);
        } else {
            // The control path: each image is read from the receive buffer and answered on the receive thread
            // (decode, features, step, publish), with no hand-off and nothing allocated per image.
            node.newSerializedSubscriber("camera/image_raw", Image.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1), this::onImage);
        }
        publishStatus(true);
        long periodNanos = Math.round(1e9 / params.rateHz());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pilot-output-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::onTimer, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        node.getLog().info("pilot: " + describe() + ", " + params.transport() + " images, output " + params.output() + " at " + params.rateHz() + " Hz"
                + (offboard == null ? "" : " on " + node.resolveName("mavros/setpoint_raw/local") + " (offboard " + params.offboard()
                + ", arm " + params.arm() + ", on input loss " + params.offboardConfig().lossMode() + " after " + params.lossLandS() + " s)"));
    }

    private void buffers() {
        featureBuf = new float[pilot.featureCount()];
        neuronBuf = new float[pilot.neuronCount()];
        featuresMsg = Float32MultiArray.vector("features", featureBuf);
        neuronsMsg = Float32MultiArray.vector("neurons", neuronBuf);
    }

    /** One line on what is flying: the model, or that there is none. */
    public String describe() {
        synchronized (lock) {
            if (model != null) return model.description();
            return "NO TRAINED MODEL (~allow_untrained): untrained 19-neuron LTC NCP, feature statistics from the first "
                    + params.calibrationFrames() + " frames";
        }
    }

    private void setEnabled(boolean on) {
        boolean was = enabled;
        enabled = on;
        synchronized (lock) {
            if (pilot != null) pilot.setEnabled(on, System.nanoTime());
        }
        if (offboard != null) {
            // Enabling again is the operator's word that the pilot may take the vehicle again.
            if (on && !was) offboard.reengage();
        } else {
            publishTwist();
        }
        publishStatus(false);
    }

    private void onImage(java.nio.ByteBuffer msg) {
        long received = System.nanoTime();
        if (!controlThreadRaised) raiseControlThread();
        RgbFrame frame;
        try {
            frame = imageReader.read(msg);
        } catch (IllegalArgumentException bad) {
            drop(bad);
            return;
        }
        long stamp = imageReader.stampNanos();
        onFrame(frame, stamp == 0 ? nodeSeconds() : stamp / 1e9, received);
    }

    private void onCompressedImage(CompressedImage msg) {
        long received = System.nanoTime();
        RgbFrame frame;
        try {
            frame = RosImages.toFrame(msg);
        } catch (IllegalArgumentException bad) {
            // ImageFormatException included: corrupt or mislabelled jpeg/png is a bad frame, not a fault of the node.
            drop(bad);
            return;
        }
        Time stamp = msg.header().stamp();
        onFrame(frame, stamp.toNanos() == 0 ? nodeSeconds() : stamp.toSeconds(), received);
    }

    private boolean controlThreadRaised; // the receive thread's own
    private boolean timerRaised;         // the timer thread's own

    /** The thread that delivers images is the control thread: raised once, on its first frame. */
    private void raiseControlThread() {
        controlThreadRaised = true;
        ControlThreads.raiseCurrent(params.realtimePriority(), how -> node.getLog().info("pilot: control thread " + how));
    }

    /** The node's clock, the stamp of images whose publishers leave it zero. */
    private double nodeSeconds() {
        return node.getCurrentTime().toEpochMilli() / 1000.0;
    }

    private void drop(IllegalArgumentException bad) {
        long n = droppedImages.incrementAndGet();
        // Every bad frame counts; the log says so only now and then, so a broken camera cannot flood it.
        if (n <= 10 || Long.bitCount(n) == 1) node.getLog().warn("pilot: dropping image (" + n + " so far): " + bad.getMessage());
    }

    /** Images that could not be turned into frames (bad size, encoding, corrupt compressed data) and were dropped. */
    public long droppedImages() {
        return droppedImages.get();
    }

    /** Whether images arrived once and then stopped for longer than the watchdog. */
    private boolean imagesStopped(long now) {
        long last = lastFrameNanos;
        return last != 0 && now - last > params.watchdogMs() * 1_000_000L;
    }

    private volatile long lastFrameNanos;
    private RateLimit twistRate;

    private void onFrame(RgbFrame frame, double stampSeconds, long received) {
        lastFrameNanos = received;
        synchronized (lock) {
            if (pilot == null) {
                calibrate(frame, received);
            } else {
                pilot.onFrame(frame, stampSeconds, received);
                pilot.features(featureBuf);
                pilot.neurons(neuronBuf);
            }
        }
        // mavros setpoints go out only from the output timer, at a fixed rate; Twist commands go out at once, but
        // never faster than ~rate_hz on average, however fast the camera: counted on the image stamps, so a lock-step
        // simulator's frames, one period apart in simulated time, all get their answer.
        if (mavrosOut == null && twistRate.tryAcquire(Math.round(stampSeconds * 1e9))) publishTwist();
        if (featureBuf != null) {
            featuresOut.publish(featuresMsg);
            neuronsOut.publish(neuronsMsg);
        }
        publishChangedStatus(); // the once-a-second repeat is the timer's, so this thread allocates nothing
    }

    private void calibrate(RgbFrame frame, long received) {
        float[] f = new float[features.featureCount()];
        features.extract(frame, f);
        // The first frame has no motion reference; its flow features are not typical.
        if (Failsafe.allFinite(f) && frameCount++ > 0) calibration.add(f);
        if (calibration.size() >= params.calibrationFrames()) {
            FeatureStats stats = FeatureStats.fit(calibration);
            calibration.clear();
            features.reset();
            pilot = new Pilot(params.pilotConfig(), features, stats, UntrainedNcp.create(features.featureCount(), params.seed()));
            pilot.setEnabled(enabled, received);
            buffers();
        }
    }

    private int frameCount;

    /** How often the log repeats that an untrained network is flying. */
    static final long UNTRAINED_WARN_NANOS = 5_000_000_000L;
    private long lastUntrainedWarn;

    private void onTimer() {
        try {
            // The timer shares the pilot's locks with the control thread: left on the normal scheduler it could be
            // preempted while holding one and keep a raised control thread waiting (priority inversion).
            if (!timerRaised) {
                timerRaised = true;
                ControlThreads.raiseCurrent(params.realtimePriority(), how -> node.getLog().info("pilot: output timer " + how));
            }
            long now = System.nanoTime();
            if (model == null && (lastUntrainedWarn == 0 || now - lastUntrainedWarn >= UNTRAINED_WARN_NANOS)) {
                lastUntrainedWarn = now;
                node.getLog().warn("pilot: flying an UNTRAINED network (~allow_untrained:=true); its steering is random");
            }
            boolean stopped;
            synchronized (lock) {
                stopped = pilot == null || pilot.tick(now);
            }
            if (mavrosOut != null) {
                publishSetpoint(now, stopped);
            } else if (stopped && imagesStopped(now)) {
                // Twist goes out per image while images flow; the timer speaks only once they stop, so a lock-step
                // simulator never takes a timer's stop for the answer to the frame it just sent.
                publishTwist();
            }
            publishStatus(false);
        } catch (RuntimeException e) {
            // A failing timer must not die silently: the watchdog and the setpoint stream live here.
            node.getLog().error("pilot: output timer: " + e);
        }
    }

    /**
     * The command the pilot gives now, whatever the output: forward speed and yaw rate from the pilot; left and up
     * are 0 until models with four outputs exist. Zero before the pilot exists (calibrating).
     */
    public VehicleCommand command() {
        synchronized (lock) {
            return pilot == null ? VehicleCommand.ZERO : pilot.command();
        }
    }

    private void publishTwist() {
        if (stampedOut == null) {
            synchronized (twistCommand) {
                synchronized (lock) {
                    if (pilot == null) java.util.Arrays.fill(twistCommand, 0);
                    else pilot.command(twistCommand);
                }
                twistOut.publish(twistCommand);
            }
            return;
        }
        Twist t = TwistCommands.toTwist(command());
        synchronized (stampedOut) { // image, timer and service threads: stamps and seq stay in order
            Time stamp = setpointClock.next(node.getCurrentTime(), System.nanoTime());
            stampedOut.publish(new TwistStamped(new Header(seq++, stamp, params.frameId()), t));
        }
    }

    /** One mavros setpoint (the output timer's job, once per period), then any request the handshake calls for. */
    private void publishSetpoint(long now, boolean stopped) {
        boolean usable = enabled && !stopped;
        VehicleCommand c = usable && offboard.mayFly() ? command() : VehicleCommand.ZERO;
        Time stamp = setpointClock.next(node.getCurrentTime(), now);
        mavrosOut.publish(PositionTarget.bodyVelocity(new Header(seq++, stamp, params.frameId()),
                c.forward(), c.left(), c.up(), c.yawRate()));
        MavrosOffboard.Request r = offboard.afterSetpoint(now, usable, enabled, mavrosOut.getNumberOfSubscribers() > 0);
        if (r != null) requests.execute(() -> send(r));
    }

    private void onMavrosState(State s) {
        String before = offboard.status();
        offboard.onState(s);
        String after = offboard.status();
        if (!after.equals(before)) node.getLog().info("pilot: mavros state connected=" + s.connected() + " armed=" + s.armed() + " mode=" + s.mode());
        publishStatus(false);
    }

    /** Sends one handshake request to mavros (on the request thread) and reports the outcome. */
    private void send(MavrosOffboard.Request r) {
        String what = offboard.describe(r);
        boolean accepted = false;
        String detail = "";
        try {
            if (r == MavrosOffboard.Request.ARM) {
                node.getLog().info("pilot: requesting arming (" + armingClient.getName() + ")");
                CommandBool.Response res = armingClient.call(new CommandBool.Request(true));
                accepted = res.success();
                if (!accepted) detail = "result " + res.result();
            } else {
                String mode = offboard.modeOf(r);
                node.getLog().info("pilot: requesting mode " + mode + " (" + setModeClient.getName() + ")"
                        + (r == MavrosOffboard.Request.SET_LOSS_MODE ? ": no usable input for " + params.lossLandS() + " s in OFFBOARD" : ""));
                accepted = setModeClient.call(SetMode.Request.custom(mode)).modeSent();
                if (!accepted) detail = "mode_sent false";
            }
        } catch (ServiceException e) {
            detail = e.getMessage();
        } catch (RuntimeException e) {
            detail = e.toString();
        }
        if (accepted) {
            node.getLog().info("pilot: " + what + " sent");
        } else {
            node.getLog().warn("pilot: " + what + " failed: " + detail);
        }
        offboard.requestDone(r, accepted, detail.lines().findFirst().orElse(""));
        publishStatus(false);
    }

    /** How often ~status repeats itself when nothing changed. */
    static final long STATUS_PERIOD_NANOS = 1_000_000_000L;
    private FailsafeState lastStatusState; // null before the first status
    private Object lastStatusReason;       // a FailsafeReason, or what the node does before the pilot exists
    private String lastHandshake = "";
    private long lastStatusNanos;

    /**
     * Publishes {@code ~status} when the state, its reason or the handshake changed, and otherwise once a second
     * (the line carries the latest distribution score, which changes every frame and is no reason to publish).
     * Each change of state or reason also goes to the log, so failsafe transitions reach {@code /rosout}. Called
     * for every image and timer tick: the line is built only when it goes out, so the usual call allocates nothing.
     */
    private void publishStatus(boolean force) {
        publishStatus(force, true);
    }

    /** Publishes {@code ~status} only when it changed (the image thread: it leaves the periodic repeat to the timer). */
    private void publishChangedStatus() {
        publishStatus(false, false);
    }

    private void publishStatus(boolean force, boolean repeat) {
        FailsafeState state;
        Object reason;
        synchronized (lock) {
            if (pilot == null) {
                state = enabled ? FailsafeState.STOPPED : FailsafeState.DISABLED;
                reason = enabled ? "CALIBRATING" : "DISABLED_BY_SERVICE";
            } else {
                state = pilot.state();
                reason = pilot.reason();
            }
        }
        String handshake = offboard == null ? "" : offboard.status();
        long now = System.nanoTime();
        synchronized (statusOut) {
            boolean changed = state != lastStatusState || !reason.equals(lastStatusReason) || !handshake.equals(lastHandshake);
            if (!force && !changed && !(repeat && now - lastStatusNanos >= STATUS_PERIOD_NANOS)) return;
            String line = statusLine(handshake);
            if (changed && lastStatusState != null) logTransition(state, line);
            lastStatusState = state;
            lastStatusReason = reason;
            lastHandshake = handshake;
            lastStatusNanos = now;
            lastStatus = line;
            statusOut.publish(new StringMessage(line));
        }
    }

    private String statusLine(String handshake) {
        String line;
        synchronized (lock) {
            if (pilot == null) {
                String key = enabled ? "STOPPED CALIBRATING" : "DISABLED DISABLED_BY_SERVICE";
                line = (enabled ? key + " " + calibration.size() + "/" + params.calibrationFrames() : key) + " | " + describe();
            } else {
                line = pilot.status().line() + " | " + describe();
            }
        }
        return offboard == null ? line : line + " | " + handshake;
    }

    private void logTransition(FailsafeState state, String line) {
        String msg = "pilot: " + line.replace(" | " + describe(), "");
        if (state == FailsafeState.ACTIVE || state == FailsafeState.DISABLED) node.getLog().info(msg);
        else node.getLog().warn(msg);
    }

    /** The pilot once it exists (after calibration without a model), for in-process callers such as the demo. */
    public Pilot pilot() {
        synchronized (lock) {
            return pilot;
        }
    }

    @Override
    public void onShutdown(ConnectedNode node) {
        if (timer != null) timer.shutdownNow();
        if (requests != null) requests.shutdownNow();
        synchronized (lock) {
            if (features != null) features.close();
        }
    }
}
