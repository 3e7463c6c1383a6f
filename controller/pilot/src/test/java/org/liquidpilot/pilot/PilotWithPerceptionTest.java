package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.perception.SyntheticRoad;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The pilot with the real perception front end and the liquid core's NCP. */
class PilotWithPerceptionTest {
    private static final long MS = 1_000_000L;
    private static final int W = CalibratedModels.W, H = CalibratedModels.H;

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

    @TempDir
    Path dir;

    /** Road frames continuing the nominal sequence the model was calibrated on (other noise). */
    private static final class Road {
        final Random rnd = new Random(17);
        int i;
    }

    private static void road(Pilot p, Road r, int frames, double[] t, long[] now, boolean mustStayActive) {
        for (int k = 0; k < frames; k++, r.i++, t[0] += 1 / 30.0, now[0] += 33 * MS) {
            p.onFrame(SyntheticRoad.road(W, H, CalibratedModels.curve(r.i), t[0], r.rnd), now[0]);
            if (mustStayActive) assertEquals(FailsafeState.ACTIVE, p.state(), "road frame " + r.i + ": " + p.status().line());
        }
    }

    @Test
    void blackWhiteNoiseAndFrozenFramesStopWithZeroCommandsAndRoadFramesBringItBack() throws Exception {
        Path file = dir.resolve("road.safetensors");
        OodCalibration cal = CalibratedModels.write(file, 600, true);
        PilotModel pm = PilotModel.load(file);
        PilotConfig config = pm.configure(PilotConfig.defaults());
        assertEquals(cal.thresholds(), config.failsafe().ood());
        int frozenFrames = config.failsafe().frozenFrames();
        try (PerceptionFeatures perception = new PerceptionFeatures(pm.features())) {
            Pilot p = new Pilot(config, perception, pm.stats(), pm.policy());
            Road r = new Road();
            double[] t = {0};
            long[] now = {0};
            road(p, r, 3, t, now, false);
            road(p, r, 120, t, now, true);
            Random rnd = new Random(5);
            RgbFrame still = SyntheticRoad.road(W, H, CalibratedModels.curve(r.i), 0, r.rnd);
            for (String kind : List.of("black", "white", "noise", "frozen")) {
                int n = 0;
                while (p.state() != FailsafeState.STOPPED) {
                    RgbFrame bad = switch (kind) {
                        case "black" -> SyntheticRoad.uniform(W, H, 0, t[0]);
                        case "white" -> SyntheticRoad.uniform(W, H, 255, t[0]);
                        case "noise" -> SyntheticRoad.noise(W, H, t[0], rnd);
                        default -> new RgbFrame(W, H, still.rgb(), t[0]);
                    };
                    p.onFrame(bad, now[0]);
                    t[0] += 1 / 30.0;
                    now[0] += 33 * MS;
                    n++;
                    assertTrue(n <= (kind.equals("frozen") ? frozenFrames + 1 : 1), kind + ": not stopped after " + n + " frames: " + p.status().line());
                }
                FailsafeReason expected = kind.equals("frozen") ? FailsafeReason.FROZEN_FRAMES : FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION;
                assertEquals(expected, p.status().reason(), kind + ": " + p.status().line());
                assertEquals(0.0, p.forward(), kind);
                assertEquals(0.0, p.yawRate(), kind);
                // The bad frames go on: the pilot stays stopped and keeps commanding exactly zero.
                for (int i = 0; i < 60; i++, t[0] += 1 / 30.0, now[0] += 33 * MS) {
                    p.onFrame(switch (kind) {
                        case "black" -> SyntheticRoad.uniform(W, H, 0, t[0]);
                        case "white" -> SyntheticRoad.uniform(W, H, 255, t[0]);
                        case "noise" -> SyntheticRoad.noise(W, H, t[0], rnd);
                        default -> new RgbFrame(W, H, still.rgb(), t[0]);
                    }, now[0]);
                    assertEquals(FailsafeState.STOPPED, p.state(), kind + " frame " + i + ": " + p.status().line());
                    assertEquals(0.0, p.forward());
                    assertEquals(0.0, p.yawRate());
                }
                // The camera comes back: flying again after the camera recovery frames (plus a few to leave DEGRADED).
                int back = 0;
                while (p.state() != FailsafeState.ACTIVE) {
                    road(p, r, 1, t, now, false);
                    back++;
                    assertTrue(back <= config.failsafe().cameraRecoveryFrames() + config.failsafe().recoveryFrames() + 2,
                            "recovers after " + kind + ": " + p.status().line());
                }
                assertTrue(back >= config.failsafe().cameraRecoveryFrames(), "not before the recovery count: " + back);
                road(p, r, 30, t, now, true);
                assertTrue(p.forward() > 0);
            }
        }
    }
}
