package org.liquidpilot.pilot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.liquid.LiquidModel;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class OodCalibrationTest {
    @TempDir
    Path dir;

    @Test
    void quantilesAreNearestRankAndTheRuleDerivesTheThresholds() {
        double[] rms = new double[1000], max = new double[1000];
        for (int i = 0; i < 1000; i++) {
            rms[999 - i] = (i + 1) / 500.0;     // 0.002 .. 2.0, in reverse order
            max[i] = (i + 1) / 100.0;           // 0.01 .. 10.0
        }
        OodCalibration c = OodCalibration.fit(rms, max, "test data");
        assertEquals(1000, c.frames());
        assertEquals("test data", c.data());
        assertEquals(new OodCalibration.Quantiles(1.0, 1.98, 1.998, 2.0), c.rmsZ());
        assertEquals(new OodCalibration.Quantiles(5.0, 9.9, 9.99, 10.0), c.maxAbsZ());
        OodThresholds t = c.thresholds();
        assertEquals(1.25 * 1.998, t.degradeRmsZ(), 1e-12);
        assertEquals(1.98, t.exitRmsZ(), 1e-12);
        assertEquals(1.25 * 9.99, t.degradeMaxAbsZ(), 1e-12);
        assertEquals(2 * 1.25 * 1.998, t.sustainedRmsZ(), 1e-12);
        assertEquals(60, t.sustainedFrames());
        assertEquals(4 * 1.25 * 1.998, t.stopRmsZ(), 1e-12);
        assertEquals(4 * 1.25 * 9.99, t.stopMaxAbsZ(), 1e-12);
    }

    @Test
    void nearConstantDataHitsTheFloorsNotAHairTrigger() {
        OodCalibration c = OodCalibration.fit(new double[100], new double[100], "constant");
        assertEquals(new OodThresholds(1.0, 0.5, 3.0, 2.0, 60, 4.0, 12.0), c.thresholds());
    }

    @Test
    void refusesTooFewFramesAndNonFiniteScores() {
        assertThrows(IllegalArgumentException.class, () -> OodCalibration.fit(new double[29], new double[29], "x"));
        assertThrows(IllegalArgumentException.class, () -> OodCalibration.fit(new double[30], new double[31], "x"));
        double[] bad = new double[40];
        bad[7] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> OodCalibration.fit(bad, new double[40], "x"));
        OodCalibration.Scores s = new OodCalibration.Scores();
        for (int i = 0; i < 3000; i++) s.add(new float[] {i % 3, 1, i == 5 ? Float.NaN : 0});
        assertEquals(2999, s.size(), "non-finite frames are skipped; the buffer grows");
        assertEquals(Math.sqrt(5 / 3.0), s.fit("x").rmsZ().max(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new OodCalibration.Scores().fit("nothing"));
    }

    @Test
    void jsonRoundTripsAndBrokenJsonIsRefused() {
        double[] rms = new double[200], max = new double[200];
        for (int i = 0; i < 200; i++) {
            rms[i] = 0.5 + Math.sin(i) * 0.3 + 0.3;
            max[i] = 2 + Math.cos(i * 1.7);
        }
        OodCalibration c = OodCalibration.fit(rms, max, "bags a + b");
        ObjectNode j = c.toJson();
        assertEquals(c, OodCalibration.fromJson(j));
        assertEquals(OodCalibration.RULE, j.get("rule").asText());
        assertTrue(c.summary().contains("200 frames of bags a + b"), c.summary());
        ObjectNode noThresholds = j.deepCopy();
        noThresholds.remove("thresholds");
        ObjectNode textual = j.deepCopy();
        ((ObjectNode) textual.get("thresholds")).put("stop_rms_z", "high");
        ObjectNode unordered = j.deepCopy();
        ((ObjectNode) unordered.get("thresholds")).put("stop_rms_z", 0.1);
        ObjectNode future = j.deepCopy();
        future.put("format_version", 2);
        ObjectNode noQuantiles = j.deepCopy();
        noQuantiles.remove("max_abs_z");
        for (ObjectNode bad : new ObjectNode[] {noThresholds, textual, unordered, future, noQuantiles}) {
            assertThrows(IllegalArgumentException.class, () -> OodCalibration.fromJson(bad), bad.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> OodCalibration.fromJson(new ObjectMapper().createArrayNode()));
    }

    @Test
    void aModelFileCarriesItsCalibrationAndThePilotFliesWithIt() throws Exception {
        Path file = dir.resolve("calibrated.safetensors");
        OodCalibration written = CalibratedModels.write(file, 300, true);
        PilotModel pm = PilotModel.load(file);
        assertEquals(written, pm.ood(), "read back from feature_extractor.ood");
        assertEquals(300, pm.ood().frames());
        assertEquals(written.thresholds(), pm.oodThresholds());
        PilotConfig base = PilotConfig.defaults().withSpeed(2);
        PilotConfig flown = pm.configure(base);
        assertEquals(written.thresholds(), flown.failsafe().ood());
        assertEquals(2.0, flown.speed());
        assertEquals(base.failsafe().withOod(written.thresholds()), flown.failsafe());

        Path plain = dir.resolve("uncalibrated.safetensors");
        CalibratedModels.write(plain, 300, false);
        PilotModel old = PilotModel.load(plain);
        assertNull(old.ood());
        assertEquals(OodThresholds.defaults(), old.oodThresholds());
        assertEquals(OodThresholds.defaults(), old.configure(base).failsafe().ood());
    }

    @Test
    void aBrokenCalibrationInAModelFileIsAOneLineError() throws Exception {
        Path file = dir.resolve("m.safetensors");
        CalibratedModels.write(file, 100, true);
        LiquidModel m = LiquidModel.load(file);
        ObjectNode fx = (ObjectNode) m.featureExtractor();
        ((ObjectNode) fx.get("ood").get("thresholds")).remove("stop_max_abs_z");
        Path broken = dir.resolve("broken.safetensors");
        m.withExtras(fx, m.outputScaling(), m.training()).save(broken);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PilotModel.load(broken));
        assertTrue(e.getMessage().contains("feature_extractor.ood") && e.getMessage().contains("stop_max_abs_z"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
