package org.liquidpilot.perception.ros;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.OnlineNormalizer;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32MultiArray;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.ParameterTree;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.SubscriberOptions;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The optional split-out perception node: {@code /camera/image_raw} (sensor_msgs/Image, or
 * {@code /camera/image_raw/compressed} with {@code _transport:=compressed}) in, {@code /pilot/features}
 * (std_msgs/Float32MultiArray, one dimension labelled {@code features}) out.
 * <p>
 * Private parameters: {@code ~transport} ({@code raw} | {@code compressed}), {@code ~config} (FeatureConfig JSON;
 * default the built-in 32 features), {@code ~normalize} (publish online z-scores instead of raw features, default
 * false) and {@code ~horizon} (normaliser horizon in frames, default 450). A frame that cannot be decoded is counted,
 * logged (the first and then every 100th) and dropped; the node keeps running.
 */
public final class PerceptionNode implements NodeMain {
    public static final String DEFAULT_NAME = "perception";
    public static final String FEATURES_TOPIC = "/pilot/features";

    private final AtomicLong framesIn = new AtomicLong(), published = new AtomicLong(), badFrames = new AtomicLong();
    private volatile String lastError;
    private FeatureExtractor extractor;
    private OnlineNormalizer normalizer;
    private Publisher<Float32MultiArray> publisher;
    private ConnectedNode node;
    private float[] features;
    private final Object lock = new Object();

    @Override
    public String getDefaultNodeName() {
        return DEFAULT_NAME;
    }

    @Override
    public void onStart(ConnectedNode node) {
        this.node = node;
        ParameterTree params = node.getParameterTree();
        String transport = params.getString("~transport", "raw");
        String configJson = params.getString("~config", "");
        FeatureConfig config = configJson.isBlank() ? FeatureConfig.defaults() : FeatureConfig.fromJson(configJson);
        if (params.getBoolean("~normalize", false)) {
            normalizer = new OnlineNormalizer(config.featureCount(), params.getDouble("~horizon", 450));
        }
        extractor = new FeatureExtractor(config);
        features = new float[config.featureCount()];
        publisher = node.newPublisher(FEATURES_TOPIC, Float32MultiArray.CODEC);
        // A short queue: features of stale frames are worth less than keeping up with the camera.
        SubscriberOptions options = SubscriberOptions.DEFAULT.withQueueSize(2);
        switch (transport) {
            case "raw" -> node.newSubscriber("/camera/image_raw", Image.CODEC, options)
                    .addMessageListener(m -> onImage(() -> RosImages.toFrame(m)));
            case "compressed" -> node.newSubscriber("/camera/image_raw/compressed", CompressedImage.CODEC, options)
                    .addMessageListener(m -> onImage(() -> RosImages.toFrame(m)));
            default -> throw new IllegalArgumentException("~transport must be raw or compressed, got '" + transport + "'");
        }
        node.getLog().info("perception: " + config.featureCount() + " features from " + transport + " images on "
                + node.resolveName(FEATURES_TOPIC));
    }

    private void onImage(java.util.function.Supplier<RgbFrame> decode) {
        framesIn.incrementAndGet();
        RgbFrame frame;
        try {
            frame = decode.get();
        } catch (IllegalArgumentException | MessageFormatException e) {
            long n = badFrames.incrementAndGet();
            lastError = e.getMessage();
            if (n == 1 || n % 100 == 0) node.getLog().warn("perception: dropped bad frame #" + n + ": " + e.getMessage());
            return;
        }
        float[] out;
        // Publishers on several connections may call in on different threads; the extractor is thread-confined.
        synchronized (lock) {
            if (extractor == null) return;
            extractor.extract(frame, features);
            if (normalizer != null) normalizer.normalize(features, features);
            out = features.clone();
        }
        publisher.publish(Float32MultiArray.vector("features", out));
        published.incrementAndGet();
    }

    @Override
    public void onShutdown(ConnectedNode node) {
        synchronized (lock) {
            if (extractor != null) extractor.close();
            extractor = null;
        }
    }

    public long framesIn() {
        return framesIn.get();
    }

    public long published() {
        return published.get();
    }

    /** Frames that could not be decoded (bad encoding, size, or corrupt compressed data). */
    public long badFrames() {
        return badFrames.get();
    }

    public String lastError() {
        return lastError;
    }
}
