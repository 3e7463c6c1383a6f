package org.liquidpilot.pilot;

import org.liquidpilot.perception.RgbFrame;

/** Turns a camera frame into the policy's raw features. The pilot calls it from one thread. */
public interface FeatureSource extends AutoCloseable {
    int featureCount();

    /** Fills {@code out[0..featureCount())}; motion features compare with the previous frame. */
    void extract(RgbFrame frame, float[] out);

    /** Forgets the previous frame (after a gap or a reset). */
    void reset();

    @Override
    default void close() {}
}
