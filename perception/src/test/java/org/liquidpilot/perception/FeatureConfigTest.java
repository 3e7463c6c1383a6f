package org.liquidpilot.perception;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureConfigTest {

    @Test
    void defaultsRoundTripThroughJson() {
        FeatureConfig c = FeatureConfig.defaults();
        assertEquals(32, c.featureCount());
        String json = c.toJson();
        assertTrue(json.contains("\"featureCount\":32"), json);
        assertEquals(c, FeatureConfig.fromJson(json));
    }

    @Test
    void defaultConfigsSerialiseToTheBytesModelFilesHold() {
        // The bytes shipped model files hold: the default configs must keep serialising to exactly these.
        assertEquals("{\"workWidth\":64,\"workHeight\":32,\"groundFraction\":0.5,\"rowBands\":4,\"columnBins\":8,"
                + "\"dctCoefficients\":12,\"flow\":true,\"deRain\":true,\"medianKernel\":3,\"claheClipLimit\":2.0,"
                + "\"featureCount\":32}", FeatureConfig.defaults().toJson());
        assertEquals("{\"workWidth\":64,\"workHeight\":32,\"groundFraction\":0.5,\"rowBands\":4,\"columnBins\":8,"
                + "\"dctCoefficients\":4,\"flow\":true,\"deRain\":true,\"medianKernel\":3,\"claheClipLimit\":2.0,"
                + "\"featureCount\":24}", FeatureConfig.withFeatureCount(24).toJson());
        assertEquals(0, FeatureConfig.defaults().targetBins());
        assertEquals(0, FeatureConfig.defaults().targetFeatures());
    }

    @Test
    void droneDefaultsAddTheTargetBlockAndRoundTrip() {
        FeatureConfig d = FeatureConfig.droneDefaults();
        assertEquals(8, d.targetBins());
        assertEquals(43, d.featureCount());
        assertEquals(FeatureConfig.defaults(), d.withTargetBins(0));
        String json = d.toJson();
        assertTrue(json.contains("\"targetBins\":8") && json.contains("\"featureCount\":43"), json);
        assertEquals(d, FeatureConfig.fromJson(json));
        LinearProjection p = LinearProjection.fitPca(List.of(new float[43], new float[43], new float[43]), 2);
        FeatureConfig projected = d.withProjection(p);
        assertEquals(8, projected.targetBins());
        assertEquals(projected, FeatureConfig.fromJson(projected.toJson()));
        assertEquals(d.withTargetBins(3).featureCount(), 32 + 3 + 3);
    }

    @Test
    void missingKeysTakeDefaults() {
        assertEquals(FeatureConfig.defaults(), FeatureConfig.fromJson("{}"));
        assertEquals(4, FeatureConfig.fromJson("{\"dctCoefficients\":0,\"flow\":false,\"columnBins\":0}").featureCount() / 2);
    }

    @Test
    void projectionRoundTripsThroughJson() {
        LinearProjection p = LinearProjection.fitPca(List.of(new float[] {1, 2, 3}, new float[] {2, 1, 0}, new float[] {0, 0, 1}), 2);
        FeatureConfig c = new FeatureConfig(32, 16, 0.5, 1, 1, 0, false, true, 3, 2, p);
        FeatureConfig back = FeatureConfig.fromJson(c.toJson());
        assertEquals(c, back);
        assertEquals(2, back.featureCount());
        assertEquals(List.of("pc0", "pc1"), List.of(back.featureNames()));
    }

    @Test
    void featureCountIsConfigurable() {
        assertEquals(20, FeatureConfig.withFeatureCount(20).featureCount());
        assertEquals(64, FeatureConfig.withFeatureCount(64).featureCount());
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.withFeatureCount(19));
        assertEquals(64, FeatureConfig.withFeatureCount(64).featureNames().length);
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        String[] bad = {
                "{\"workWidth\":15}", "{\"workWidth\":100000}", "{\"workHeight\":7}", "{\"groundFraction\":0}",
                "{\"groundFraction\":\"x\"}", "{\"rowBands\":-1}", "{\"rowBands\":1000}", "{\"columnBins\":99}",
                "{\"dctCoefficients\":3000}", "{\"medianKernel\":4}", "{\"claheClipLimit\":-1}", "{\"flow\":1}",
                "{\"bogus\":1}", "{\"targetBins\":-1}", "{\"targetBins\":33}", "{\"targetBins\":1.5}", "{\"targetBins\":true}",
                "{\"targetBins\":8,\"featureCount\":32}", "{\"featureCount\":31}", "{\"workWidth\":64.5}", "{\"rowBands\":0,\"columnBins\":0,\"dctCoefficients\":0,\"flow\":false}",
                "{\"projection\":{\"mean\":[1,2],\"weights\":[[1,0]]}}", "{\"projection\":[]}", "[1,2]", "nonsense", "",
        };
        for (String b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromJson(b), b);
            assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Property(tries = 300)
    void garbageJsonGivesACleanError(@ForAll @StringLength(max = 200) String s) {
        try {
            FeatureConfig.fromJson(s);
        } catch (IllegalArgumentException expected) {
            // fine
        }
    }

    @Test
    void aConfigWithoutALampMapIsTheOldOneByteForByte() {
        // Model files written before the lamp map have no such key: they parse to the same config and write the same JSON.
        String old = "{\"workWidth\":64,\"workHeight\":32,\"groundFraction\":0.5,\"rowBands\":4,\"columnBins\":8,"
                + "\"dctCoefficients\":12,\"flow\":true,\"deRain\":true,\"medianKernel\":3,\"claheClipLimit\":2.0,\"featureCount\":32}";
        FeatureConfig c = FeatureConfig.fromJson(old);
        assertEquals(old, c.toJson());
        assertEquals(FeatureConfig.defaults().toJson(), c.toJson());
        assertTrue(!c.hasLampMap() && c.lampMap() == null);
        assertTrue(!FeatureConfig.defaults().toJson().contains("lampMap"));
    }

    @Test
    void theNightRobustConfigCarriesItsLampMapThroughJson() {
        FeatureConfig n = FeatureConfig.nightRobust();
        assertTrue(n.hasLampMap());
        assertEquals(32, n.featureCount());
        assertEquals(0.0, n.claheClipLimit());
        float[] m = n.lampMap();
        assertEquals(64 * 32, m.length);
        // The lamps light the bottom of the frame, not the top.
        double top = 0, bottom = 0;
        for (int x = 0; x < 64; x++) { top += m[x]; bottom += m[31 * 64 + x]; }
        assertTrue(bottom > 10 * top, "bottom row " + bottom / 64 + ", top row " + top / 64);
        FeatureConfig back = FeatureConfig.fromJson(n.toJson());
        assertEquals(n.toJson(), back.toJson());
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.named("nightly"));
        assertThrows(IllegalArgumentException.class, () -> n.withLampMap(new float[10]));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.fromJson(n.toJson().replace("\"lampMap\":[", "\"lampMap\":[300,")));
    }

    @Test
    void theLampMapOnlyTouchesDarkFrames() {
        FeatureConfig plain = FeatureConfig.nightRobust().withLampMap(null), mapped = FeatureConfig.nightRobust();
        byte[] day = new byte[160 * 80 * 3], night = new byte[160 * 80 * 3];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < day.length; i++) {
            int y = i / (160 * 3), x = i / 3 % 160;
            int v = 80 + (x > 60 && x < 100 ? 0 : 60) + r.nextInt(20);
            day[i] = (byte) v;
            night[i] = (byte) (y > 50 ? v / 6 : r.nextInt(4));
        }
        try (FeatureExtractor a = new FeatureExtractor(plain); FeatureExtractor b = new FeatureExtractor(mapped)) {
            assertEquals(java.util.Arrays.toString(a.extract(new RgbFrame(160, 80, day, 0))),
                    java.util.Arrays.toString(b.extract(new RgbFrame(160, 80, day, 0))), "a bright frame is left alone");
            a.reset();
            b.reset();
            assertTrue(!java.util.Arrays.equals(a.extract(new RgbFrame(160, 80, night, 0)), b.extract(new RgbFrame(160, 80, night, 0))),
                    "a dark frame is divided by the map");
        }
    }
}
