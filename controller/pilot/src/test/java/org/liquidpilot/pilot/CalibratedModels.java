package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.OutputScaling;
import org.liquidpilot.liquid.wiring.NCP;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.SyntheticRoad;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Model files for tests, made the way {@code train} makes them: feature statistics fitted on nominal frames (here
 * {@link SyntheticRoad}'s bending road, 30 Hz) and the out-of-distribution calibration over the same frames'
 * z-scores. The policy is an untrained NCP: the failsafe is what these tests look at.
 */
final class CalibratedModels {
    static final int W = 160, H = 80;

    private CalibratedModels() {}

    /** The road frame number {@code i} of the nominal sequence: the bend sweeps slowly left and right. */
    static double curve(int i) {
        return Math.sin(i / 7.0) * 0.6;
    }

    /** Writes the model to {@code file}; {@code calibrated} false leaves out {@code feature_extractor.ood}. */
    static OodCalibration write(Path file, int frames, boolean calibrated) throws IOException {
        Random rnd = new Random(3);
        List<float[]> raw = new ArrayList<>();
        try (PerceptionFeatures perception = new PerceptionFeatures(FeatureConfig.defaults())) {
            for (int i = 0; i < frames; i++) {
                float[] f = new float[perception.featureCount()];
                perception.extract(SyntheticRoad.road(W, H, curve(i), i / 30.0, rnd), f);
                raw.add(f);
            }
        }
        FeatureStats stats = FeatureStats.fit(raw);
        OodCalibration.Scores scores = new OodCalibration.Scores();
        for (float[] f : raw) {
            float[] z = new float[f.length];
            stats.zScores(f, z);
            scores.add(z);
        }
        OodCalibration cal = scores.fit("synthetic road, " + frames + " frames");
        ObjectMapper json = new ObjectMapper();
        ObjectNode fx = json.createObjectNode();
        fx.set("config", FeatureConfig.defaults().toJsonNode());
        ObjectNode st = fx.putObject("stats");
        ArrayNode mean = st.putArray("mean"), std = st.putArray("std");
        for (int i = 0; i < stats.size(); i++) {
            mean.add(stats.mean(i));
            std.add(stats.std(i));
        }
        st.put("frames", frames);
        if (calibrated) fx.set("ood", cal.toJson());
        LiquidModel.random(new LtcConfig(stats.size(), NCP.paper19()), 1).withExtras(fx, OutputScaling.identity(1), null).save(file);
        return cal;
    }
}
