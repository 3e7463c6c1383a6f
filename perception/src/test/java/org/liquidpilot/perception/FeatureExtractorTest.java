package org.liquidpilot.perception;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureExtractorTest {
    static final FlightFixture FLIGHT = FlightFixture.load();

    @Test
    void defaultsGiveThirtyTwoFiniteBoundedFeatures() {
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            assertEquals(32, fx.featureCount());
            for (RgbFrame f : FLIGHT.frames()) {
                float[] v = fx.extract(f);
                assertEquals(32, v.length);
                for (float x : v) assertTrue(Float.isFinite(x) && Math.abs(x) <= 1.0001f, "feature " + x);
            }
        }
    }

    @Test
    void defaultsGiveThePinnedNumbersOnTheFlightFixture() throws IOException {
        List<float[]> expected = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("defaults_features_flight_small.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] hex = line.trim().split(" ");
                float[] v = new float[hex.length];
                for (int k = 0; k < v.length; k++) v[k] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[k], 16));
                expected.add(v);
            }
        }
        assertEquals(8, expected.size());
        // The config as shipped model files store it.
        FeatureConfig old = FeatureConfig.fromJson("{\"workWidth\":64,\"workHeight\":32,\"groundFraction\":0.5,\"rowBands\":4,"
                + "\"columnBins\":8,\"dctCoefficients\":12,\"flow\":true,\"deRain\":true,\"medianKernel\":3,"
                + "\"claheClipLimit\":2.0,\"featureCount\":32}");
        assertEquals(FeatureConfig.defaults(), old);
        List<RgbFrame> frames = FLIGHT.frames();
        try (FeatureExtractor fx = new FeatureExtractor(old)) {
            for (int i = 0; i < expected.size(); i++) {
                // Same library, same numbers; the tolerance only allows for OpenCV choosing other SIMD paths elsewhere.
                assertArrayEquals(expected.get(i), fx.extract(frames.get(i * 7)), 1e-5f, "frame " + i * 7);
            }
        }
    }

    @Test
    void sameFramesGiveIdenticalFeaturesInAFreshExtractor() {
        float[][] a = run(FeatureConfig.defaults(), FLIGHT.frames().subList(0, 10));
        float[][] b = run(FeatureConfig.defaults(), FLIGHT.frames().subList(0, 10));
        for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i]);
    }

    @Test
    void motionIsZeroOnTheFirstFrameAndAfterReset() {
        FeatureConfig c = FeatureConfig.defaults();
        int flow = c.descriptorCount() - FeatureConfig.FLOW_FEATURES;
        try (FeatureExtractor fx = new FeatureExtractor(c)) {
            float[] first = fx.extract(FLIGHT.frames().get(20));
            float[] second = fx.extract(FLIGHT.frames().get(21));
            for (int k = 0; k < 4; k++) assertEquals(0f, first[flow + k]);
            assertNotEquals(0f, second[flow + 3], "motion energy between two different frames");
            fx.reset();
            float[] again = fx.extract(FLIGHT.frames().get(21));
            for (int k = 0; k < 4; k++) assertEquals(0f, again[flow + k]);
            for (int k = 0; k < flow; k++) assertEquals(second[k], again[k], "static features do not depend on history");
        }
    }

    @Test
    void upperImageShiftFollowsAScrollOfTheScene() {
        // Shift a frame sideways by 10 source pixels (= 4 work pixels): the upper-image flow must say +4/64.
        RgbFrame f = FLIGHT.frames().get(0);
        byte[] shifted = new byte[f.rgb().length];
        int s = 10;
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                int sx = Math.max(0, x - s);
                System.arraycopy(f.rgb(), (y * f.width() + sx) * 3, shifted, (y * f.width() + x) * 3, 3);
            }
        }
        FeatureConfig c = FeatureConfig.defaults();
        int flow = c.descriptorCount() - FeatureConfig.FLOW_FEATURES;
        try (FeatureExtractor fx = new FeatureExtractor(c)) {
            fx.extract(f);
            float[] v = fx.extract(new RgbFrame(f.width(), f.height(), shifted, 0.1));
            assertEquals(4.0 / 64, v[flow], 0.5 / 64, "flow_dx_upper");
        }
    }

    @Test
    void mirroredRoadMirrorsTheSteeringCues() {
        // A left bend mirrored is a right bend: the edge centroids flip sign.
        RgbFrame f = FLIGHT.frames().get(15);
        byte[] m = new byte[f.rgb().length];
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                System.arraycopy(f.rgb(), (y * f.width() + x) * 3, m, (y * f.width() + f.width() - 1 - x) * 3, 3);
            }
        }
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            float[] a = fx.extract(f);
            fx.reset();
            float[] b = fx.extract(new RgbFrame(f.width(), f.height(), m, 0));
            assertTrue(Math.abs(a[0]) > 0.05, "far-band centroid of a bend " + a[0]);
            assertEquals(-a[0], b[0], 0.05);
            assertEquals(-a[4], b[4], 0.05);
        }
    }

    @Test
    void inputSizeMayChangeBetweenFrames() {
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            fx.extract(FLIGHT.frames().get(0));
            float[] big = fx.extract(new RgbFrame(320, 160, new byte[320 * 160 * 3], 0));
            for (float x : big) assertTrue(Float.isFinite(x));
            float[] tiny = fx.extract(new RgbFrame(3, 2, new byte[18], 0));
            for (float x : tiny) assertTrue(Float.isFinite(x));
        }
    }

    @Test
    void uniformFramesGiveZeroesNotNaN() {
        byte[] grey = new byte[160 * 80 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            float[] v = fx.extract(new RgbFrame(160, 80, grey, 0));
            for (float x : v) assertEquals(0f, x, 1e-6f);
        }
    }

    @Test
    void smallerAndLargerConfigsWork() {
        for (int n : new int[] {20, 24, 48}) {
            FeatureConfig c = FeatureConfig.withFeatureCount(n);
            float[][] v = run(c, FLIGHT.frames().subList(0, 3));
            assertEquals(n, v[0].length);
        }
        FeatureConfig off = new FeatureConfig(32, 16, 0.6, 2, 4, 6, false, false, 1, 0, null);
        assertEquals(14, run(off, FLIGHT.frames().subList(0, 3))[0].length);
    }

    @Test
    void projectionCompressesTheDescriptors() {
        FeatureConfig c = FeatureConfig.defaults();
        List<float[]> training = new ArrayList<>(List.of(run(c, FLIGHT.frames())));
        LinearProjection pca = LinearProjection.fitPca(training, 8);
        FeatureConfig projected = c.withProjection(pca);
        assertEquals(8, projected.featureCount());
        float[][] v = run(projected, FLIGHT.frames().subList(0, 5));
        float[] expected = new float[8];
        pca.project(training.get(4), expected);
        assertArrayEquals(expected, v[4], 1e-5f);
    }

    @Test
    void badUseIsRefused() {
        FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> fx.extract(FLIGHT.frames().get(0), new float[5]));
        fx.close();
        fx.close();
        assertThrows(IllegalStateException.class, () -> fx.extract(FLIGHT.frames().get(0)));
    }

    @Test
    void extractAllocatesNothingPerFrameOnceWarm() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
            float[] out = new float[fx.featureCount()];
            for (int i = 0; i < 200; i++) fx.extract(FLIGHT.frames().get(i % 60), out);
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 200; i++) fx.extract(FLIGHT.frames().get(i % 60), out);
            long perFrame = (mx.getCurrentThreadAllocatedBytes() - before) / 200;
            // JavaCPP's call wrappers may box a little; the buffers themselves must be reused.
            assertTrue(perFrame < 256, "allocated " + perFrame + " bytes per frame");
        }
    }

    static float[][] run(FeatureConfig c, List<RgbFrame> frames) {
        try (FeatureExtractor fx = new FeatureExtractor(c)) {
            float[][] out = new float[frames.size()][];
            for (int i = 0; i < out.length; i++) out[i] = fx.extract(frames.get(i));
            return out;
        }
    }
}
