package org.liquidpilot.cli;

import org.liquidpilot.bags.BagRecorder;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.bags.RecordingWriter;
import org.liquidpilot.bags.mcap.McapCompression;
import org.liquidpilot.bags.mcap.McapRos1Writer;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Records topics of any type from the ROS master at ROS_MASTER_URI (or __master:=URI) into a bag "
                + "(or a ros1-profile MCAP file with --format mcap), like rosbag record: the bag is FILE.active while recording and FILE once closed (Ctrl-C or --duration)."})
public final class BagRecordCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--topics", split = ",", required = true, paramLabel = "TOPIC", description = "topics to record")
    List<String> topics;

    @Option(names = "-O", required = true, paramLabel = "FILE", description = "the bag to write")
    Path output;

    @Option(names = "--duration", paramLabel = "SECS", description = "stop after this many seconds (default: until Ctrl-C)")
    Double duration;

    @Option(names = "--compression", paramLabel = "none|bz2|lz4|zstd", defaultValue = "none", description = "chunk compression (default: ${DEFAULT-VALUE}; zstd for MCAP only)")
    String compression;

    @Option(names = "--format", paramLabel = "bag|mcap", description = "file format (default: mcap when FILE ends in .mcap, else bag)")
    String format;

    @Parameters(paramLabel = "ROSARG", description = "ROS arguments: __name:=, __ns:=, __master:=, from:=to")
    List<String> rosArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (duration != null && !(duration > 0)) throw new BadInputException("--duration must be > 0");
        for (String a : rosArgs) {
            if (!a.contains(":=")) throw new BadInputException("unexpected argument '" + a + "' (ROS arguments look like name:=value)");
        }
        boolean mcap = format == null ? output.getFileName().toString().endsWith(".mcap") : switch (format) {
            case "mcap" -> true;
            case "bag" -> false;
            default -> throw new BadInputException("--format must be bag or mcap, not " + format);
        };
        Compression c = mcap ? null : Compression.of(compression);
        McapCompression mc = mcap ? McapCompression.of(compression) : null;
        NodeConfiguration config = NodeConfiguration.fromArgs("record_" + ProcessHandle.current().pid(), rosArgs.toArray(String[]::new));
        Path active = output.resolveSibling(output.getFileName() + ".active");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "bag-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long count;
        try (ConnectedNode node = RosNodes.start(config)) {
            RecordingWriter writer = mcap ? McapRos1Writer.create(active, mc) : BagWriter.create(active, c);
            BagRecorder rec = BagRecorder.start(node, writer, topics);
            spec.commandLine().getOut().printf("recording %s into %s%n", String.join(", ", topics), active);
            spec.commandLine().getOut().flush();
            if (duration != null) stop.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            else stop.await();
            rec.close();
            count = rec.messages();
            Files.move(active, output, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is what stopped us
            }
        }
        spec.commandLine().getOut().printf("recorded %d messages into %s%n", count, output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
