package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.JsonNode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.perception.FeatureConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the pilot needs from a model file: the policy, the feature extractor configuration it was trained with and
 * the training feature statistics. The model's {@code feature_extractor} metadata holds {@code config} (a
 * {@link FeatureConfig}) and {@code stats} ({@code mean} and {@code std} arrays); a model without statistics
 * cannot judge its inputs and is refused.
 */
public record PilotModel(Policy policy, FeatureConfig features, FeatureStats stats, String description) {

    public static PilotModel load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no model file at " + file);
        LiquidModel model;
        try {
            model = LiquidModel.load(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        JsonNode fx = model.featureExtractor();
        if (fx == null || !fx.hasNonNull("stats")) {
            throw new IllegalArgumentException("model " + file + " has no feature statistics (feature_extractor.stats)");
        }
        FeatureConfig config = fx.hasNonNull("config") ? FeatureConfig.fromJsonNode(fx.get("config")) : FeatureConfig.defaults();
        FeatureStats stats = new FeatureStats(doubles(fx.get("stats").get("mean"), "mean"), doubles(fx.get("stats").get("std"), "std"));
        if (stats.size() != config.featureCount() || model.inputSize() != stats.size()) {
            throw new IllegalArgumentException("model " + file + ": " + model.inputSize() + " inputs, " + stats.size()
                    + " feature statistics and " + config.featureCount() + " extracted features do not agree");
        }
        String description = model.config().cellType() + " " + model.stateSize() + " neurons from " + file.getFileName();
        return new PilotModel(new StreamPolicy(model, description, true), config, stats, description);
    }

    private static double[] doubles(JsonNode array, String what) {
        if (array == null || !array.isArray() || array.size() > 100_000) throw new IllegalArgumentException("feature statistics lack a '" + what + "' array");
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble(Double.NaN);
        return out;
    }
}
