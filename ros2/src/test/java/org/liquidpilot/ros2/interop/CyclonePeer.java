package org.liquidpilot.ros2.interop;

import org.junit.jupiter.api.Assumptions;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros2.dds.DdsSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Cyclone DDS C peer ({@code src/test/cpeer/peer.c}), built at test time with Debian's {@code idlc} and
 * {@code cc} against {@code libddsc} into {@code target/cpeer}, and run with the shipped loopback-only Cyclone
 * configuration. Each run is one process whose stdout lines are collected.
 */
public final class CyclonePeer implements AutoCloseable {
    private static Path binary;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    private CyclonePeer(Process process) {
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (all) {
                        all.add(l);
                    }
                    lines.add(l);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "cpeer-out");
        t.setDaemon(true);
        t.start();
    }

    static boolean toolsInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/idlc")) && Files.isRegularFile(Path.of("/usr/include/dds/dds.h"))
                && (Files.isExecutable(Path.of("/usr/bin/cc")) || Files.isExecutable(Path.of("/usr/bin/gcc")));
    }

    /** Skips with a notice, or fails under ./liquidpilot test, when Cyclone DDS's development files are missing. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(Interop.shouldRun("Cyclone DDS's C library and idlc (apt cyclonedds-dev cyclonedds-tools) and a C compiler",
                toolsInstalled()));
    }

    /** The shipped Cyclone configuration (loopback only), as a file. */
    public static Path cycloneConfig() {
        try {
            return Path.of(CyclonePeer.class.getResource("/org/liquidpilot/ros2/cyclonedds-loopback.xml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized Path build() throws IOException, InterruptedException {
        if (binary != null) return binary;
        Path src = Path.of("src/test/cpeer").toAbsolutePath();
        Path out = Path.of("target/cpeer").toAbsolutePath();
        Files.createDirectories(out);
        run(out, "idlc", "-o", out.toString(), src.resolve("ros2_types.idl").toString());
        run(out, "cc", "-O1", "-Wall", "-I" + out, "-o", out.resolve("peer").toString(), src.resolve("peer.c").toString(),
                out.resolve("ros2_types.c").toString(), "-lddsc");
        binary = out.resolve("peer");
        return binary;
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + output);
        }
    }

    /** Starts {@code peer DOMAIN MODE TOPIC QOS SECONDS ARGS...} (see peer.c). */
    public static CyclonePeer start(DdsSettings settings, String mode, String ddsTopic, String qos, double seconds, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of(build().toString(), String.valueOf(settings.domainId()), mode, ddsTopic, qos,
                    String.valueOf(seconds)));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("CYCLONEDDS_URI", cycloneConfig().toUri().toString());
            return new CyclonePeer(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next line that starts with {@code prefix}, or null after {@code seconds}. */
    public String next(String prefix, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) return null;
            String l = lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null) return null;
            if (l.startsWith(prefix)) return l;
        }
    }

    /** Every line printed so far. */
    public List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    public int waitFor(double seconds) throws InterruptedException {
        if (!process.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) throw new AssertionError("the C peer did not end in " + seconds + " s");
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
