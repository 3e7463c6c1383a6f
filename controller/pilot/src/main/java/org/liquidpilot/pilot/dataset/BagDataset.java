package org.liquidpilot.pilot.dataset;

import org.liquidpilot.bags.Recording;
import org.liquidpilot.pilot.CommandAxis;

import org.liquidpilot.liquid.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.pilot.FeatureStats;
import org.liquidpilot.pilot.OodCalibration;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.train.Sequence;
import org.liquidpilot.train.SequenceDataset;
import org.liquidpilot.train.TrainableModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Recorded bags as training sequences, one per bag: camera frames through the perception front end, z-scored with
 * the statistics of the whole dataset (the same {@link FeatureStats} arithmetic the pilot runs), the recorded
 * command's chosen outputs ({@link BagDatasetConfig#outputs()}: the yaw rate for a car, all four for a drone), each
 * divided by the dataset's scale for it (its largest magnitude), as the targets, and the time between image stamps as each step's
 * timespan (the first step gets the pilot's nominal timespan, exactly as {@code Pilot} feeds it).
 * <p>
 * {@link #saveModel} writes the feature configuration, the statistics and the output scale into the model file,
 * so {@code PilotModel.load} rebuilds the same front end and the output comes back in rad/s, and the failsafe's
 * out-of-distribution thresholds calibrated on the same z-scored frames ({@link OodCalibration}).
 */
public final class BagDataset implements SequenceDataset {
    static final int MAX_BAGS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String description;
    private final BagDatasetConfig config;
    private final List<Sequence> sequences;
    private final double[] mean;
    private final double[] std;
    private final double[] outputScale;
    private final int cacheHits;
    private final OodCalibration ood;

    private BagDataset(String description, BagDatasetConfig config, List<Sequence> sequences, double[] mean, double[] std, double[] outputScale,
                       int cacheHits, OodCalibration ood) {
        this.ood = ood;
        this.description = description;
        this.config = config;
        this.sequences = List.copyOf(sequences);
        this.mean = mean;
        this.std = std;
        this.outputScale = outputScale;
        this.cacheHits = cacheHits;
    }

    /** Whether {@code path} names bag data: a {@code .bag} or {@code .mcap} file or a directory holding at least one. */
    public static boolean isBagData(Path path) throws IOException {
        if (Files.isRegularFile(path)) return Recording.isRecordingName(path);
        if (!Files.isDirectory(path)) return false;
        try (Stream<Path> s = Files.list(path)) {
            return s.anyMatch(p -> Recording.isRecordingName(p) && Files.isRegularFile(p));
        }
    }

    /** The bags of {@code path}: the file itself, or a directory's {@code *.bag} and {@code *.mcap} files in name order. */
    public static List<Path> bagsOf(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            if (!Recording.isRecordingName(path)) throw new IllegalArgumentException(path + ": not a .bag or .mcap file");
            return List.of(path);
        }
        if (!Files.isDirectory(path)) throw new IllegalArgumentException(path + ": no such bag file or directory");
        List<Path> bags;
        try (Stream<Path> s = Files.list(path)) {
            bags = s.filter(p -> Recording.isRecordingName(p) && Files.isRegularFile(p)).sorted().limit(MAX_BAGS + 1L).toList();
        }
        if (bags.isEmpty()) throw new IllegalArgumentException(path + ": no .bag files and no .mcap files");
        if (bags.size() > MAX_BAGS) throw new IllegalArgumentException(path + ": more than " + MAX_BAGS + " bags");
        return bags;
    }

    private static String sourceName(Path p) {
        Path n = p.toAbsolutePath().normalize().getFileName();
        return n == null ? p.toString() : n.toString();
    }

    public static BagDataset load(Path dirOrBag, BagDatasetConfig cfg) throws IOException {
        return load(List.of(dirOrBag), cfg);
    }

    /**
     * The bags of several sources (each a {@code .bag} file or a directory of bags) pooled into one dataset, as
     * DAgger aggregates its rounds: every bag stays one sequence and the statistics cover them all. A bag named twice
     * is read once.
     */
    public static BagDataset load(List<Path> sources, BagDatasetConfig cfg) throws IOException {
        if (sources.isEmpty()) throw new IllegalArgumentException("no bag sources given");
        LinkedHashSet<Path> unique = new LinkedHashSet<>();
        for (Path src : sources) {
            for (Path b : bagsOf(src)) unique.add(b.toAbsolutePath().normalize());
        }
        if (unique.size() > MAX_BAGS) throw new IllegalArgumentException("more than " + MAX_BAGS + " bags");
        List<Path> bags = List.copyOf(unique);
        // Folder or bag names, not paths: the description goes into model files that travel to other machines.
        String names = String.join(" + ", sources.stream().map(BagDataset::sourceName).toList());
        List<BagRecording> recs = new ArrayList<>();
        int hits = 0;
        boolean[] hit = new boolean[1];
        for (Path b : bags) {
            recs.add(FeatureCache.load(b, cfg, hit));
            if (hit[0]) hits++;
        }
        return fromRecordings(names + " (" + bags.size() + " bag" + (bags.size() == 1 ? "" : "s") + ", " + cfg.imageTopic() + " -> "
                + cfg.commandTopic() + " " + CommandAxis.keys(cfg.outputs()) + ")", cfg, recs, hits);
    }

    static BagDataset fromRecordings(String description, BagDatasetConfig cfg, List<BagRecording> recs, int cacheHits) {
        int f = recs.get(0).featureCount();
        long total = 0;
        double[] mean = new double[f], m2 = new double[f];
        List<CommandAxis> outs = cfg.outputs();
        int k = outs.size();
        double[] maxAbs = new double[k];
        for (BagRecording r : recs) {
            if (r.featureCount() != f) throw new IllegalArgumentException(r.name() + ": " + r.featureCount() + " features, others have " + f);
            for (int t = 0; t < r.steps(); t++) {
                total++;
                for (int i = 0; i < f; i++) {
                    double v = r.features()[t * f + i];
                    double d = v - mean[i];
                    mean[i] += d / total;
                    m2[i] += d * (v - mean[i]);
                }
                for (int j = 0; j < k; j++) maxAbs[j] = Math.max(maxAbs[j], Math.abs(r.command(t, outs.get(j))));
            }
        }
        if (total < 2) throw new IllegalArgumentException(description + ": needs at least 2 paired frames, got " + total);
        double[] std = new double[f];
        for (int i = 0; i < f; i++) std[i] = Math.sqrt(m2[i] / (total - 1));
        FeatureStats stats = new FeatureStats(mean, std);
        double[] scale = new double[k];
        for (int j = 0; j < k; j++) scale[j] = Math.max(outs.get(j).minScale(), maxAbs[j]);
        PilotConfig pilot = PilotConfig.defaults();
        List<Sequence> seqs = new ArrayList<>();
        float[] row = new float[f];
        OodCalibration.Scores scores = new OodCalibration.Scores();
        for (BagRecording r : recs) {
            double[] x = new double[r.steps() * f], y = new double[r.steps() * k], dt = new double[r.steps()];
            for (int t = 0; t < r.steps(); t++) {
                System.arraycopy(r.features(), t * f, row, 0, f);
                stats.zScores(row, row);
                scores.add(row);
                for (int i = 0; i < f; i++) x[t * f + i] = row[i];
                for (int j = 0; j < k; j++) y[t * k + j] = r.command(t, outs.get(j)) / scale[j];
                dt[t] = timespan(t == 0 ? Double.NaN : r.stamps()[t - 1], r.stamps()[t], pilot);
            }
            seqs.add(new Sequence(r.name(), r.steps(), f, k, x, y, dt));
        }
        // Too few frames say nothing about the tails: such a model flies with the failsafe's default thresholds.
        OodCalibration ood = scores.size() >= OodCalibration.MIN_FRAMES ? scores.fit(description) : null;
        return new BagDataset(description, cfg, seqs, mean, std, scale, cacheHits, ood);
    }

    /** The timespan the pilot feeds for a frame stamped {@code stamp} after one stamped {@code previous} (NaN: the first). */
    static double timespan(double previous, double stamp, PilotConfig pilot) {
        double dt = Double.isNaN(previous) ? pilot.nominalDt() : stamp - previous;
        if (!(dt > 1e-4)) dt = pilot.nominalDt();
        return Math.min(dt, pilot.maxDt());
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<Sequence> sequences() {
        return sequences;
    }

    public BagDatasetConfig config() {
        return config;
    }

    public double[] featureMean() {
        return mean.clone();
    }

    public double[] featureStd() {
        return std.clone();
    }

    /** Target j is command output j (in {@link BagDatasetConfig#outputs()} order) / this[j]; the model file's output scaling multiplies it back. */
    public double[] outputScale() {
        return outputScale.clone();
    }

    /** Bags whose features came from the cache. */
    public int cacheHits() {
        return cacheHits;
    }

    /**
     * The out-of-distribution calibration over this dataset's frames, z-scored with its own statistics (as the pilot
     * will see them); null with fewer than {@link OodCalibration#MIN_FRAMES} frames.
     */
    public OodCalibration oodCalibration() {
        return ood;
    }

    public int frames() {
        return sequences.stream().mapToInt(Sequence::steps).sum();
    }

    /**
     * The model file's {@code feature_extractor} object: configuration, statistics, the out-of-distribution
     * calibration and the topics it was fed from.
     */
    public ObjectNode featureExtractorMetadata() {
        ObjectNode fx = JSON.createObjectNode();
        fx.set("config", config.features().toJsonNode());
        ObjectNode st = fx.putObject("stats");
        ArrayNode m = st.putArray("mean"), s = st.putArray("std");
        for (int i = 0; i < mean.length; i++) {
            m.add(mean[i]);
            s.add(std[i]);
        }
        st.put("frames", frames());
        if (ood != null) fx.set("ood", ood.toJson());
        fx.put("image_topic", config.imageTopic());
        fx.put("command_topic", config.commandTopic());
        fx.put("target", "command_outputs (" + CommandAxis.keys(config.outputs()) + ") / output_scaling.scale");
        return fx;
    }

    /** Writes a model trained on this dataset, with the front end and output scale the pilot needs to run it. */
    public void saveModel(Path out, TrainableModel model, JsonNode training) throws IOException {
        ObjectNode meta = model.fileMetadata(training);
        meta.set("feature_extractor", featureExtractorMetadata());
        if (model.outputSize() != outputScale.length) {
            throw new IllegalArgumentException("the model has " + model.outputSize() + " outputs, the data " + outputScale.length);
        }
        ObjectNode os = meta.putObject("output_scaling");
        ArrayNode scale = os.putArray("scale"), offset = os.putArray("offset");
        for (int i = 0; i < model.outputSize(); i++) {
            scale.add(outputScale[i]);
            offset.add(0.0);
        }
        ArrayNode names = meta.putArray("command_outputs");
        for (CommandAxis a : config.outputs()) names.add(a.key());
        ModelFile.write(out, model.fileTensors(), meta);
    }
}
