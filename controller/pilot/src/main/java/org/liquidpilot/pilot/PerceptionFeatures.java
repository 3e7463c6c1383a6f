package org.liquidpilot.pilot;

import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.RgbFrame;

/** The in-process perception front end: OpenCV feature extraction in the pilot's own thread, no extra hop. */
public final class PerceptionFeatures implements FeatureSource {
    private final FeatureExtractor extractor;

    public PerceptionFeatures(FeatureConfig config) {
        this.extractor = new FeatureExtractor(config);
    }

    @Override
    public int featureCount() {
        return extractor.featureCount();
    }

    @Override
    public void extract(RgbFrame frame, float[] out) {
        extractor.extract(frame, out);
    }

    @Override
    public void reset() {
        extractor.reset();
    }

    @Override
    public void close() {
        extractor.close();
    }
}
