package org.liquidpilot.pilot.dataset;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.Connection;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.ImageFormatException;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.ros.RosImages;
import org.liquidpilot.ros.msg.MessageFormatException;
import org.liquidpilot.pilot.CommandAxis;
import org.liquidpilot.pilot.SetpointInput;
import org.liquidpilot.pilot.VehicleCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One bag as paired samples: the raw (un-normalised) features of each camera frame, its header stamp, and the
 * command (forward, left, up, yaw rate) nearest to it in bag time. Frames with no command close enough are dropped.
 *
 * @param features row-major, {@code steps × featureCount}
 * @param commands row-major, {@code steps × 4}, in {@link CommandAxis} order
 */
public record BagRecording(String name, int steps, int featureCount, float[] features, double[] stamps, double[] commands, int droppedFrames) {
    /** Bounds what one wrong bag can make us hold: 200k frames is over 3 hours at 15 Hz. */
    static final int MAX_FRAMES = 200_000;
    /** Values per command: forward, left, up, yaw rate. */
    public static final int AXES = 4;

    public BagRecording {
        if (features.length != (long) steps * featureCount || stamps.length != steps || commands.length != (long) steps * AXES) {
            throw new IllegalArgumentException(name + ": inconsistent recording arrays");
        }
    }

    /** One camera frame of a bag, decoded, with its bag time. */
    public record Frame(long bagTimeNanos, RgbFrame image) {}

    /** The command of frame {@code t} along {@code axis}. */
    public double command(int t, CommandAxis axis) {
        return commands[t * AXES + axis.ordinal()];
    }

    /** Decodes a bag: the command samples (bag time, the four command values) and each camera frame in bag order. */
    public static final class Source implements AutoCloseable {
        private final Recording reader;
        private final Path path;
        private final String imageTopic;
        private final String commandTopic;
        public final long[] commandTimes;
        /** Row-major {@code commandTimes.length × 4}, in {@link CommandAxis} order. */
        public final double[] commandValues;

        public Source(Path bag, String imageTopic, String commandTopic) throws IOException {
            if (!Files.isRegularFile(bag)) throw new IllegalArgumentException("no such bag file: " + bag);
            this.path = bag;
            this.imageTopic = imageTopic;
            this.commandTopic = commandTopic;
            reader = Recording.open(bag);
            try {
                reader.requireRos1("training and replay");
                requireTopic(imageTopic, "an image topic (sensor_msgs/Image or CompressedImage)", RosImages::isImageType);
                requireTopic(commandTopic, "a command topic (geometry_msgs/Twist, TwistStamped or mavros_msgs/PositionTarget)",
                        SetpointInput.TYPES::contains);
                long[] t = new long[1024];
                double[] y = new double[1024 * AXES];
                int n = 0;
                for (BagMessage m : reader.messages(BagQuery.topics(commandTopic))) {
                    VehicleCommand c;
                    try {
                        c = SetpointInput.fromMessage(decode(m, "command"));
                    } catch (IllegalArgumentException notFlyable) {
                        continue; // a non-finite or unsupported setpoint is no label, as a flight controller would not fly it
                    }
                    if (n == MAX_FRAMES * 4) throw new IllegalArgumentException(bag.getFileName() + ": more than " + n + " commands on " + commandTopic);
                    if (n == t.length) {
                        t = java.util.Arrays.copyOf(t, n * 2);
                        y = java.util.Arrays.copyOf(y, n * 2 * AXES);
                    }
                    t[n] = m.time();
                    for (CommandAxis a : CommandAxis.ALL) y[n * AXES + a.ordinal()] = a.of(c);
                    n++;
                }
                if (n == 0) throw new IllegalArgumentException(bag.getFileName() + ": no usable commands on " + commandTopic);
                commandTimes = java.util.Arrays.copyOf(t, n);
                commandValues = java.util.Arrays.copyOf(y, n * AXES);
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
                double[] m = new double[1 + AXES];
                m[0] = stamp;
                System.arraycopy(src.commandValues, c * AXES, m, 1, AXES);
                meta.add(m);
            });
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(bag.getFileName() + ": no camera frame on " + cfg.imageTopic() + " has a command on "
                        + cfg.commandTopic() + " within " + cfg.maxPairGapS() + " s");
            }
            float[] x = new float[rows.size() * f];
            double[] stamps = new double[rows.size()], commands = new double[rows.size() * AXES];
            for (int i = 0; i < rows.size(); i++) {
                System.arraycopy(rows.get(i), 0, x, i * f, f);
                stamps[i] = meta.get(i)[0];
                System.arraycopy(meta.get(i), 1, commands, i * AXES, AXES);
            }
            return new BagRecording(bag.getFileName().toString(), rows.size(), f, x, stamps, commands, dropped[0]);
        }
    }
}
