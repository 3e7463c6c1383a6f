package org.liquidpilot.pilot.dataset;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.Connection;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.ImageFormatException;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.ros.RosImages;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.TwistStamped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One bag as paired samples: the raw (un-normalised) features of each camera frame, its header stamp, and the yaw
 * rate commanded nearest to it in bag time. Frames with no command close enough are dropped.
 *
 * @param features row-major, {@code steps × featureCount}
 */
public record BagRecording(String name, int steps, int featureCount, float[] features, double[] stamps, double[] yawRates, int droppedFrames) {
    /** Bounds what one wrong bag can make us hold: 200k frames is over 3 hours at 15 Hz. */
    static final int MAX_FRAMES = 200_000;
    static final Set<String> COMMAND_TYPES = Set.of("geometry_msgs/Twist", "geometry_msgs/TwistStamped");

    public BagRecording {
        if (features.length != (long) steps * featureCount || stamps.length != steps || yawRates.length != steps) {
            throw new IllegalArgumentException(name + ": inconsistent recording arrays");
        }
    }

    /** One camera frame of a bag, decoded, with its bag time. */
    public record Frame(long bagTimeNanos, RgbFrame image) {}

    /** Decodes a bag: the command samples (bag time, yaw rate) and each camera frame in bag order. */
    public static final class Source implements AutoCloseable {
        private final BagReader reader;
        private final Path path;
        private final String imageTopic;
        private final String commandTopic;
        public final long[] commandTimes;
        public final double[] commandYawRates;

        public Source(Path bag, String imageTopic, String commandTopic) throws IOException {
            if (!Files.isRegularFile(bag)) throw new IllegalArgumentException("no such bag file: " + bag);
            this.path = bag;
            this.imageTopic = imageTopic;
            this.commandTopic = commandTopic;
            reader = BagReader.open(bag);
            try {
                requireTopic(imageTopic, "an image topic (sensor_msgs/Image or CompressedImage)", RosImages::isImageType);
                requireTopic(commandTopic, "a command topic (geometry_msgs/Twist or TwistStamped)", COMMAND_TYPES::contains);
                long[] t = new long[1024];
                double[] y = new double[1024];
                int n = 0;
                for (BagMessage m : reader.messages(BagQuery.topics(commandTopic))) {
                    Object msg = decode(m, "command");
                    double yaw = msg instanceof Twist tw ? tw.angular().z() : msg instanceof TwistStamped ts ? ts.twist().angular().z() : Double.NaN;
                    if (!Double.isFinite(yaw)) continue;
                    if (n == MAX_FRAMES * 4) throw new IllegalArgumentException(bag.getFileName() + ": more than " + n + " commands on " + commandTopic);
                    if (n == t.length) {
                        t = java.util.Arrays.copyOf(t, n * 2);
                        y = java.util.Arrays.copyOf(y, n * 2);
                    }
                    t[n] = m.time();
                    y[n] = yaw;
                    n++;
                }
                if (n == 0) throw new IllegalArgumentException(bag.getFileName() + ": no finite commands on " + commandTopic);
                commandTimes = java.util.Arrays.copyOf(t, n);
                commandYawRates = java.util.Arrays.copyOf(y, n);
            } catch (RuntimeException e) {
                reader.close();
                throw e;
            }
        }

        private void requireTopic(String topic, String what, java.util.function.Predicate<String> typeOk) {
            TreeSet<String> topics = new TreeSet<>();
            boolean found = false;
            for (Connection c : reader.connections().values()) {
                topics.add(c.topic() + " (" + c.type() + ")");
                if (c.topic().equals(topic)) {
                    if (!typeOk.test(c.type())) {
                        throw new IllegalArgumentException(path.getFileName() + ": " + topic + " is " + c.type() + ", not " + what);
                    }
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException(path.getFileName() + " has no topic " + topic + " (needs " + what + "); it has: "
                        + (topics.isEmpty() ? "no topics" : String.join(", ", topics)));
            }
        }

        private Object decode(BagMessage m, String what) {
            try {
                return reader.decode(m);
            } catch (MessageFormatException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
                throw new IllegalArgumentException(path.getFileName() + ": undecodable " + what + " message on " + m.topic() + " at bag time "
                        + m.time() + ": " + e.getMessage());
            }
        }

        /** Each camera frame in bag order; an image whose size differs from the first is an error (the motion features would be meaningless). */
        public void forEachFrame(Consumer<Frame> sink) {
            int w = -1, h = -1, count = 0;
            for (BagMessage m : reader.messages(BagQuery.topics(imageTopic))) {
                RgbFrame f;
                try {
                    f = RosImages.toFrame(decode(m, "image"));
                } catch (ImageFormatException e) {
                    throw new IllegalArgumentException(path.getFileName() + ": bad image at bag time " + m.time() + ": " + e.getMessage());
                }
                if (w < 0) {
                    w = f.width();
                    h = f.height();
                } else if (f.width() != w || f.height() != h) {
                    throw new IllegalArgumentException(path.getFileName() + ": mismatched image sizes on " + imageTopic + ": " + w + "x" + h
                            + " then " + f.width() + "x" + f.height() + " at bag time " + m.time());
                }
                if (++count > MAX_FRAMES) throw new IllegalArgumentException(path.getFileName() + ": more than " + MAX_FRAMES + " frames");
                sink.accept(new Frame(m.time(), f));
            }
        }

        /** Index of the command nearest to {@code t} (ties go to the later one, which answers the frame), or -1 when none is within {@code maxGapNanos}. */
        public int nearestCommand(long t, long maxGapNanos) {
            int i = java.util.Arrays.binarySearch(commandTimes, t);
            if (i >= 0) return i;
            int after = -i - 1, before = after - 1;
            long dAfter = after < commandTimes.length ? commandTimes[after] - t : Long.MAX_VALUE;
            long dBefore = before >= 0 ? t - commandTimes[before] : Long.MAX_VALUE;
            int best = dAfter <= dBefore ? after : before;
            return Math.min(dAfter, dBefore) <= maxGapNanos ? best : -1;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    /** Runs the perception front end over a bag (no cache). */
    public static BagRecording extract(Path bag, BagDatasetConfig cfg) throws IOException {
        try (Source src = new Source(bag, cfg.imageTopic(), cfg.commandTopic());
             FeatureExtractor fx = new FeatureExtractor(cfg.features())) {
            int f = fx.featureCount();
            long gap = Math.round(cfg.maxPairGapS() * 1e9);
            List<float[]> rows = new ArrayList<>();
            List<double[]> meta = new ArrayList<>();
            int[] dropped = {0};
            src.forEachFrame(fr -> {
                float[] row = fx.extract(fr.image());
                int c = src.nearestCommand(fr.bagTimeNanos(), gap);
                if (c < 0) {
                    dropped[0]++;
                    return;
                }
                for (float v : row) {
                    if (!Float.isFinite(v)) {
                        dropped[0]++;
                        return;
                    }
                }
                double stamp = fr.image().stampSeconds() > 0 ? fr.image().stampSeconds() : fr.bagTimeNanos() * 1e-9;
                rows.add(row);
                meta.add(new double[]{stamp, src.commandYawRates[c]});
            });
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(bag.getFileName() + ": no camera frame on " + cfg.imageTopic() + " has a command on "
                        + cfg.commandTopic() + " within " + cfg.maxPairGapS() + " s");
            }
            float[] x = new float[rows.size() * f];
            double[] stamps = new double[rows.size()], yaw = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, x, i * f, f);
                stamps[i] = meta.get(i)[0];
                yaw[i] = meta.get(i)[1];
            }
            return new BagRecording(bag.getFileName().toString(), rows.size(), f, x, stamps, yaw, dropped[0]);
        }
    }
}
