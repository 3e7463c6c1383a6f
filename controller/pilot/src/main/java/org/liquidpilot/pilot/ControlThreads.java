package org.liquidpilot.pilot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Raises the calling thread above a busy machine. The normal scheduler makes a thread that wakes for a frame wait
 * behind every other runnable thread, tens of milliseconds when the cores are saturated; a control thread asks for
 * more: the highest Java priority (passed to the OS only with {@code -XX:ThreadPriorityPolicy=1}, as the node
 * scripts start the JVM, and the right to raise priority), and SCHED_FIFO through {@code chrt}, which the OS
 * grants to root or CAP_SYS_NICE. Where neither is allowed the thread runs as before, and the report says so.
 */
public final class ControlThreads {
    private ControlThreads() {}

    /**
     * Raises the current thread; the SCHED_FIFO part runs on a helper thread, so the caller (a control thread on
     * its first frame) is not kept waiting for a process start.
     *
     * @param fifoPriority 1..99 for SCHED_FIFO at that priority; 0 for the Java priority alone
     * @param report       one line on the outcome, from the helper thread
     */
    public static void raiseCurrent(int fifoPriority, Consumer<String> report) {
        Thread.currentThread().setPriority(Thread.MAX_PRIORITY);
        if (fifoPriority <= 0) return;
        String tid;
        try {
            // Only the thread itself can name its kernel id: /proc/thread-self points at /proc/<pid>/task/<tid>.
            tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException noProc) {
            report.accept("on the normal scheduler (no /proc/thread-self)");
            return;
        }
        String name = Thread.currentThread().getName();
        Thread t = new Thread(() -> {
            try {
                Process p = new ProcessBuilder("chrt", "-f", "-p", String.valueOf(fifoPriority), tid).redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                report.accept(p.waitFor() == 0 ? "SCHED_FIFO priority " + fifoPriority : "on the normal scheduler (chrt: " + said + ")");
            } catch (IOException e) {
                report.accept("on the normal scheduler (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raise-" + name);
        t.setDaemon(true);
        t.start();
    }
}
