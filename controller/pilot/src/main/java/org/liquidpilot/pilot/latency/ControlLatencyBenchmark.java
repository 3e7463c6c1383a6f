package org.liquidpilot.pilot.latency;

import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.SubscriberOptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Image stamp → command received, through the pilot node in its own JVM (started as roslaunch starts it:
 * {@code nodes/pilot_node}, the node's JVM options included) and, as the anchor, through Debian's rospy relaying
 * each Image into a Twist. One probe node in this JVM publishes 160×80 rgb8 road frames to each subject on topics
 * of its own and times the first command after each frame; the two subjects run interleaved, under the same CPU
 * hog when one is asked for, so both see the same machine.
 * <p>
 * Frames go out on a fixed grid at the rate, whether or not the previous one was answered (no coordinated
 * omission); answers that never come are counted as lost. How answers are matched to frames: see {@link Subject}.
 */
public final class ControlLatencyBenchmark implements AutoCloseable {

    /** One timed run of one subject at one rate; latencies in milliseconds. */
    public record Result(String subject, double targetHz, int sent, int received, double p50Ms, double p99Ms,
                         double p999Ms, double maxMs, double[] sortedMs) {
        public boolean lossFree() {
            return received == sent;
        }
    }

    /**
     * What the benchmark is told: the rates, seconds per timed run, hog processes, the pilot JVM's options, and the
     * SCHED_FIFO priority (1..99) that every thread of the three measured processes (probe, pilot, rospy) gets once
     * they are up, or 0 to leave them on the normal scheduler. The hog always stays on the normal scheduler.
     */
    public record Config(double[] ratesHz, double seconds, int hogProcesses, String pilotJavaOpts, boolean rospy, int realtimePriority) {
        public Config {
            if (realtimePriority < 0 || realtimePriority > 99) throw new IllegalArgumentException("realtime priority must be 0..99, got " + realtimePriority);
            if (ratesHz.length == 0) throw new IllegalArgumentException("no rates");
            for (double r : ratesHz) if (!(r > 0 && r <= 1000)) throw new IllegalArgumentException("rates must be in (0, 1000] Hz, got " + r);
            if (!(seconds > 0 && seconds <= 3600)) throw new IllegalArgumentException("seconds must be in (0, 3600], got " + seconds);
            if (hogProcesses < 0 || hogProcesses > 64) throw new IllegalArgumentException("hog must be 0..64, got " + hogProcesses);
        }
    }

    static final int WIDTH = 160, HEIGHT = 80;

    private static final String PILOT = "pilot", ROSPY = "rospy";

    private final Config config;
    private final EmbeddedMaster master;
    private final ConnectedNode probe;
    private final List<Process> processes = new ArrayList<>();
    private Process rospyProcess;
    private final DebianRos debian;
    private final Subject pilot;
    private final Subject rospy;
    private final byte[][] frames = new byte[16][];

    /**
     * One system under test: where its frames go and where its commands come back. The rospy relay echoes each
     * frame's seq in {@code linear.y}, so its answers are matched exactly; the pilot's commands carry no trace of
     * their frame, so each answers the oldest frame not yet answered. That is exact because the pilot answers
     * every frame, in order: it reads each one on its receive thread (no queue to drop from), the frames' stamps
     * lie on the rate's grid so its rate limit passes them all, and its watchdog is set long enough that it sends
     * no stop between runs. A frame it did not answer would make the following matches late: pessimistic for the
     * pilot, never flattering.
     */
    private final class Subject {
        final String name;
        final boolean echoesSeq;
        final Publisher<Image> images;
        final long[] sentNanos = new long[1 << 16];
        final double[] latencyMs = new double[1 << 16];
        volatile int sent;
        volatile int answered;
        private int oldest; // the pilot's next unanswered frame (reader thread only)
        long lastStampNanos; // the pacing thread's: stamps continue one grid across runs

        Subject(String name, boolean echoesSeq) {
            this.name = name;
            this.echoesSeq = echoesSeq;
            // A long queue: a frame the probe dropped would be blamed on the subject.
            images = probe.newPublisher("/lp_latency/" + name + "/image", Image.CODEC, PublisherOptions.DEFAULT.withQueueSize(1000));
            probe.newSubscriber("/lp_latency/" + name + "/cmd_vel", Twist.CODEC, SubscriberOptions.DEFAULT.withQueueSize(1000))
                    .addMessageListener(this::onCommand);
        }

        void reset() {
            sent = 0;
            oldest = 0;
            answered = 0;
            Arrays.fill(latencyMs, Double.NaN);
        }

        private void onCommand(Twist t) {
            long now = System.nanoTime();

            int n = sent;
            int k = echoesSeq ? (int) t.linear().y() : oldest;
            if (k < 0 || k >= n || !Double.isNaN(latencyMs[k])) return;
            latencyMs[k] = (now - sentNanos[k]) / 1e6;
            if (!echoesSeq) oldest = k + 1;
            answered++; // only this subscriber's reader thread writes it
        }
    }

    private ControlLatencyBenchmark(Config config) throws IOException {
        this.config = config;
        Random rnd = new Random(7);
        for (int i = 0; i < frames.length; i++) {
            RgbFrame f = SyntheticRoad.road(WIDTH, HEIGHT, Math.sin(i * 0.9) * 0.4, 0, rnd);
            frames[i] = f.rgb();
        }
        master = EmbeddedMaster.start(0);
        probe = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "lp_latency_probe"));
        debian = config.rospy() ? DebianRos.forMaster(master.uri()) : null;
        pilot = new Subject(PILOT, false);
        rospy = config.rospy() ? new Subject(ROSPY, true) : null;
    }

    /** Starts the master, the probe, the pilot node, the rospy relay and the hog; waits until both subjects answer. */
    public static ControlLatencyBenchmark start(Config config, Path home, java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        ControlLatencyBenchmark b = new ControlLatencyBenchmark(config);
        try {
            b.startPilot(home);
            if (b.rospy != null) b.startRospy();
            b.await(b.pilot, log);
            if (b.rospy != null) b.await(b.rospy, log);
            if (config.realtimePriority() > 0) b.makeRealtime(log);
            for (int i = 0; i < config.hogProcesses(); i++) b.processes.add(b.hog());
            return b;
        } catch (IOException | RuntimeException | InterruptedException e) {
            b.close();
            throw e;
        }
    }

    /**
     * A separate busy process (a shell loop): the same load for both subjects, outside every JVM measured. Started
     * through {@code chrt -o 0} when the probe runs on SCHED_FIFO, since a child inherits its parent's policy, and
     * two real-time busy loops would own both cores.
     */
    private Process hog() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "while :; do :; done"));
        if (config.realtimePriority() > 0) cmd.addAll(0, List.of("chrt", "-o", "0"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void startPilot(Path home) throws IOException {
        Path script = home.resolve("nodes").resolve("pilot_node");
        if (!Files.isExecutable(script)) throw new IOException(script + " is missing: the pilot node is started as roslaunch starts it");
        double maxRate = Arrays.stream(config.ratesHz()).max().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "__master:=" + master.uri(), "__name:=lp_latency_pilot",
                "camera/image_raw:=/lp_latency/pilot/image", "cmd_vel:=/lp_latency/pilot/cmd_vel",
                "_output:=twist", "_rate_hz:=" + maxRate, "_watchdog_ms:=60000"));
        // On SCHED_FIFO the node's control thread and output timer go one level above the rest of its JVM (compiler,
        // GC, ROS I/O), as the node's own ~realtime_priority does in a deployment; makeRealtime leaves them there.
        if (config.realtimePriority() > 0) cmd.add("_realtime_priority:=" + Math.min(99, config.realtimePriority() + 1));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        File logFile = File.createTempFile("lp-latency-pilot", ".log");
        logFile.deleteOnExit();
        pb.redirectOutput(logFile);
        // The launcher's classpath, so the node does not rebuild; its JVM options are the script's own.
        pb.environment().put("LP_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("LP_JAVA_OPTS", config.pilotJavaOpts());
        processes.add(pb.start());
    }

    private void startRospy() throws IOException {
        String script;
        try (InputStream in = ControlLatencyBenchmark.class.getResourceAsStream("rospy_relay.py")) {
            if (in == null) throw new IOException("rospy_relay.py is not on the classpath");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process p = debian.startPython(script, "lp_latency_rospy", "/lp_latency/rospy/image", "/lp_latency/rospy/cmd_vel");
        rospyProcess = p;
        Thread drain = new Thread(() -> drain(p), "lp-latency-rospy-out");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Every thread of the probe (this JVM), the pilot node and the rospy relay onto SCHED_FIFO, as a deployment that
     * owes a deadline runs its camera driver, pilot and autopilot link; the JVMs' own threads (VM thread, compiler)
     * go too, since a control thread can wait for them at a safepoint. Done after start-up and warm-up, so start-up
     * work at real-time priority cannot starve the machine. Threads started later inherit the policy.
     */
    private void makeRealtime(java.util.function.Consumer<String> log) throws IOException, InterruptedException {
        int prio = config.realtimePriority();
        List<ProcessHandle> targets = new ArrayList<>();
        targets.add(ProcessHandle.current());
        targets.add(processes.get(0).toHandle()); // the pilot: its script execs the JVM
        if (rospyProcess != null) targets.add(rospyProcess.toHandle());
        for (ProcessHandle h : List.copyOf(targets)) h.descendants().forEach(targets::add);
        int kept = 0;
        for (ProcessHandle h : targets) {
            // threads that already raised themselves above prio (the pilot's control thread) go back there after
            Map<String, Integer> above = fifoThreadsAbove(h.pid(), prio);
            kept += above.size();
            chrt(h.pid(), "-f", "-a", "-p", String.valueOf(prio), String.valueOf(h.pid()));
            for (var e : above.entrySet()) chrt(h.pid(), "-f", "-p", String.valueOf(e.getValue()), e.getKey());
        }
        log.accept("SCHED_FIFO " + prio + " for every thread of the probe, the pilot" + (rospyProcess != null ? " and rospy" : "") + " ("
                + targets.size() + " processes), " + kept + " thread(s) of the pilot above it; the hog stays on the normal scheduler");
    }

    private static void chrt(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chrt"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot put process " + pid + " on SCHED_FIFO (needs root or CAP_SYS_NICE): " + said);
        }
    }

    /** The process's threads on SCHED_FIFO above {@code prio}, by thread id, from /proc (fields 40 and 41 of stat). */
    private static Map<String, Integer> fifoThreadsAbove(long pid, int prio) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) return out;
        try (var ls = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) ls::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended
                }
                // after the command name, which is in parentheses and may hold spaces: field 3 onwards
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                int rtPriority = Integer.parseInt(f[40 - 3]), policy = Integer.parseInt(f[41 - 3]);
                if (policy == 1 && rtPriority > prio) out.put(t.getFileName().toString(), rtPriority);
            }
        }
        return out;
    }

    private static void drain(Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            while (r.readLine() != null) {
                // the relay's output is not needed; reading it keeps the pipe from filling
            }
        } catch (IOException ignored) {
            // the relay went away
        }
    }

    /** Sends frames at 10 Hz until the subject answers (node start-up, connections), then warms it up. */
    private void await(Subject s, java.util.function.Consumer<String> log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        log.accept("waiting for the " + s.name + " subject to answer...");
        while (true) {
            Result r = run(s, 10, Duration.ofMillis(500));
            if (r.received() > 0) break;
            if (System.nanoTime() > deadline) throw new IllegalStateException("the " + s.name + " subject never answered within 90 s");
            for (Process p : processes) if (!p.isAlive()) throw new IllegalStateException("a subject process exited (code " + p.exitValue() + ")");
        }
        // JIT and caches: a few seconds at the highest rate, not timed.
        run(s, Arrays.stream(config.ratesHz()).max().orElseThrow(), Duration.ofSeconds(3));
    }

    /** One timed run of the pilot node at {@code hz}. */
    public Result runPilot(double hz) throws InterruptedException {
        return run(pilot, hz, Duration.ofMillis((long) (config.seconds() * 1000)));
    }

    /** One timed run of the rospy relay at {@code hz}; null when the anchor is off. */
    public Result runRospy(double hz) throws InterruptedException {
        return rospy == null ? null : run(rospy, hz, Duration.ofMillis((long) (config.seconds() * 1000)));
    }

    private Result run(Subject s, double hz, Duration duration) throws InterruptedException {
        int n = (int) Math.min(s.sentNanos.length, Math.max(1, Math.round(hz * duration.toNanos() / 1e9)));
        s.reset();
        long period = (long) (1e9 / hz);
        long start = System.nanoTime();
        // Stamps on the rate's grid, as a camera stamps its exposures: sending jitter on this side must not look
        // like a camera faster than the pilot's rate limit.
        // A new run starts at least one period after the last stamp of the run before, which may have ended a
        // moment ago: a frame closer than that would be (rightly) refused by the pilot's rate limit.
        long stamp0 = Math.max(System.currentTimeMillis() * 1_000_000L, s.lastStampNanos + period);
        s.lastStampNanos = stamp0 + (n - 1) * period;
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                if (wait > 200_000) LockSupport.parkNanos(wait - 100_000);
                else Thread.onSpinWait();
            }
            long now = System.nanoTime();
            s.sentNanos[i] = now;
            s.sent = i + 1;
            long stampNanos = stamp0 + i * period;
            Time stamp = new Time((int) (stampNanos / 1_000_000_000L), (int) (stampNanos % 1_000_000_000L));
            s.images.publish(new Image(new Header(i, stamp, "camera"), HEIGHT, WIDTH, "rgb8", 0, WIDTH * 3, frames[i & 15]));
        }
        long drainUntil = System.nanoTime() + 1_000_000_000L;
        while (s.answered < n && System.nanoTime() < drainUntil) Thread.sleep(2);
        s.sent = 0; // late answers after this point are not counted
        double[] sorted = Arrays.stream(s.latencyMs, 0, n).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int got = sorted.length;
        return new Result(s.name, hz, n, got, percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999),
                got == 0 ? Double.NaN : sorted[got - 1], sorted);
    }

    /** Nearest-rank percentile of sorted values; NaN for none. */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** The median of some values (the mean of the middle two for an even count); NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Whether the rospy anchor is part of this benchmark. */
    public boolean hasRospy() {
        return rospy != null;
    }

    @Override
    public void close() {
        for (Process p : processes) DebianRos.kill(p);
        if (debian != null) debian.close();
        probe.shutdown();
        master.close();
    }
}
