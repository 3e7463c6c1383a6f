package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The control path's Image reader gives the pixels {@link ImageFrames#toFrame} gives, and refuses what it refuses. */
class ImageFrameReaderTest {
    private final Random rnd = new Random(11);

    private static ByteBuffer wire(Image m) {
        ByteBuffer b = ByteBuffer.allocate(Image.CODEC.encodedSize(m)).order(ByteOrder.LITTLE_ENDIAN);
        Image.CODEC.encode(m, b);
        return b.flip();
    }

    private Image image(String encoding, int w, int h, int channels, int pad) {
        byte[] data = new byte[(w * channels + pad) * h];
        rnd.nextBytes(data);
        return new Image(new Header(3, new Time(1_700_000_123, 456_000_789), "cam"), h, w, encoding, 0, w * channels + pad, data);
    }

    @Test
    void everyEncodingGivesTheSamePixelsAsTheDecodedPath() {
        ImageFrameReader reader = new ImageFrameReader();
        String[] encodings = {"rgb8", "bgr8", "rgba8", "bgra8", "mono8", "8UC1"};
        int[] channels = {3, 3, 4, 4, 1, 1};
        for (int e = 0; e < encodings.length; e++) {
            for (int pad : new int[] {0, 5}) {
                Image m = image(encodings[e], 7, 5, channels[e], pad);
                RgbFrame got = reader.read(wire(m));
                RgbFrame want = ImageFrames.toFrame(m, 0);
                assertArrayEquals(want.rgb(), got.rgb(), encodings[e] + " pad " + pad);
                assertEquals(1_700_000_123L * 1_000_000_000L + 456_000_789L, reader.stampNanos());
            }
        }
    }

    @Test
    void theFrameIsReusedWhileTheSizeStays() {
        ImageFrameReader reader = new ImageFrameReader();
        RgbFrame first = reader.read(wire(image("rgb8", 8, 4, 3, 0)));
        Image second = image("rgb8", 8, 4, 3, 0);
        assertSame(first, reader.read(wire(second)));
        assertArrayEquals(second.data(), first.rgb(), "the reused frame holds the new pixels");
        assertNotSame(first, reader.read(wire(image("rgb8", 9, 4, 3, 0))));
    }

    @Test
    void unusableImagesAreRefusedAsTheDecodedPathRefusesThem() {
        ImageFrameReader reader = new ImageFrameReader();
        Image[] bad = {
                image("yuv422", 4, 4, 2, 0),
                new Image(Header.of(Time.ZERO, "c"), 4, 4, "rgb8", 0, 12, new byte[40]),   // step × height needs 48
                new Image(Header.of(Time.ZERO, "c"), 4, 4, "rgb8", 0, 10, new byte[48]),   // step shorter than a row
                new Image(Header.of(Time.ZERO, "c"), 0, 4, "rgb8", 0, 12, new byte[0]),
        };
        for (Image m : bad) {
            assertThrows(IllegalArgumentException.class, () -> ImageFrames.toFrame(m, 0), m.encoding());
            assertThrows(IllegalArgumentException.class, () -> reader.read(wire(m)), m.encoding());
        }
        ByteBuffer whole = wire(image("rgb8", 4, 4, 3, 0));
        for (int cut : new int[] {0, 3, 20, whole.limit() - 1}) {
            ByteBuffer truncated = whole.duplicate().order(ByteOrder.LITTLE_ENDIAN).limit(cut);
            assertThrows(IllegalArgumentException.class, () -> reader.read(truncated), "cut at " + cut);
        }
    }
}
