package org.liquidpilot.pilot;

import org.liquidpilot.perception.SyntheticRoad;
import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.RgbFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The pilot with the real perception front end and the liquid core's NCP. */
class PilotWithPerceptionTest {
    private static final long MS = 1_000_000L;

    @Test
    void untrainedNcpHas19FiniteNeurons() {
        Policy ncp = UntrainedNcp.create(8, 1);
        assertEquals(19, ncp.neuronCount());
        assertFalse(ncp.trained());
        assertTrue(ncp.describe().contains("UNTRAINED"));
        float[] in = {0.5f, -1, 2, 0, 0.1f, -0.3f, 1, 0};
        float[] n = new float[19];
        double first = ncp.step(in, 1 / 30.0);
        for (int i = 0; i < 50; i++) ncp.step(in, 1 / 30.0);
        ncp.neuronStates(n);
        assertTrue(Double.isFinite(first));
        assertTrue(Failsafe.allFinite(n));
        assertTrue(Failsafe.maxAbsZ(n) > 0, "the circuit reacts to its inputs");
        ncp.reset();
        ncp.neuronStates(n);
        assertEquals(0.0, Failsafe.maxAbsZ(n));
    }

    @Test
    void realPerceptionFlagsBlackWhiteAndNoiseFramesAsOutOfDistribution() {
        Random rnd = new Random(3);
        int w = 160, h = 80;
        try (PerceptionFeatures perception = new PerceptionFeatures(FeatureConfig.defaults())) {
            List<float[]> nominal = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                float[] f = new float[perception.featureCount()];
                perception.extract(SyntheticRoad.road(w, h, Math.sin(i / 7.0) * 0.6, i / 30.0, rnd), f);
                nominal.add(f);
            }
            FeatureStats stats = FeatureStats.fit(nominal.subList(1, nominal.size()));
            perception.reset();
            Policy ncp = UntrainedNcp.create(perception.featureCount(), 7);
            Pilot p = new Pilot(PilotConfig.defaults(), perception, stats, ncp);
            double t = 0;
            long now = 0;
            for (int i = 0; i < 10; i++, t += 1 / 30.0, now += 33 * MS) p.onFrame(SyntheticRoad.road(w, h, 0.2, t, rnd), now);
            assertEquals(FailsafeState.ACTIVE, p.state(), p.status().line());
            RgbFrame[] bad = {SyntheticRoad.uniform(w, h, 0, 0), SyntheticRoad.uniform(w, h, 255, 0), SyntheticRoad.noise(w, h, 0, rnd)};
            for (RgbFrame b : bad) {
                for (int i = 0; i < 3; i++, t += 1 / 30.0, now += 33 * MS) {
                    p.onFrame(new RgbFrame(w, h, b.rgb(), t), now);
                }
                assertEquals(FailsafeState.DEGRADED, p.state(), p.status().line());
                assertEquals(FailsafeReason.OUT_OF_DISTRIBUTION, p.status().reason());
                assertTrue(p.forward() < PilotConfig.defaults().speed() * 0.5);
                for (int i = 0; i < 8; i++, t += 1 / 30.0, now += 33 * MS) p.onFrame(SyntheticRoad.road(w, h, 0.2, t, rnd), now);
                assertEquals(FailsafeState.ACTIVE, p.state(), "recovers on road frames: " + p.status().line());
            }
        }
    }
}
