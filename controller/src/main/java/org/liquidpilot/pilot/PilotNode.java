package org.liquidpilot.pilot;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;
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
import org.liquidpilot.ros.node.SubscriberOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pilot as a ROS node. Subscribes {@code camera/image_raw} (or, with {@code ~transport:=compressed},
 * {@code camera/image_raw/compressed}: jpeg or png sensor_msgs/CompressedImage); publishes {@code cmd_vel} (geometry_msgs/Twist) or,
 * with {@code ~output:=mavros}, {@code mavros/setpoint_velocity/cmd_vel} (TwistStamped) at {@code ~rate_hz} even
 * between images; {@code ~features}, {@code ~neurons} (the neuron states every step) and {@code ~status} (the
 * failsafe state, latched). Services {@code ~enable} (std_srvs/SetBool) and {@code ~reset} (std_srvs/Empty).
 * <p>
 * A command goes out as soon as an image is processed (on the subscriber's thread: no hand-off in the latency
 * path); the output timer trips the image watchdog, so a stop follows within one period of the timeout.
 * Without {@code ~model} it flies an untrained NCP whose input statistics come from the first frames, and says so
 * on {@code ~status}.
 */
public final class PilotNode implements NodeMain {
    private final Object lock = new Object();
    private ConnectedNode node;
    private PilotParams params;
    private FeatureSource features;
    private PilotModel model;
    private Pilot pilot;
    private final List<float[]> calibration = new ArrayList<>();
    private Publisher<Twist> twistOut;
    private Publisher<TwistStamped> mavrosOut;
    private Publisher<Float32MultiArray> featuresOut;
    private Publisher<Float32MultiArray> neuronsOut;
    private Publisher<StringMessage> statusOut;
    private ScheduledExecutorService timer;
    private String lastStatus = "";
    private int seq;
    private float[] featureBuf;
    private float[] neuronBuf;
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
        if (!params.model().isBlank()) {
            model = PilotModel.load(Path.of(params.model()));
            features = featureWrapper.apply(new PerceptionFeatures(model.features()));
            pilot = new Pilot(model.configure(params.pilotConfig()), features, model.stats(), model.policy());
            buffers();
        } else {
            features = featureWrapper.apply(new PerceptionFeatures(FeatureConfig.defaults()));
        }
        if (params.output().equals("mavros")) {
            mavrosOut = node.newPublisher("mavros/setpoint_velocity/cmd_vel", TwistStamped.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        } else {
            twistOut = node.newPublisher("cmd_vel", Twist.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        }
        featuresOut = node.newPublisher("~features", Float32MultiArray.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        neuronsOut = node.newPublisher("~neurons", Float32MultiArray.CODEC, PublisherOptions.DEFAULT.withQueueSize(10));
        statusOut = node.newPublisher("~status", StringMessage.CODEC, PublisherOptions.DEFAULT.latched());
        node.newServiceServer("~enable", nodeType(SetBool.TYPE), req -> {
            setEnabled(req.data());
            return new SetBool.Response(true, req.data() ? "enabled" : "disabled");
        });
        node.newServiceServer("~reset", nodeType(Empty.TYPE), req -> {
            synchronized (lock) {
                if (pilot != null) pilot.reset();
            }
            return Empty.Response.INSTANCE;
        });
        // Queue of one: a late frame is worth nothing to a controller, the newest one is.
        if (params.transport().equals("compressed")) {
            // As image_transport does: the base topic is resolved (and remapped) first, the suffix goes after it.
            node.newSubscriber(node.resolveName("camera/image_raw") + "/compressed", CompressedImage.CODEC,
                    SubscriberOptions.DEFAULT.withQueueSize(1)).addMessageListener(this::onCompressedImage);
        } else {
            node.newSubscriber("camera/image_raw", Image.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1))
                    .addMessageListener(this::onImage);
        }
        publishStatus(true);
        long periodNanos = Math.round(1e9 / params.rateHz());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pilot-output-timer");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::onTimer, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        node.getLog().info("pilot: " + describe() + ", " + params.transport() + " images, output " + params.output() + " at " + params.rateHz() + " Hz");
    }

    /** The runtime's node API takes its own service descriptor; the message layer ships the std_srvs ones. */
    private static <Q, R> org.liquidpilot.ros.node.ServiceType<Q, R> nodeType(org.liquidpilot.ros.msg.ServiceType<Q, R> t) {
        return new org.liquidpilot.ros.node.ServiceType<>(t.type(), t.md5sum(), t.request(), t.response());
    }

    private void buffers() {
        featureBuf = new float[pilot.featureCount()];
        neuronBuf = new float[pilot.neuronCount()];
    }

    /** One line on what is flying: the model, or that there is none. */
    public String describe() {
        synchronized (lock) {
            if (model != null) return model.description();
            return "NO TRAINED MODEL (~model empty): untrained 19-neuron LTC NCP, feature statistics from the first "
                    + params.calibrationFrames() + " frames";
        }
    }

    private void setEnabled(boolean on) {
        enabled = on;
        synchronized (lock) {
            if (pilot != null) pilot.setEnabled(on, System.nanoTime());
        }
        publishCommand(System.nanoTime(), null);
        publishStatus(false);
    }

    private void onImage(Image msg) {
        long received = System.nanoTime();
        RgbFrame frame;
        try {
            frame = ImageFrames.toFrame(msg, stampSeconds(msg.header().stamp()));
        } catch (IllegalArgumentException bad) {
            drop(bad);
            return;
        }
        onFrame(frame, received, msg.header().stamp());
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
        if (msg.header().stamp().toNanos() == 0) {
            frame = new RgbFrame(frame.width(), frame.height(), frame.rgb(), stampSeconds(msg.header().stamp()));
        }
        onFrame(frame, received, msg.header().stamp());
    }

    /** Header stamp, or the node's clock for publishers that leave it zero. */
    private double stampSeconds(Time stamp) {
        return stamp.toNanos() == 0 ? node.getCurrentTime().toEpochMilli() / 1000.0 : stamp.toSeconds();
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

    private void onFrame(RgbFrame frame, long received, Time stamp) {
        synchronized (lock) {
            if (pilot == null) {
                calibrate(frame, received);
            } else {
                pilot.onFrame(frame, received);
                pilot.features(featureBuf);
                pilot.neurons(neuronBuf);
            }
        }
        publishCommand(received, stamp);
        if (featureBuf != null) {
            featuresOut.publish(Float32MultiArray.vector("features", featureBuf.clone()));
            neuronsOut.publish(Float32MultiArray.vector("neurons", neuronBuf.clone()));
        }
        publishStatus(false);
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

    private void onTimer() {
        try {
            long now = System.nanoTime();
            boolean stopped;
            synchronized (lock) {
                stopped = pilot == null || pilot.tick(now);
            }
            if (mavrosOut != null || stopped) publishCommand(now, null);
            publishStatus(false);
        } catch (RuntimeException e) {
            // A failing timer must not die silently: the watchdog lives here.
            node.getLog().error("pilot: output timer: " + e);
        }
    }

    private void publishCommand(long nowNanos, Time imageStamp) {
        double forward;
        double yaw;
        synchronized (lock) {
            forward = pilot == null ? 0 : pilot.forward();
            yaw = pilot == null ? 0 : pilot.yawRate();
        }
        Twist twist = Twist.of(forward, yaw);
        if (mavrosOut != null) {
            Time stamp = imageStamp != null ? imageStamp : Time.ofNanos(node.getCurrentTime().toEpochMilli() * 1_000_000L
                    + node.getCurrentTime().getNano() % 1_000_000);
            mavrosOut.publish(new TwistStamped(new Header(seq++, stamp, params.frameId()), twist));
        } else {
            twistOut.publish(twist);
        }
    }

    private void publishStatus(boolean force) {
        String line;
        synchronized (lock) {
            if (pilot == null) {
                line = (enabled ? "STOPPED CALIBRATING " + calibration.size() + "/" + params.calibrationFrames() : "DISABLED DISABLED_BY_SERVICE")
                        + " | " + describe();
            } else {
                line = pilot.status().line() + " | " + describe();
            }
        }
        if (force || !line.equals(lastStatus)) {
            lastStatus = line;
            statusOut.publish(new StringMessage(line));
        }
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
        synchronized (lock) {
            if (features != null) features.close();
        }
    }
}
