package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.liquid.ModelFile;
import org.liquidpilot.train.TrainableModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the pilot needs from a model file: the policy, the feature extractor configuration it was trained with and
 * the training feature statistics. The model's {@code feature_extractor} metadata holds {@code config} (a
 * {@link FeatureConfig}) and {@code stats} ({@code mean} and {@code std} arrays); a model without statistics
 * cannot judge its inputs and is refused. An optional {@code ood} object ({@link OodCalibration}) holds failsafe
 * thresholds calibrated on the model's own data; without it the pilot uses {@link OodThresholds#defaults()}.
 * LTC/CfC files run on the liquid core's streaming inference; the baselines {@code train} writes (LSTM, GRU, CT-RNN,
 * MLP) run on the trainer's kernels, so every model can drive.
 *
 * @param ood the calibrated out-of-distribution thresholds, or null when the file has none
 */
public record PilotModel(Policy policy, FeatureConfig features, FeatureStats stats, OodCalibration ood, String description) {

    /** The thresholds to fly this model with: its calibrated ones, else the defaults. */
    public OodThresholds oodThresholds() {
        return ood != null ? ood.thresholds() : OodThresholds.defaults();
    }

    /** {@code base} with this model's out-of-distribution thresholds in its failsafe. */
    public PilotConfig configure(PilotConfig base) {
        return base.withFailsafe(base.failsafe().withOod(oodThresholds()));
    }

    public static PilotModel load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no model file at " + file);
        JsonNode meta;
        try {
            meta = ModelFile.metadata(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        if (ModelFile.BASELINE_FORMAT.equals(meta.path("format").asText())) return loadBaseline(file, meta);
        LiquidModel model;
        try {
            model = LiquidModel.load(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        FeatureConfig config = featureConfig(file, model.featureExtractor());
        FeatureStats stats = featureStats(file, model.featureExtractor(), config, model.inputSize());
        List<CommandAxis> outputs = commandOutputs(file, meta, model.outputSize());
        String description = model.config().cellType() + " " + model.stateSize() + " neurons from " + file.getFileName();
        return new PilotModel(new StreamPolicy(model, outputs, description, true), config, stats, ood(file, model.featureExtractor()), description);
    }

    /** LSTM, GRU, CT-RNN and MLP files from {@code train}: same front end metadata, run by the trainer's kernel. */
    private static PilotModel loadBaseline(Path file, JsonNode meta) {
        TrainableModel model;
        try {
            model = TrainableModel.load(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        JsonNode fx = meta.get("feature_extractor");
        FeatureConfig config = featureConfig(file, fx);
        FeatureStats stats = featureStats(file, fx, config, model.inputSize());
        JsonNode os = meta.path("output_scaling");
        int k = model.outputSize();
        double[] scale = new double[k], offset = new double[k];
        for (int i = 0; i < k; i++) {
            scale[i] = os.path("scale").path(i).asDouble(1.0);
            offset[i] = os.path("offset").path(i).asDouble(0.0);
            if (!Double.isFinite(scale[i]) || !Double.isFinite(offset[i])) throw new IllegalArgumentException("model " + file + ": output scaling is not finite");
        }
        List<CommandAxis> outputs = commandOutputs(file, meta, k);
        String description = model.type().toUpperCase(java.util.Locale.ROOT) + " " + model.stateSize() + " state values from " + file.getFileName();
        return new PilotModel(new KernelPolicy(model, outputs, scale, offset, description), config, stats, ood(file, fx), description);
    }

    /**
     * What each output commands, from the file's {@code command_outputs} (e.g. {@code ["forward", "left", "up",
     * "yaw_rate"]}); files from before it existed have one output, the yaw rate.
     */
    static List<CommandAxis> commandOutputs(Path file, JsonNode meta, int modelOutputs) {
        JsonNode names = meta.get("command_outputs");
        List<CommandAxis> outputs;
        if (names == null || names.isNull()) {
            outputs = CommandAxis.STEERING;
        } else {
            if (!names.isArray() || names.size() > 16) throw new IllegalArgumentException("model " + file + ": command_outputs must be a short list of names");
            List<String> keys = new java.util.ArrayList<>();
            for (JsonNode n : names) keys.add(n.asText());
            try {
                outputs = CommandAxis.parse(keys);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + file + ": command_outputs: " + e.getMessage());
            }
        }
        if (outputs.size() != modelOutputs) {
            throw new IllegalArgumentException("model " + file + " has " + modelOutputs + " outputs but names " + outputs.size()
                    + " command outputs (" + CommandAxis.keys(outputs) + ")");
        }
        return outputs;
    }

    /** What each of the policy's outputs commands. */
    public List<CommandAxis> outputs() {
        return policy.outputs();
    }

    /**
     * Refuses a model that cannot fly {@code vehicle} ({@code car} or {@code quad}): a drone needs a model that
     * commands all four of forward, left, up and yaw rate; a steering-only model would hold a fixed speed and
     * altitude, which is a car's job.
     */
    public void requireFits(String vehicle) {
        if ("quad".equals(vehicle) && !outputs().containsAll(CommandAxis.ALL)) {
            throw new IllegalArgumentException(description + " commands " + CommandAxis.keys(outputs()) + "; a drone needs a model with "
                    + "the outputs forward, left, up and yaw_rate (train it with --outputs forward,left,up,yaw_rate)");
        }
    }

    private static FeatureConfig featureConfig(Path file, JsonNode fx) {
        if (fx == null || !fx.hasNonNull("stats")) {
            throw new IllegalArgumentException("model " + file + " has no feature statistics (feature_extractor.stats)");
        }
        return fx.hasNonNull("config") ? FeatureConfig.fromJsonNode(fx.get("config")) : FeatureConfig.defaults();
    }

    private static FeatureStats featureStats(Path file, JsonNode fx, FeatureConfig config, int inputs) {
        FeatureStats stats = new FeatureStats(doubles(fx.get("stats").get("mean"), "mean"), doubles(fx.get("stats").get("std"), "std"));
        if (stats.size() != config.featureCount() || inputs != stats.size()) {
            throw new IllegalArgumentException("model " + file + ": " + inputs + " inputs, " + stats.size()
                    + " feature statistics and " + config.featureCount() + " extracted features do not agree");
        }
        return stats;
    }

    private static OodCalibration ood(Path file, JsonNode fx) {
        JsonNode o = fx.get("ood");
        if (o == null || o.isNull()) return null;
        try {
            return OodCalibration.fromJson(o);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + file + ": feature_extractor.ood: " + e.getMessage(), e);
        }
    }

    private static double[] doubles(JsonNode array, String what) {
        if (array == null || !array.isArray() || array.size() > 100_000) throw new IllegalArgumentException("feature statistics lack a '" + what + "' array");
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble(Double.NaN);
        return out;
    }
}
