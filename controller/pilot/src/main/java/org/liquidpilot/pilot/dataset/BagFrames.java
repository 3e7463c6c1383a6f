package org.liquidpilot.pilot.dataset;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.Connection;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.ros.RosImages;
import org.liquidpilot.ros.msg.MessageFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/** The image frames of one bag topic, decoded in time order; frames that cannot be decoded are counted and skipped. */
public final class BagFrames implements AutoCloseable {
    public static final String DEFAULT_TOPIC = "/camera/image_raw";

    private final Recording reader;
    public final String topic;
    public final long messages;
    public long skipped;
    String firstProblem;

    public BagFrames(Path bag, String topic) throws IOException {
        if (!Files.isRegularFile(bag)) throw new IllegalArgumentException("no such bag file: " + bag);
        reader = Recording.open(bag);
        try {
            reader.requireRos1("reading camera frames");
            TreeSet<String> imageTopics = new TreeSet<>();
            for (Connection c : reader.connections().values()) if (RosImages.isImageType(c.type())) imageTopics.add(c.topic());
            if (topic == null) {
                if (imageTopics.isEmpty()) throw new IllegalArgumentException(bag + " has no sensor_msgs/Image or CompressedImage topic");
                topic = imageTopics.contains(DEFAULT_TOPIC) ? DEFAULT_TOPIC : imageTopics.first();
            } else if (!imageTopics.contains(topic)) {
                throw new IllegalArgumentException("no image topic " + topic + " in " + bag.getFileName()
                        + (imageTopics.isEmpty() ? " (it has none)" : "; image topics: " + String.join(", ", imageTopics)));
            }
            this.topic = topic;
            long n = 0;
            for (var e : reader.countsByConnection().entrySet()) {
                if (reader.connections().get(e.getKey()).topic().equals(topic)) n += e.getValue();
            }
            messages = n;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Calls {@code sink} with each decodable frame, in bag order. */
    public void forEach(Consumer<RgbFrame> sink) {
        for (BagMessage m : reader.messages(BagQuery.topics(topic))) {
            RgbFrame f;
            try {
                f = RosImages.toFrame(reader.decode(m));
            } catch (IllegalArgumentException | MessageFormatException | java.nio.BufferUnderflowException e) {
                skipped++;
                if (firstProblem == null) firstProblem = "bag time " + m.time() + ": " + e.getMessage();
                continue;
            }
            sink.accept(f);
        }
    }

    List<RgbFrame> all() {
        List<RgbFrame> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    public String skippedNote() {
        return skipped == 0 ? "" : " (skipped " + skipped + " undecodable frame" + (skipped == 1 ? "" : "s") + "; first: " + firstProblem + ")";
    }

    @Override
    public void close() {
        reader.close();
    }
}
