package org.liquidpilot.bags;

import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rosbag/record} as a node a launch file can start in-process: the arguments of Debian's
 * {@code rosbag record} that launch files use ({@code -o PREFIX} or {@code -O NAME}, {@code --lz4}, {@code --bz2},
 * topic names). The bag is written as {@code NAME.active} and renamed to {@code NAME} when the node shuts down, as
 * rosbag does; {@code -o} adds rosbag's {@code _YYYY-MM-DD-HH-MM-SS.bag} suffix.
 */
public final class RecordNode implements NodeMain {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private final Path output;
    private final Compression compression;
    private final List<String> topics;
    private BagRecorder recorder;
    private Path active;

    /** @throws IllegalArgumentException for arguments rosbag record would refuse or that are not supported here */
    public RecordNode(List<String> args) {
        String prefix = null, name = null;
        Compression c = Compression.NONE;
        List<String> t = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-o", "--output-prefix" -> prefix = value(args, ++i, a);
                case "-O", "--output-name" -> name = value(args, ++i, a);
                case "--lz4" -> c = Compression.LZ4;
                case "-j", "--bz2" -> c = Compression.BZ2;
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("rosbag/record: option " + a + " is not supported in-process");
                    t.add(a);
                }
            }
        }
        if (t.isEmpty()) throw new IllegalArgumentException("rosbag/record: name at least one topic to record");
        if (prefix != null && name != null) throw new IllegalArgumentException("rosbag/record: give -o or -O, not both");
        String file;
        if (name != null) file = name.endsWith(".bag") ? name : name + ".bag";
        else file = (prefix == null ? "" : prefix + "_") + LocalDateTime.now().format(STAMP) + ".bag";
        this.output = Path.of(file);
        this.compression = c;
        this.topics = List.copyOf(t);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) throw new IllegalArgumentException("rosbag/record: " + option + " needs a value");
        return args.get(i);
    }

    @Override
    public String getDefaultNodeName() {
        return "record";
    }

    /** Where the bag goes once the node shuts down. */
    public Path output() {
        return output;
    }

    @Override
    public void onStart(ConnectedNode node) {
        try {
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            active = output.resolveSibling(output.getFileName() + ".active");
            recorder = BagRecorder.start(node, BagWriter.create(active, compression), topics);
        } catch (IOException e) {
            throw new UncheckedIOException("rosbag/record: cannot write " + output + ": " + e.getMessage(), e);
        }
        node.getLog().info("record: " + String.join(" ", topics) + " into " + active);
    }

    @Override
    public void onShutdown(ConnectedNode node) {
        if (recorder == null) return;
        recorder.close();
        try {
            Files.move(active, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            node.getLog().error("record: could not rename " + active + " to " + output + ": " + e.getMessage());
        }
    }
}
