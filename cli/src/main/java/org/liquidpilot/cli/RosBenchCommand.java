package org.liquidpilot.cli;

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
 * p50/p99 at fixed rates, then the highest rate without a lost message.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Times a loopback Image 160x80 rgb8 -> relay -> Twist round trip between two of our nodes.")
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

    @Override
    public Integer call() throws Exception {
        if (!(seconds > 0 && seconds <= 3600) || !(sweepSeconds > 0 && sweepSeconds <= 3600)) {
            throw new BadInputException("--seconds and --sweep-seconds must be in (0, 3600]");
        }
        for (double r : rates) if (!(r > 0 && r <= 1e6)) throw new BadInputException("rates must be in (0, 1e6], got " + r);
        sweep = parseRates(sweepRates);
        for (double r : sweep) if (!(r > 0 && r <= 1e6)) throw new BadInputException("sweep rates must be in (0, 1e6], got " + r);
        PrintWriter out = spec.commandLine().getOut();
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
