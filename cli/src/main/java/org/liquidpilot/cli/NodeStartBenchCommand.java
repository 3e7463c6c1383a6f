package org.liquidpilot.cli;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a pilot node takes from process start to its first command, as roslaunch starts one: a new JVM
 * ({@code nodes/pilot_node}'s command line) against a running master and camera, timed until its first
 * {@code /cmd_vel} arrives. Median over several starts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Starts the pilot node N times as its own process, as roslaunch does (nodes/pilot_node through the",
                "launcher, with the class-data archive its build made), against an in-JVM master and a 30 Hz camera, and",
                "times process start -> first /cmd_vel. Prints every start and the median."})
final class NodeStartBenchCommand implements Callable<Integer> {
    @Option(names = "--starts", defaultValue = "10", description = "process starts to time (default ${DEFAULT-VALUE})")
    int starts;

    @Option(names = "--java-opts", defaultValue = "", description = "extra JVM options for the node, e.g. -XX:SharedArchiveFile=FILE")
    String javaOpts;

    @Option(names = "--model", description = "the pilot's ~model (default: the shipped car model)")
    Path model;

    @Option(names = "--direct", description = "start java directly, without the class-data archive, instead of nodes/pilot_node (the script roslaunch runs)")
    boolean direct;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (starts < 1 || starts > 100) throw new BadInputException("--starts must be 1..100, not " + starts);
        PrintWriter out = spec.commandLine().getOut();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        double[] ms = new double[starts];
        // By default exactly what roslaunch runs: nodes/pilot_node, through the launcher (its heap, its class-data archive).
        String home = System.getenv("LIQUIDPILOT_HOME");
        Path script = home == null || direct ? null : Path.of(home, "nodes", "pilot_node");
        if (script != null && !java.nio.file.Files.isExecutable(script)) script = null;
        out.println(script != null ? "starting " + script + " (LP_JAVA_OPTS=" + javaOpts + ")" : "starting java directly");
        try (EmbeddedMaster master = EmbeddedMaster.start(0);
             ConnectedNode rig = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "bench_camera"))) {
            Publisher<Image> camera = rig.newPublisher("/camera/image_raw", Image.CODEC);
            AtomicLong firstCommand = new AtomicLong();
            rig.newSubscriber("/cmd_vel", Twist.CODEC).addMessageListener(t -> firstCommand.compareAndSet(0, System.nanoTime()));
            Thread cam = new Thread(() -> stream(camera), "bench-camera");
            cam.setDaemon(true);
            cam.start();
            for (int i = 0; i < starts; i++) {
                List<String> cmd = new ArrayList<>();
                if (script != null) {
                    cmd.add(script.toString());
                } else {
                    cmd.addAll(List.of(javaBin, "-Xmx512m"));
                    if (!javaOpts.isBlank()) cmd.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
                    cmd.addAll(List.of("-cp", cp, LiquidPilotCli.class.getName(), "node", "pilot"));
                }
                cmd.add("__master:=" + master.uri());
                if (model != null) cmd.add("_model:=" + model.toAbsolutePath());
                File log = File.createTempFile("node-bench", ".log");
                log.deleteOnExit();
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
                if (script != null) {
                    pb.environment().remove("LP_CLASSPATH"); // through the launcher, as a user's roslaunch runs it
                    if (!javaOpts.isBlank()) pb.environment().put("LP_JAVA_OPTS", javaOpts);
                }
                firstCommand.set(0);
                long t0 = System.nanoTime();
                Process p = pb.start();
                try {
                    long deadline = t0 + 60_000_000_000L;
                    while (firstCommand.get() == 0 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
                    if (firstCommand.get() == 0) {
                        List<String> lines = java.nio.file.Files.readAllLines(log.toPath());
                        throw new IllegalStateException("start " + (i + 1) + ": no /cmd_vel within 60 s (exit " + (p.isAlive() ? "none" : p.exitValue())
                                + (lines.isEmpty() ? "" : "; the node said: " + lines.get(lines.size() - 1)) + ")");
                    }
                    ms[i] = (firstCommand.get() - t0) / 1e6;
                    out.printf(Locale.ROOT, "start %2d: %7.0f ms to the first /cmd_vel%n", i + 1, ms[i]);
                    out.flush();
                } finally {
                    p.destroy();
                    p.waitFor();
                    log.delete();
                }
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = starts % 2 == 1 ? sorted[starts / 2] : (sorted[starts / 2 - 1] + sorted[starts / 2]) / 2;
        out.printf(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f) over %d starts, process start -> first /cmd_vel; load average %.2f%n",
                median, sorted[0], sorted[starts - 1], starts, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    private static void stream(Publisher<Image> camera) {
        Random rnd = new Random(1);
        double stamp = 100;
        for (int k = 0; ; k++) {
            stamp += 1 / 30.0;
            RgbFrame f = SyntheticRoad.road(160, 80, Math.sin(k * 0.05) * 0.3, stamp, rnd);
            try {
                camera.publish(Image.of(Header.of(Time.ofSeconds(stamp), "camera"), 80, 160, "rgb8", 3, f.rgb()));
                Thread.sleep(33);
            } catch (InterruptedException | IllegalStateException closed) {
                return; // the benchmark is over
            }
        }
    }
}
