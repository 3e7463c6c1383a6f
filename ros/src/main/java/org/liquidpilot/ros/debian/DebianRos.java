package org.liquidpilot.ros.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Debian's ROS tools for interop tests: an optional {@code roscore} on a free loopback port, and any number of
 * {@code rostopic}/{@code rosbag}/rospy processes with the right environment ({@code /usr/bin} first on PATH so the
 * tools get Debian's python, a private {@code ROS_HOME}, {@code ROS_MASTER_URI}, {@code ROS_HOSTNAME=127.0.0.1}).
 * <p>
 * One instance per test class; {@link #close()} kills every process it started, their children included, and
 * deletes its temporary {@code ROS_HOME}. Typical use:
 * <pre>{@code
 * assumeTrue(Interop.shouldRunWithDebianRos());
 * try (DebianRos ros = DebianRos.startRoscore()) {            // or DebianRos.forMaster(embeddedMaster.uri())
 *     Process echo = ros.start("rostopic", "echo", "-n", "1", "/chatter");
 *     DebianRos.Result r = ros.run(Duration.ofSeconds(10), "rostopic", "list");
 * }
 * }</pre>
 */
public final class DebianRos implements AutoCloseable {

    /** What a finished command printed. {@code exitCode} is -1 when it ran past its timeout and was killed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static final Duration ROSCORE_START = Duration.ofSeconds(20);

    private final URI masterUri;
    private final Path rosHome;
    private final List<Process> processes = new ArrayList<>();
    private Process roscore;

    private DebianRos(URI masterUri) throws IOException {
        this.masterUri = masterUri;
        this.rosHome = Files.createTempDirectory("lp-ros-home");
    }

    /** Starts Debian's {@code roscore} on a free loopback port and waits until /rosout is up. */
    public static DebianRos startRoscore() throws IOException {
        DebianRos ros = new DebianRos(URI.create("http://127.0.0.1:" + freePort() + "/"));
        try {
            ros.startRoscoreProcess();
        } catch (IOException | RuntimeException e) {
            ros.close();
            throw e;
        }
        return ros;
    }

    /** Uses a master that is already running (for example our embedded one); starts no roscore. */
    public static DebianRos forMaster(URI masterUri) throws IOException {
        return new DebianRos(masterUri);
    }

    public URI masterUri() {
        return masterUri;
    }

    public int masterPort() {
        return masterUri.getPort();
    }

    /** The environment every tool started here gets. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        String path = System.getenv().getOrDefault("PATH", "");
        env.put("PATH", Interop.ROS_BIN + (path.isEmpty() ? "" : ":" + path));
        env.put("ROS_MASTER_URI", masterUri.toString());
        env.put("ROS_HOSTNAME", "127.0.0.1");
        env.put("ROS_HOME", rosHome.toString());
        env.put("ROS_LOG_DIR", rosHome.resolve("log").toString());
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    /** A process builder for a Debian ROS tool (a name in /usr/bin, or a path) with {@link #environment()}. */
    public ProcessBuilder command(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        if (!cmd.isEmpty() && !cmd.get(0).contains("/") && Files.isExecutable(Interop.ROS_BIN.resolve(cmd.get(0)))) {
            cmd.set(0, Interop.ROS_BIN.resolve(cmd.get(0)).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PYTHONPATH");
        pb.environment().remove("PYTHONHOME");
        pb.environment().putAll(environment());
        pb.directory(rosHome.toFile());
        return pb;
    }

    /** Starts a long-running tool (e.g. {@code rostopic echo}); it is killed at {@link #close()} if still alive. */
    public synchronized Process start(String... command) throws IOException {
        Process p = command(command).start();
        processes.add(p);
        return p;
    }

    /** Starts {@code /usr/bin/python3 -c script args...}, typically a rospy node. */
    public Process startPython(String script, String... args) throws IOException {
        return start(pythonCommand(script, args));
    }

    /** Runs a tool to completion (killed after {@code timeout}) and returns what it printed. */
    public Result run(Duration timeout, String... command) throws IOException {
        Process p = start(command);
        return collect(p, timeout);
    }

    /** Runs {@code /usr/bin/python3 -c script args...} to completion. */
    public Result runPython(Duration timeout, String script, String... args) throws IOException {
        return run(timeout, pythonCommand(script, args));
    }

    /** Waits for a started process (killing it after {@code timeout}) and returns its output. */
    public static Result collect(Process p, Duration timeout) {
        CompletableFuture<String> out = readAsync(p.getInputStream());
        CompletableFuture<String> err = readAsync(p.getErrorStream());
        int code;
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                code = p.exitValue();
            } else {
                kill(p);
                code = -1;
            }
            return new Result(code, out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(p);
            return new Result(-1, "", "interrupted");
        } catch (Exception e) {
            kill(p);
            return new Result(-1, out.getNow(""), err.getNow("") + "\n" + e);
        }
    }

    /** Stops the roscore started here (rosmaster and rosout included), e.g. to test master restarts. */
    public synchronized void stopRoscore() {
        if (roscore != null) {
            kill(roscore);
            processes.remove(roscore);
            roscore = null;
        }
    }

    /** Starts roscore again on the same port after {@link #stopRoscore()}. */
    public synchronized void restartRoscore() throws IOException {
        stopRoscore();
        startRoscoreProcess();
    }

    /** True when an XML-RPC call to the master's getSystemState lists {@code name} anywhere in its answer. */
    public boolean masterStateMentions(String name) {
        String state = rawCall("getSystemState", "/lp_debian_ros");
        return state != null && state.contains(">" + name + "<");
    }

    private void startRoscoreProcess() throws IOException {
        Process p = command("roscore", "-p", Integer.toString(masterPort()))
                .redirectErrorStream(true)
                .redirectOutput(rosHome.resolve("roscore.log").toFile())
                .start();
        synchronized (this) {
            processes.add(p);
            roscore = p;
        }
        long deadline = System.nanoTime() + ROSCORE_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("roscore exited with " + p.exitValue() + ": " + readLog());
            }
            if (masterStateMentions("/rosout")) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for roscore");
            }
        }
        throw new IOException("roscore did not come up within " + ROSCORE_START.toSeconds() + " s: " + readLog());
    }

    private String readLog() {
        try {
            String log = Files.readString(rosHome.resolve("roscore.log"));
            return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A minimal XML-RPC POST so this helper needs nothing but the JDK; returns null when the master is not up. */
    private String rawCall(String method, String callerId) {
        String body = "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>"
                + "<param><value><string>" + callerId + "</string></value></param></params></methodCall>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), masterPort()), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /RPC2 HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(1 << 20);
            return new String(reply, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String[] pythonCommand(String script, String... args) {
        String[] cmd = new String[3 + args.length];
        cmd[0] = "/usr/bin/python3";
        cmd[1] = "-c";
        cmd[2] = script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        return cmd;
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Kills a process and all its descendants: SIGTERM first (roscore shuts its children down), then SIGKILL. */
    public static void kill(Process p) {
        List<ProcessHandle> tree = new ArrayList<>();
        p.descendants().forEach(tree::add);
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                h.destroyForcibly();
            }
        }
        // children forked by a child during shutdown
        p.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** A port nothing listens on right now (bind 0, then release). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (Process p : new ArrayList<>(processes)) {
            if (p.isAlive()) kill(p);
        }
        processes.clear();
        roscore = null;
        try (Stream<Path> files = Files.walk(rosHome)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
