package org.liquidpilot.e2e;

import org.liquidpilot.ros.debian.Interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two Linux network namespaces joined by a veth pair, for tests that need two hosts: each namespace has its own
 * loopback and one address on the pair (10.213.7.1 and 10.213.7.2/24), and nothing else, so the traffic between
 * them never leaves the pair. Names carry this JVM's process id ({@code lpnet-PID-a}, {@code lpnet-PID-b}), so runs
 * in parallel do not meet; namespaces left by runs whose JVM is gone are removed first, with the processes still
 * running in them. Every {@code ip} command has a time limit. Needs root and iproute2's {@code ip}.
 */
final class NetNamespaces implements AutoCloseable {
    static final String ADDRESS_A = "10.213.7.1";
    static final String ADDRESS_B = "10.213.7.2";
    private static final Pattern OURS = Pattern.compile("^lpnet-(\\d+)-[ab]\\b");

    final String a;
    final String b;
    /** The veth end inside {@link #a}; taking it down cuts the link. */
    final String linkA;
    private final String ip;
    private final List<Process> started = new ArrayList<>();

    private NetNamespaces(String ip, long id) {
        this.ip = ip;
        this.a = "lpnet-" + id + "-a";
        this.b = "lpnet-" + id + "-b";
        this.linkA = "lpa" + id;
    }

    /** iproute2's {@code ip}, or null. */
    static String ipBinary() {
        for (String p : new String[] {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"}) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        return null;
    }

    static boolean root() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The pair, or null after a visible {@code NOTICE:} when this machine cannot make one (not root, no {@code ip},
     * namespaces refused). Under {@code -Dlp.interop=true} a root with {@code ip} must get one: anything else fails.
     */
    static NetNamespaces createOrSkip() throws Exception {
        String ip = ipBinary();
        boolean root = root();
        if (!root || ip == null) {
            if (root && Interop.required()) throw new IllegalStateException("iproute2's ip is required under ./liquidpilot test (apt iproute2)");
            System.err.println("NOTICE: skipping a test that needs two network namespaces (" + (root ? "no ip binary" : "not root")
                    + "; CI runs it as root under ./liquidpilot test)");
            return null;
        }
        removeStale(ip);
        NetNamespaces n = new NetNamespaces(ip, ProcessHandle.current().pid());
        try {
            n.create();
        } catch (IOException e) {
            n.close();
            if (Interop.required()) throw new IllegalStateException("cannot create network namespaces as root: " + e.getMessage(), e);
            System.err.println("NOTICE: skipping a test that needs two network namespaces: " + e.getMessage());
            return null;
        }
        return n;
    }

    private void create() throws IOException {
        String linkB = "lpb" + linkA.substring(3);
        ip("netns", "add", a);
        ip("netns", "add", b);
        ip("link", "add", linkA, "type", "veth", "peer", "name", linkB);
        ip("link", "set", linkA, "netns", a);
        ip("link", "set", linkB, "netns", b);
        ip("-n", a, "addr", "add", ADDRESS_A + "/24", "dev", linkA);
        ip("-n", b, "addr", "add", ADDRESS_B + "/24", "dev", linkB);
        for (String ns : new String[] {a, b}) ip("-n", ns, "link", "set", "lo", "up");
        ip("-n", a, "link", "set", linkA, "up");
        ip("-n", b, "link", "set", linkB, "up");
    }

    /** Takes the link down (true) or up again, from namespace a's end. */
    void cut(boolean down) throws IOException {
        ip("-n", a, "link", "set", linkA, down ? "down" : "up");
    }

    /** {@code ip netns exec NS command...} with {@code env} added; output and errors merged. Stopped by {@link #close}. */
    Process exec(String ns, java.util.Map<String, String> env, List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ip, "netns", "exec", ns));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /** SIGTERM, then SIGKILL after {@code graceMs}; bounded. */
    static void stop(Process p, long graceMs) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String ip(String... args) throws IOException {
        return run(ip, args);
    }

    private static String run(String ip, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ip);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no answer in 10 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out);
        return out;
    }

    /** Namespaces (and their processes) of earlier runs whose JVM no longer exists. */
    private static void removeStale(String ip) {
        String list;
        try {
            list = run(ip, "netns", "list");
        } catch (IOException e) {
            return;
        }
        for (String line : list.split("\n")) {
            Matcher m = OURS.matcher(line.trim());
            if (!m.find()) continue;
            long pid = Long.parseLong(m.group(1));
            if (ProcessHandle.of(pid).isPresent()) continue; // a run in progress
            String ns = line.trim().split("\\s+")[0];
            killAllIn(ip, ns);
            try {
                run(ip, "netns", "delete", ns);
                System.err.println("removed network namespace " + ns + " left by an earlier run");
            } catch (IOException ignored) {
                // gone meanwhile
            }
        }
    }

    private static void killAllIn(String ip, String ns) {
        try {
            for (String pid : run(ip, "netns", "pids", ns).split("\\s+")) {
                if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | NumberFormatException ignored) {
            // nothing left to stop
        }
    }

    /** Stops every process started here, anything else still inside the namespaces, and deletes them (and the pair). */
    @Override
    public void close() {
        List<Process> ps;
        synchronized (started) {
            ps = new ArrayList<>(started);
        }
        for (Process p : ps) p.destroy();
        for (Process p : ps) stop(p, 3000);
        for (String ns : new String[] {a, b}) {
            killAllIn(ip, ns);
            try {
                run(ip, "netns", "delete", ns);
            } catch (IOException ignored) {
                // never created, or gone
            }
        }
        try {
            run(ip, "link", "delete", linkA); // only if creation stopped before the pair moved into the namespaces
        } catch (IOException ignored) {
            // normal: deleting the namespace deleted the pair
        }
    }
}
