package org.liquidpilot.cli;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * rostopic hz's measurement, for any transport: receipt times of the last {@code window} + 1 messages, reported once a
 * second (or "no new messages") until the duration is up. Listeners call {@link #received} from their own threads.
 */
final class TopicRate {
    private final ArrayDeque<Long> stamps = new ArrayDeque<>();
    private final int window;
    private final long stopAt;

    /** @throws BadInputException for a window outside 1..10,000,000 or a duration that is not positive */
    TopicRate(int window, Double durationSeconds) {
        if (window < 1 || window > 10_000_000) throw new BadInputException("--window must be 1..10000000");
        if (durationSeconds != null && !(durationSeconds > 0)) throw new BadInputException("--duration must be > 0");
        this.window = window;
        stopAt = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationSeconds * 1e9);
    }

    void received() {
        synchronized (stamps) {
            stamps.addLast(System.nanoTime());
            while (stamps.size() > window + 1) stamps.pollFirst();
        }
    }

    /** Prints a report each second until the duration is up (forever without one). */
    void report(PrintWriter out) throws InterruptedException {
        int lastSize = -1;
        long lastNewest = 0;
        while (System.nanoTime() < stopAt) {
            TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(1000, (stopAt - System.nanoTime()) / 1_000_000)));
            long[] s;
            synchronized (stamps) {
                s = stamps.stream().mapToLong(Long::longValue).toArray();
            }
            out.println(s.length < 2 || (s.length == lastSize && s[s.length - 1] == lastNewest) ? "no new messages" : line(s));
            out.flush();
            lastSize = s.length;
            if (s.length > 0) lastNewest = s[s.length - 1];
        }
    }

    /** rostopic hz's report for receipt times in nanoseconds. */
    static String line(long[] s) {
        int n = s.length - 1;
        double sum = 0, sumSq = 0, min = Double.MAX_VALUE, max = 0;
        for (int i = 1; i < s.length; i++) {
            double d = (s[i] - s[i - 1]) / 1e9;
            sum += d;
            sumSq += d * d;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return String.format(Locale.ROOT, "average rate: %.3f%n\tmin: %.3fs max: %.3fs std dev: %.5fs window: %d",
                1 / mean, min, max, std, n + 1);
    }
}
