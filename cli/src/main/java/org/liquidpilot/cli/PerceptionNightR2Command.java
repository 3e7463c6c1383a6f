package org.liquidpilot.cli;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.SteeringRidge;
import org.liquidpilot.pilot.dataset.BagDataset;
import org.liquidpilot.pilot.dataset.BagDatasetConfig;
import org.liquidpilot.pilot.dataset.BagRecording;
import org.liquidpilot.pilot.CommandAxis;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How well each feature configuration's steering read-out transfers from day to night: a ridge regression
 * ({@link SteeringRidge}) from features to the expert's yaw rate, fitted on day bags, scored on night bags, and on
 * each day bag left out of the fit.
 */
@Command(name = "night-r2", mixinStandardHelpOptions = true,
        description = {"Fits a ridge regression from features to the recorded yaw rate on DAY bags and reports R^2 on NIGHT",
                "bags (and on day bags held out one at a time), for each --features configuration."})
final class PerceptionNightR2Command implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DAYBAGS", description = "day bags: a .bag or a folder of them (at least two bags)")
    Path day;

    @Option(names = "--night", required = true, paramLabel = "NIGHTBAGS", description = "night bags: a .bag or a folder of them")
    Path night;

    @Option(names = "--features", paramLabel = "NAME", split = ",",
            description = "feature configurations to compare, as train --features names them (default: default,night-robust)")
    List<String> features = new ArrayList<>(List.of("default", "night-robust"));

    @Option(names = "--config", paramLabel = "FILE.json", description = "also a feature configuration from a JSON file (repeatable)")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--per-feature", description = "also print, per feature, its correlation with the yaw rate by day and by night and its night mean in day z-units")
    boolean perFeature;

    @Option(names = "--command-topic", defaultValue = "/cmd_vel", paramLabel = "TOPIC", description = "the command topic (default ${DEFAULT-VALUE})")
    String commandTopic;

    @Override
    public Integer call() throws IOException {
        for (Path p : List.of(day, night)) if (!Files.exists(p)) throw new BadInputException("no such bag or folder: " + p);
        List<Path> dayBags = BagDataset.bagsOf(day), nightBags = BagDataset.bagsOf(night);
        if (dayBags.size() < 2) throw new BadInputException("--data needs at least two day bags (one is held out at a time), found " + dayBags.size());
        if (nightBags.isEmpty()) throw new BadInputException("--night holds no bags");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-14s %9s %12s %10s   (ridge lambda %.1f on z-scored features; %d day bags, %d night bags)%n",
                "features", "day fit", "day held-out", "night", SteeringRidge.LAMBDA, dayBags.size(), nightBags.size());
        List<String> names = new ArrayList<>(features);
        for (Path c : configs) names.add(c.toString());
        for (String name : names) {
            FeatureConfig fc;
            try {
                fc = name.endsWith(".json") ? FeatureConfig.fromJson(Files.readString(Path.of(name))) : FeatureConfig.named(name);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--features: " + e.getMessage());
            }
            BagDatasetConfig cfg = new BagDatasetConfig(BagDatasetConfig.DEFAULT_IMAGE_TOPIC, commandTopic, fc, null, 0.25, CommandAxis.STEERING);
            Data d = Data.of(dayBags, cfg), n = Data.of(nightBags, cfg);
            SteeringRidge fit = SteeringRidge.fit(d.x, d.y, SteeringRidge.LAMBDA);
            out.printf(Locale.ROOT, "%-14s %9.3f %12.3f %10.3f%n", name.endsWith(".json") ? Path.of(name).getFileName().toString() : name, fit.r2(d.x, d.y),
                    SteeringRidge.leaveOneEpisodeOutR2(d.x, d.y, SteeringRidge.LAMBDA), fit.r2(n.x, n.y));
            if (perFeature) {
                String[] fn = fc.featureNames();
                int flips = 0, strong = 0;
                for (int j = 0; j < fn.length; j++) {
                    double cd = d.correlation(j), cn = n.correlation(j), shift = n.meanIn(j, d);
                    if (Math.abs(cd) >= 0.1) {
                        strong++;
                        if (Math.signum(cd) != Math.signum(cn)) flips++;
                    }
                    out.printf(Locale.ROOT, "    %-22s corr day %+.2f night %+.2f   night mean %+.2f day sd%n", fn[j], cd, cn, shift);
                }
                out.printf(Locale.ROOT, "    %d of %d features with |corr| >= 0.1 by day flip sign at night%n", flips, strong);
            }
            out.flush();
        }
        return 0;
    }

    /** Raw features (frames x features) and yaw rates, one entry per bag. */
    record Data(List<double[][]> x, List<double[]> y) {
        /** Pearson correlation of feature {@code j} with the yaw rate over all frames. */
        double correlation(int j) {
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int e = 0; e < x.size(); e++) {
                for (int t = 0; t < x.get(e).length; t++) {
                    double a = x.get(e)[t][j], b = y.get(e)[t];
                    n++; sx += a; sy += b; sxx += a * a; syy += b * b; sxy += a * b;
                }
            }
            double cov = sxy / n - sx / n * sy / n, va = sxx / n - sx / n * sx / n, vb = syy / n - sy / n * sy / n;
            return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
        }

        /** This data's mean of feature {@code j} in standard deviations of {@code ref}'s, from {@code ref}'s mean. */
        double meanIn(int j, Data ref) {
            double[] m = ref.moments(j), own = moments(j);
            return m[1] > 0 ? (own[0] - m[0]) / m[1] : 0;
        }

        private double[] moments(int j) {
            double n = 0, s = 0, ss = 0;
            for (double[][] ep : x) for (double[] row : ep) { n++; s += row[j]; ss += row[j] * row[j]; }
            double mean = s / n;
            return new double[]{mean, Math.sqrt(Math.max(0, ss / n - mean * mean))};
        }

        static Data of(List<Path> bags, BagDatasetConfig cfg) throws IOException {
            List<double[][]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (Path b : bags) {
                BagRecording r = BagRecording.extract(b, cfg);
                int f = r.featureCount();
                double[][] x = new double[r.steps()][f];
                double[] y = new double[r.steps()];
                for (int t = 0; t < r.steps(); t++) {
                    for (int j = 0; j < f; j++) x[t][j] = r.features()[t * f + j];
                    y[t] = r.command(t, CommandAxis.YAW_RATE);
                }
                xs.add(x);
                ys.add(y);
            }
            return new Data(xs, ys);
        }
    }
}
