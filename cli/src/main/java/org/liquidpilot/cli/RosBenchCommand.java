package org.liquidpilot.cli;

import org.liquidpilot.pilot.latency.ControlLatencyBenchmark;
import org.liquidpilot.ros.tools.RelayBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ros bench}: the loopback Image 160×80 rgb8 -> relay -> Twist benchmark between two of our nodes: latency
 * p50/p99 at fixed rates, then the highest rate without a lost message. With {@code --pilot}: image stamp ->
 * command through the pilot node in its own process, interleaved with Debian's rospy relay as the anchor, optionally
 * under a CPU hog, repeated {@code --runs} times with medians.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Times a loopback Image 160x80 rgb8 -> relay -> Twist round trip between two of our nodes.",
                "With --pilot: image stamp -> command received through the pilot node (started as roslaunch starts it, "
                        + "shipped model) and, in the same run, through Debian's rospy relay; p50/p99/p99.9/max per run "
                        + "and the medians over --runs, with --hog N busy processes running throughout."})
final class RosBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rates", split = ",", defaultValue = "30,200", paramLabel = "HZ", description = "latency rates (default ${DEFAULT-VALUE})")
    List<Double> rates;

    @Option(names = "--seconds", defaultValue = "10", description = "seconds per latency rate (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--sweep", defaultValue = "1000,2000,3000,5000,7000,10000,14000,20000", paramLabel = "HZ,...",
            description = "rates tried for the loss-free maximum (default ${DEFAULT-VALUE}); empty (--sweep=) to skip")
    String sweepRates;
    List<Double> sweep;

    @Option(names = "--sweep-seconds", defaultValue = "3", description = "seconds per sweep rate (default ${DEFAULT-VALUE})")
    double sweepSeconds;

    @Option(names = "--master", paramLabel = "URI", description = "use this master instead of an embedded one")
    URI master;

    @Option(names = "--pilot", description = "time image stamp -> command through the pilot node, with the rospy relay as anchor")
    boolean pilot;

    @Option(names = "--runs", defaultValue = "1", description = "with --pilot: timed runs per rate and subject, interleaved (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--hog", defaultValue = "0", paramLabel = "N", description = "with --pilot: busy-loop processes running throughout (default ${DEFAULT-VALUE})")
    int hog;

    @Option(names = "--no-rospy", description = "with --pilot: leave out the rospy anchor (no Debian ROS needed)")
    boolean noRospy;

    @Option(names = "--realtime", defaultValue = "0", paramLabel = "PRIO",
            description = "with --pilot: put every thread of the probe, the pilot node and the rospy relay on SCHED_FIFO at PRIO (1..99; "
                    + "needs root or CAP_SYS_NICE) once they are up, the pilot's control thread and output timer one level higher "
                    + "(its ~realtime_priority); the hog stays on the normal scheduler (default ${DEFAULT-VALUE}: off)")
    int realtime;

    @Option(names = "--pilot-java-opts", defaultValue = "", paramLabel = "OPTS",
            description = "with --pilot: extra JVM options for the pilot node (LP_JAVA_OPTS), e.g. to compare collectors")
    String pilotJavaOpts;

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 3600) || !(sweepSeconds > 0 && sweepSeconds <= 3600)) {
            throw new BadInputException("--seconds and --sweep-seconds must be in (0, 3600]");
        }
        for (double r : rates) if (!(r > 0 && r <= 1e6)) throw new BadInputException("rates must be in (0, 1e6], got " + r);
        sweep = parseRates(sweepRates);
        for (double r : sweep) if (!(r > 0 && r <= 1e6)) throw new BadInputException("sweep rates must be in (0, 1e6], got " + r);
        PrintWriter out = spec.commandLine().getOut();
        if (pilot) return pilotLatency(out);
        try (RelayBenchmark bench = master == null ? RelayBenchmark.start() : RelayBenchmark.start(master)) {
            bench.warmUp(Duration.ofSeconds(2));
            out.println("loopback relay: Image 160x80 rgb8 -> relay node -> Twist, latency = image publish to Twist receipt");
            out.println(String.format(Locale.ROOT, "%10s %8s %9s %9s %8s %8s %8s", "target Hz", "sent", "received", "achieved", "p50 ms", "p99 ms", "max ms"));
            out.flush();
            for (double hz : rates) print(out, bench.run(hz, Duration.ofMillis((long) (seconds * 1000))));
            if (!sweep.isEmpty()) {
                out.println("loss-free sweep (" + sweepSeconds + " s per rate):");
                double[] r = sweep.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                RelayBenchmark.Result best = bench.maxLossFreeRate(r, Duration.ofMillis((long) (sweepSeconds * 1000)), res -> print(out, res));
                out.println(best == null ? "highest loss-free rate: none of the rates tried"
                        : String.format(Locale.ROOT, "highest loss-free rate: %.0f Hz", best.targetHz()));
            }
            out.flush();
        }
        return 0;
    }

    private int pilotLatency(PrintWriter out) throws Exception {
        if (runs < 1 || runs > 100) throw new BadInputException("--runs must be 1..100, got " + runs);
        if (master != null) throw new BadInputException("--pilot runs its own master; leave out --master");
        double[] hz = rates.stream().mapToDouble(Double::doubleValue).toArray();
        ControlLatencyBenchmark.Config cfg;
        try {
            cfg = new ControlLatencyBenchmark.Config(hz, seconds, hog, pilotJavaOpts, !noRospy, realtime);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        out.printf(Locale.ROOT, "image stamp -> command received, Image 160x80 rgb8; pilot node (own JVM, shipped model%s) %s; "
                        + "%d hog process(es); %s; %d run(s) of %.0f s per rate and subject; load average %.2f at start%n",
                pilotJavaOpts.isBlank() ? "" : ", LP_JAVA_OPTS=" + pilotJavaOpts, noRospy ? "alone" : "and Debian's rospy relay, interleaved",
                hog, realtime > 0 ? "SCHED_FIFO " + realtime + " for the measured processes" : "normal scheduler", runs, seconds, os.getSystemLoadAverage());
        out.flush();
        java.util.Map<String, List<ControlLatencyBenchmark.Result>> all = new java.util.LinkedHashMap<>();
        try (ControlLatencyBenchmark bench = ControlLatencyBenchmark.start(cfg, RepoRoot.find().toPath(), line -> {
            out.println(line);
            out.flush();
        })) {
            out.println(String.format(Locale.ROOT, "%4s %8s %6s %6s %6s %8s %8s %8s %8s", "run", "subject", "Hz", "sent", "recv", "p50 ms", "p99 ms", "p99.9 ms", "max ms"));
            for (int run = 1; run <= runs; run++) {
                for (double r : hz) {
                    // Alternate which subject goes first, so neither always follows the other's burst.
                    boolean pilotFirst = run % 2 == 1;
                    for (int k = 0; k < 2; k++) {
                        boolean doPilot = (k == 0) == pilotFirst;
                        ControlLatencyBenchmark.Result res = doPilot ? bench.runPilot(r) : bench.runRospy(r);
                        if (res == null) continue;
                        all.computeIfAbsent(res.subject() + " " + r, x -> new java.util.ArrayList<>()).add(res);
                        out.println(String.format(Locale.ROOT, "%4d %8s %6.0f %6d %6d %8.3f %8.3f %8.3f %8.3f%s", run, res.subject(), r,
                                res.sent(), res.received(), res.p50Ms(), res.p99Ms(), res.p999Ms(), res.maxMs(), res.lossFree() ? "" : "  LOSS"));
                        out.flush();
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "load average %.2f at the end%n", os.getSystemLoadAverage());
        out.println("medians over runs (pooled p99.9 and max: all runs' samples together)");
        out.println(String.format(Locale.ROOT, "%8s %6s %8s %8s %8s %13s %8s %8s", "subject", "Hz", "p50 ms", "p99 ms", "p99.9 ms", "pooled p99.9", "max ms", "lost"));
        for (double r : hz) {
            double[] ours = summary(out, all.get("pilot " + r), r);
            double[] anchor = summary(out, all.get("rospy " + r), r);
            if (ours != null && anchor != null) {
                out.println(String.format(Locale.ROOT, "%8s %6.0f %8.2fx %8.2fx %8.2fx %12.2fx   (pilot / rospy; below 1 is faster)", "ratio", r,
                        ours[0] / anchor[0], ours[1] / anchor[1], ours[2] / anchor[2], ours[3] / anchor[3]));
            }
        }
        out.flush();
        return 0;
    }

    /** Prints one subject's medians at one rate; returns p50, p99, p99.9 medians and the pooled p99.9. */
    private static double[] summary(PrintWriter out, List<ControlLatencyBenchmark.Result> results, double hz) {
        if (results == null || results.isEmpty()) return null;
        double[] p50 = results.stream().mapToDouble(ControlLatencyBenchmark.Result::p50Ms).toArray();
        double[] p99 = results.stream().mapToDouble(ControlLatencyBenchmark.Result::p99Ms).toArray();
        double[] p999 = results.stream().mapToDouble(ControlLatencyBenchmark.Result::p999Ms).toArray();
        double[] pooled = results.stream().flatMapToDouble(res -> java.util.Arrays.stream(res.sortedMs())).sorted().toArray();
        int lost = results.stream().mapToInt(res -> res.sent() - res.received()).sum();
        double[] s = {ControlLatencyBenchmark.median(p50), ControlLatencyBenchmark.median(p99), ControlLatencyBenchmark.median(p999),
                ControlLatencyBenchmark.percentile(pooled, 0.999)};
        out.println(String.format(Locale.ROOT, "%8s %6.0f %8.3f %8.3f %8.3f %13.3f %8.3f %8d", results.get(0).subject(), hz, s[0], s[1], s[2], s[3],
                pooled.length == 0 ? Double.NaN : pooled[pooled.length - 1], lost));
        return s;
    }

    private static void print(PrintWriter out, RelayBenchmark.Result r) {
        out.println(String.format(Locale.ROOT, "%10.0f %8d %9d %9.0f %8.3f %8.3f %8.3f%s", r.targetHz(), r.sent(), r.received(),
                r.achievedHz(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.lossFree() ? "" : "  LOSS"));
        out.flush();
    }

    /** Comma-separated rates; an empty value means no sweep. */
    static List<Double> parseRates(String text) {
        List<Double> rates = new java.util.ArrayList<>();
        if (text == null || text.isBlank()) return rates;
        for (String part : text.split(",", -1)) {
            try {
                rates.add(Double.parseDouble(part.strip()));
            } catch (NumberFormatException e) {
                throw new BadInputException("--sweep takes comma-separated rates in Hz, not '" + part.strip() + "'");
            }
        }
        return rates;
    }
}
