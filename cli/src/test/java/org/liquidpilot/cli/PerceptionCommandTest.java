package org.liquidpilot.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.liquid.io.SafeTensors;
import org.liquidpilot.perception.ImageEncoder;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.sensor_msgs.CompressedImage;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerceptionCommandTest {
    @TempDir
    static Path dir;
    static Path bag;
    static final long T0 = 1_700_000_000_000_000_000L;
    static final int FRAMES = 20;

    /** A small bag: 20 raw road frames (one with a bad encoding), the same as JPEG (one corrupt), and a text topic. */
    @BeforeAll
    static void writeBag() throws Exception {
        bag = dir.resolve("roads.bag");
        try (BagWriter w = BagWriter.create(bag, Compression.NONE)) {
            for (int i = 0; i < FRAMES; i++) {
                RgbFrame f = road(96, 48, Math.sin(i * 0.4), i);
                long t = T0 + i * 66_666_667L;
                Header h = new Header(i, Time.ofNanos(t), "camera");
                String enc = i == 7 ? "yuv422" : "rgb8";
                w.write("/camera/image_raw", Image.CODEC, new Image(h, 48, 96, enc, 0, 96 * 3, f.rgb()), t + 1000);
                byte[] jpeg = ImageEncoder.jpeg(f);
                if (i == 3) jpeg = Arrays.copyOf(jpeg, jpeg.length / 2);
                w.write("/camera/image_raw/compressed", CompressedImage.CODEC, new CompressedImage(h, "rgb8; jpeg compressed bgr8", jpeg), t + 2000);
                w.write("/text", StringMessage.CODEC, new StringMessage("frame " + i), t + 3000);
            }
        }
    }

    @Test
    void featuresCsvHasAHeaderAndOneRowPerGoodFrame() throws Exception {
        Path out = dir.resolve("f.csv");
        CliRun r = run("perception", "features", "--bag", bag.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote 19 rows x 32 features from /camera/image_raw") && r.out().contains("skipped 1"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(20, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals("stamp", header[0]);
        assertEquals(33, header.length);
        assertEquals("edge_centroid_band0", header[1]);
        String[] first = lines.get(1).split(",");
        assertEquals(1_700_000_000.0, Double.parseDouble(first[0]), 1e-6);
        for (int k = 1; k < first.length; k++) assertTrue(Double.isFinite(Double.parseDouble(first[k])));
        assertEquals(1_700_000_000.0 + 8 * 0.066666667, Double.parseDouble(lines.get(8).split(",")[0]), 1e-6, "frame 7 is skipped");
    }

    @Test
    void featuresSafetensorsFromTheCompressedTopic() throws Exception {
        Path out = dir.resolve("f.safetensors");
        CliRun r = run("perception", "features", "--bag", bag.toString(), "--topic", "/camera/image_raw/compressed",
                "--features", "24", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        SafeTensors.Contents c = SafeTensors.read(out);
        assertArrayEquals(new int[] {19, 24}, c.require("features").shape());
        assertArrayEquals(new int[] {19}, c.require("stamp").shape());
        assertEquals(24, c.metadata().get("feature_names").split(",").length);
        assertTrue(c.metadata().get("feature_config").contains("\"featureCount\":24"));
    }

    @Test
    void showDrawsPanelsAndATimeline() throws Exception {
        Path out = dir.resolve("show");
        CliRun r = run("perception", "show", "--bag", bag.toString(), "--out", out.toString(), "--panels", "3");
        assertEquals(0, r.code(), r.err());
        try (var files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(4, names.size(), names.toString());
            assertTrue(names.contains("timeline.png"));
        }
        var img = javax.imageio.ImageIO.read(out.resolve("timeline.png").toFile());
        assertTrue(img.getWidth() > 100 && img.getHeight() > 32 * 10);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        CliRun noTopic = run("perception", "features", "--bag", bag.toString(), "--topic", "/text", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, noTopic.code());
        assertTrue(noTopic.err().contains("no image topic /text") && noTopic.err().contains("/camera/image_raw"), noTopic.err());
        assertEquals(1, noTopic.err().strip().lines().count(), noTopic.err());
        assertEquals(2, run("perception", "features", "--bag", bag.toString(), "--out", dir.resolve("x.txt").toString()).code());
        assertEquals(2, run("perception", "features", "--bag", dir.resolve("missing.bag").toString(), "--out", dir.resolve("x.csv").toString()).code());
        assertEquals(2, run("perception", "features", "--bag", bag.toString(), "--features", "3", "--out", dir.resolve("x.csv").toString()).code());
        Path badConfig = dir.resolve("bad.json");
        Files.writeString(badConfig, "{\"workWidth\": 7}");
        CliRun cfg = run("perception", "features", "--bag", bag.toString(), "--config", badConfig.toString(), "--out", dir.resolve("x.csv").toString());
        assertEquals(2, cfg.code());
        assertTrue(cfg.err().contains("workWidth"), cfg.err());
        Path notBag = dir.resolve("not.bag");
        Files.write(notBag, new byte[] {1, 2, 3, 4, 5});
        assertEquals(2, run("perception", "show", "--bag", notBag.toString(), "--out", dir.resolve("s2").toString()).code());
    }

    @Test
    void aTopicWithNoDecodableFramesIsAFailedJob() throws Exception {
        Path only = dir.resolve("bad_only.bag");
        try (BagWriter w = BagWriter.create(only, Compression.NONE)) {
            Header h = new Header(0, Time.ofNanos(T0), "camera");
            w.write("/camera/image_raw", Image.CODEC, new Image(h, 2, 2, "bayer_rggb8", 0, 2, new byte[4]), T0);
        }
        CliRun r = run("perception", "features", "--bag", only.toString(), "--out", dir.resolve("none.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no decodable frames") && r.err().contains("bayer_rggb8"), r.err());
    }

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static RgbFrame road(int w, int h, double curvature, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * 3];
        int horizon = h * 3 / 8;
        for (int y = 0; y < h; y++) {
            double d = y < horizon ? 1 : (h - 1.0 - y) / (h - 1.0 - horizon);
            double cx = w / 2.0 - curvature * w / 4 * d * d, half = w * 0.2 * (1 - d) + 2;
            for (int x = 0; x < w; x++) {
                int[] c = y < horizon ? new int[] {150, 190, 235} : Math.abs(x - cx) < half ? new int[] {110, 110, 115} : new int[] {40, 110, 40};
                for (int k = 0; k < 3; k++) px[(y * w + x) * 3 + k] = (byte) Math.min(255, c[k] + r.nextInt(12));
            }
        }
        return new RgbFrame(w, h, px, 0);
    }
}
