package org.liquidpilot.pilot.dataset;

import org.liquidpilot.pilot.CommandAxis;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.pilot.Failsafe;
import org.liquidpilot.pilot.OodCalibration;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.train.Sequence;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class BagDatasetTest {
    @TempDir
    Path tmp;

    static Path fixture(String name) {
        try {
            return Path.of(BagDatasetTest.class.getResource("/bags/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy, so the cache beside it lands in the temp dir. */
    Path flight() throws IOException {
        Path p = tmp.resolve("flight.bag");
        if (!Files.exists(p)) Files.copy(fixture("flight_small_bz2.bag"), p);
        return p;
    }

    @Test
    void flightBagBecomesOneSequenceWithRealTimespansAndScaledYawRates() throws IOException {
        BagDataset ds = BagDataset.load(flight(), BagDatasetConfig.defaults());
        assertEquals(1, ds.sequences().size());
        Sequence s = ds.sequences().get(0);
        assertEquals(60, s.steps(), "every 15 Hz frame has a /cmd_vel 20 ms later");
        assertEquals(ds.config().features().featureCount(), s.features());
        assertEquals(1.0 / 30, s.dt()[0], 1e-12, "first step gets the pilot's nominal timespan");
        for (int t = 1; t < s.steps(); t++) assertEquals(1.0 / 15, s.dt()[t], 1e-6);
        double maxAbs = 0;
        for (double y : s.y()) maxAbs = Math.max(maxAbs, Math.abs(y));
        assertEquals(1.0, maxAbs, 1e-12, "targets are yaw rate over the largest recorded magnitude");
        // steering(t) = 0.5 * (0.8 sin(2πt/5) + 0.3 sin(2πt/1.7)) at the first frame (t = 0) is 0
        assertEquals(0.0, s.y()[0] * ds.outputScale()[0], 1e-9);
        // z-scored with the dataset's own statistics: each feature has mean ~0
        for (int i = 0; i < s.features(); i++) {
            double m = 0;
            for (int t = 0; t < s.steps(); t++) m += s.x()[t * s.features() + i];
            assertEquals(0.0, m / s.steps(), 1e-3, "feature " + i);
        }
    }

    @Test
    void theFailsafeIsCalibratedOnTheSameZScoredFramesTheModelLearnsFrom() throws IOException {
        BagDataset ds = BagDataset.load(flight(), BagDatasetConfig.defaults());
        Sequence s = ds.sequences().get(0);
        double[] rms = new double[s.steps()], max = new double[s.steps()];
        float[] z = new float[s.features()];
        for (int t = 0; t < s.steps(); t++) {
            for (int i = 0; i < z.length; i++) z[i] = (float) s.x()[t * z.length + i];
            rms[t] = Failsafe.rmsZ(z);
            max[t] = Failsafe.maxAbsZ(z);
        }
        OodCalibration expected = OodCalibration.fit(rms, max, ds.describe());
        assertEquals(expected, ds.oodCalibration());
        assertEquals(60, ds.oodCalibration().frames());
        assertTrue(ds.describe().startsWith("flight.bag (1 bag"), ds.describe());
        // Written into the model file's feature_extractor object, where PilotModel reads it.
        assertEquals(expected, OodCalibration.fromJson(ds.featureExtractorMetadata().get("ood")));
    }

    @Test
    void tooFewFramesLeaveTheCalibrationOut() throws IOException {
        Path p = tmp.resolve("short.bag");
        java.util.Random rnd = new java.util.Random(1);
        try (BagWriter w = BagWriter.create(p, Compression.NONE)) {
            for (int i = 0; i < OodCalibration.MIN_FRAMES - 1; i++) {
                long nanos = 1_000_000_000L + i * 33_000_000L;
                byte[] px = new byte[16 * 32 * 3];
                rnd.nextBytes(px);
                w.write("/camera/image_raw", Image.CODEC, new Image(new Header(i, Time.ofSeconds(nanos * 1e-9), "camera"), 16, 32, "rgb8", 0,
                        32 * 3, px), nanos);
                w.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.1 * (i % 3))), nanos + 1);
            }
        }
        BagDataset ds = BagDataset.load(p, BagDatasetConfig.defaults());
        assertEquals(OodCalibration.MIN_FRAMES - 1, ds.frames());
        assertNull(ds.oodCalibration());
        assertFalse(ds.featureExtractorMetadata().has("ood"));
    }

    @Test
    void secondLoadComesFromTheCacheAndMatches() throws IOException {
        BagDataset first = BagDataset.load(flight(), BagDatasetConfig.defaults());
        assertEquals(0, first.cacheHits());
        assertTrue(Files.isRegularFile(tmp.resolve("flight.bag" + FeatureCache.SUFFIX)));
        BagDataset second = BagDataset.load(flight(), BagDatasetConfig.defaults());
        assertEquals(1, second.cacheHits());
        assertArrayEquals(first.sequences().get(0).x(), second.sequences().get(0).x());
        assertArrayEquals(first.sequences().get(0).y(), second.sequences().get(0).y());
        assertArrayEquals(first.sequences().get(0).dt(), second.sequences().get(0).dt());
        // another front end configuration must not reuse the cache
        BagDatasetConfig other = new BagDatasetConfig("/camera/image_raw", "/cmd_vel",
                org.liquidpilot.perception.FeatureConfig.withFeatureCount(24), null, 0.25, CommandAxis.STEERING);
        BagDataset third = BagDataset.load(flight(), other);
        assertEquals(0, third.cacheHits());
        assertEquals(24, third.features());
    }

    @Test
    void cacheDirectoryIsUsedWhenGiven() throws IOException {
        Path cache = tmp.resolve("cache");
        BagDataset.load(flight(), BagDatasetConfig.defaults().withCacheDir(cache));
        assertTrue(Files.isRegularFile(cache.resolve("flight.bag" + FeatureCache.SUFFIX)));
        assertFalse(Files.exists(tmp.resolve("flight.bag" + FeatureCache.SUFFIX)));
    }

    @Test
    void corruptCacheIsRebuilt() throws IOException {
        BagDataset first = BagDataset.load(flight(), BagDatasetConfig.defaults());
        Files.write(tmp.resolve("flight.bag" + FeatureCache.SUFFIX), new byte[]{1, 2, 3});
        BagDataset again = BagDataset.load(flight(), BagDatasetConfig.defaults());
        assertEquals(0, again.cacheHits());
        assertArrayEquals(first.sequences().get(0).x(), again.sequences().get(0).x());
    }

    @Test
    void bagWithoutTheTopicsIsAOneLineError() throws IOException {
        Path p = tmp.resolve("many.bag");
        Files.copy(fixture("many_topics.bag"), p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BagDataset.load(p, BagDatasetConfig.defaults()));
        assertTrue(e.getMessage().contains("no topic /camera/image_raw"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> BagDataset.load(flight(), BagDatasetConfig.defaults().withTopics("/camera/image_raw", "/imu")));
        assertTrue(wrongType.getMessage().contains("/imu is sensor_msgs/Imu"), wrongType.getMessage());
    }

    @Test
    void mismatchedImageSizesAreRefused() throws IOException {
        Path p = tmp.resolve("sizes.bag");
        try (BagWriter w = BagWriter.create(p, Compression.NONE)) {
            for (int i = 0; i < 4; i++) {
                int width = i < 2 ? 32 : 48;
                long nanos = 1_000_000_000L + i * 50_000_000L;
                w.write("/camera/image_raw", Image.CODEC, new Image(new Header(i, Time.ofSeconds(nanos * 1e-9), "camera"), 16, width, "rgb8", 0,
                        width * 3, new byte[16 * width * 3]), nanos);
                w.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.1)), nanos + 1);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BagDataset.load(p, BagDatasetConfig.defaults()));
        assertTrue(e.getMessage().contains("mismatched image sizes") && e.getMessage().contains("32x16 then 48x16"), e.getMessage());
    }

    @Test
    void commandsTooFarFromEveryFrameAreAnError() throws IOException {
        Path p = tmp.resolve("far.bag");
        try (BagWriter w = BagWriter.create(p, Compression.NONE)) {
            w.write("/camera/image_raw", Image.CODEC, new Image(new Header(0, Time.ofSeconds(1), "camera"), 8, 8, "rgb8", 0, 24, new byte[192]), 1_000_000_000L);
            w.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.1)), 9_000_000_000L);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BagDataset.load(p, BagDatasetConfig.defaults()));
        assertTrue(e.getMessage().contains("no camera frame"), e.getMessage());
    }

    @Test
    void directoriesWithoutBagsAndOtherFilesAreRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> BagDataset.load(tmp, BagDatasetConfig.defaults()));
        Path txt = Files.writeString(tmp.resolve("x.txt"), "hello");
        assertThrows(IllegalArgumentException.class, () -> BagDataset.load(txt, BagDatasetConfig.defaults()));
        assertFalse(BagDataset.isBagData(tmp));
        Files.copy(fixture("flight_small_bz2.bag"), tmp.resolve("a.bag"));
        assertTrue(BagDataset.isBagData(tmp));
    }

    @Property(tries = 30)
    void garbageBagsGiveIllegalArgument(@ForAll @Size(max = 600) byte[] junk) throws IOException {
        Path dir = Files.createTempDirectory("lp-garbage");
        try {
            Path p = dir.resolve("junk.bag");
            byte[] withMagic = new byte[junk.length + 13];
            System.arraycopy("#ROSBAG V2.0\n".getBytes(), 0, withMagic, 0, 13);
            System.arraycopy(junk, 0, withMagic, 13, junk.length);
            Files.write(p, withMagic);
            assertThrows(IllegalArgumentException.class, () -> BagDataset.load(p, BagDatasetConfig.defaults()));
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
