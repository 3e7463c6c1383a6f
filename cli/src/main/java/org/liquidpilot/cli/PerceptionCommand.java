package org.liquidpilot.cli;

import org.liquidpilot.pilot.dataset.BagFrames;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.liquid.io.Tensor;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.FeaturePanels;
import org.liquidpilot.perception.OnlineNormalizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "perception", mixinStandardHelpOptions = true,
        description = "CNN-free camera features: extract them from a bag, and draw what the controller sees.",
        subcommands = {PerceptionCommand.Features.class, PerceptionCommand.Show.class, PerceptionNightR2Command.class})
public final class PerceptionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by both subcommands: where the frames come from and how features are made. */
    static final class Source {
        @Option(names = "--bag", required = true, paramLabel = "FILE", description = "rosbag v2.0 file")
        Path bag;

        @Option(names = "--topic", paramLabel = "T",
                description = "sensor_msgs/Image or CompressedImage topic (default: /camera/image_raw, else the first image topic)")
        String topic;

        @Option(names = "--config", paramLabel = "FILE.json", description = "feature configuration JSON (default: the built-in 32 features)")
        Path config;

        @Option(names = "--features", paramLabel = "N", description = "number of features of the default pipeline (20 or more)")
        Integer count;

        FeatureConfig featureConfig() throws IOException {
            if (config != null && count != null) throw new BadInputException("give --config or --features, not both");
            if (config != null) {
                if (!Files.isRegularFile(config)) throw new BadInputException("no such config file: " + config);
                if (Files.size(config) > 64L << 20) throw new BadInputException("config file " + config + " is too large");
                return FeatureConfig.fromJson(Files.readString(config, StandardCharsets.UTF_8));
            }
            return count == null ? FeatureConfig.defaults() : FeatureConfig.withFeatureCount(count);
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = {"Writes one row per image: a header row, then `stamp` (header stamp, seconds) and the feature columns.",
                    "The output kind follows the extension: .csv, or .safetensors (tensors `features` (N,F) f32 and `stamp` (N) f64;"
                            + " metadata `feature_names`, `feature_config`, `topic`)."})
    static final class Features implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Source source;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.csv or FILE.safetensors")
        Path out;

        @Option(names = "--normalize", description = "write z-scores from the online normaliser instead of raw features")
        boolean normalize;

        @Option(names = "--horizon", paramLabel = "FRAMES", defaultValue = "450",
                description = "normaliser horizon in frames with --normalize (default: ${DEFAULT-VALUE})")
        double horizon;

        @Override
        public Integer call() throws Exception {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean csv = name.endsWith(".csv"), st = name.endsWith(".safetensors");
            if (!csv && !st) throw new BadInputException("--out must end in .csv or .safetensors: " + out);
            FeatureConfig config = source.featureConfig();
            OnlineNormalizer norm = normalize ? new OnlineNormalizer(config.featureCount(), horizon) : null;
            List<float[]> rows = new ArrayList<>();
            List<Double> stamps = new ArrayList<>();
            String topic;
            String note;
            try (BagFrames frames = new BagFrames(source.bag, source.topic);
                 FeatureExtractor fx = new FeatureExtractor(config)) {
                topic = frames.topic;
                frames.forEach(f -> {
                    float[] v = fx.extract(f);
                    if (norm != null) norm.normalize(v, v);
                    rows.add(v);
                    stamps.add(f.stampSeconds());
                });
                note = frames.skippedNote();
            }
            if (rows.isEmpty()) {
                spec.commandLine().getErr().println("perception features: no decodable frames on " + topic + note);
                return 1;
            }
            String[] names = config.featureNames();
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (csv) writeCsv(names, rows, stamps);
            else writeSafeTensors(config, names, rows, stamps, topic);
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + rows.size() + " rows x " + names.length + " features from " + topic + " to " + out + note);
            o.flush();
            return 0;
        }

        private void writeCsv(String[] names, List<float[]> rows, List<Double> stamps) throws IOException {
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write("stamp");
                for (String n : names) w.write("," + n);
                w.write("\n");
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < rows.size(); i++) {
                    line.setLength(0);
                    line.append(String.format(Locale.ROOT, "%.9f", stamps.get(i)));
                    for (float v : rows.get(i)) line.append(',').append(v);
                    w.write(line.append('\n').toString());
                }
            }
        }

        private void writeSafeTensors(FeatureConfig config, String[] names, List<float[]> rows, List<Double> stamps, String topic) throws IOException {
            int n = rows.size(), f = names.length;
            float[] flat = new float[n * f];
            double[] st = new double[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows.get(i), 0, flat, i * f, f);
                st[i] = stamps.get(i);
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("features", Tensor.f32(new int[] {n, f}, flat));
            tensors.put("stamp", Tensor.f64(new int[] {n}, st));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("feature_names", String.join(",", names));
            meta.put("feature_config", config.toJson());
            meta.put("topic", topic);
            meta.put("normalized", Boolean.toString(normalize));
            SafeTensors.write(out, tensors, meta);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Draws what the controller sees, as PNG files in DIR: frame_NNNN.png panels (camera frame,"
                    + " normalised working image, feature bars) for evenly spaced frames, and timeline.png (every feature over time)."})
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Source source;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (created if missing)")
        Path out;

        @Option(names = "--panels", paramLabel = "K", defaultValue = "6", description = "frame panels to draw (default: ${DEFAULT-VALUE})")
        int panels;

        @Override
        public Integer call() throws Exception {
            if (panels < 0 || panels > 1000) throw new BadInputException("--panels must be in 0..1000, got " + panels);
            if (Files.exists(out) && !Files.isDirectory(out)) throw new BadInputException("--out is not a directory: " + out);
            FeatureConfig config = source.featureConfig();
            List<float[]> raw = new ArrayList<>();
            List<Double> stamps = new ArrayList<>();
            Map<Integer, org.liquidpilot.perception.RgbFrame> picked = new LinkedHashMap<>();
            Map<Integer, byte[]> normalised = new LinkedHashMap<>();
            String note;
            String topic;
            try (BagFrames frames = new BagFrames(source.bag, source.topic);
                 FeatureExtractor fx = new FeatureExtractor(config)) {
                topic = frames.topic;
                long total = frames.messages;
                java.util.Set<Integer> wanted = new java.util.HashSet<>();
                for (int k = 0; k < panels && total > 0; k++) wanted.add((int) Math.min(total - 1, Math.round((k + 0.5) * total / panels)));
                int[] index = {0};
                frames.forEach(f -> {
                    raw.add(fx.extract(f));
                    stamps.add(f.stampSeconds());
                    int i = index[0]++;
                    if (wanted.contains(i)) {
                        byte[] img = new byte[config.workWidth() * config.workHeight()];
                        fx.normalisedImage(img);
                        picked.put(i, f);
                        normalised.put(i, img);
                    }
                });
                note = frames.skippedNote();
            }
            if (raw.isEmpty()) {
                spec.commandLine().getErr().println("perception show: no decodable frames on " + topic + note);
                return 1;
            }
            // z-scores against the whole clip's statistics, so the colours compare across time.
            OnlineNormalizer norm = new OnlineNormalizer(config.featureCount(), raw.size());
            for (float[] v : raw) norm.update(v);
            List<float[]> z = new ArrayList<>();
            for (float[] v : raw) {
                float[] zi = new float[v.length];
                norm.zScores(v, zi);
                z.add(zi);
            }
            Files.createDirectories(out);
            String[] names = config.featureNames();
            PrintWriter o = spec.commandLine().getOut();
            for (var e : picked.entrySet()) {
                Path file = out.resolve(String.format("frame_%04d.png", e.getKey()));
                FeaturePanels.writePng(FeaturePanels.framePanel(e.getValue(), normalised.get(e.getKey()), config.workWidth(),
                        config.workHeight(), z.get(e.getKey()), names), file);
                o.println("wrote " + file);
            }
            double[] st = stamps.stream().mapToDouble(Double::doubleValue).toArray();
            Path timeline = out.resolve("timeline.png");
            FeaturePanels.writePng(FeaturePanels.timeline(z, names, st), timeline);
            o.println("wrote " + timeline + " (" + raw.size() + " frames from " + topic + ")" + note);
            o.flush();
            return 0;
        }
    }
}
