package org.liquidpilot.perception;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    static final FlightFixture FLIGHT = FlightFixture.load();

    @Test
    void rgb8WithoutPaddingIsCopiedAsIs() {
        RgbFrame f = FLIGHT.frames().get(3);
        RgbFrame d = ImageDecoder.decodeRaw(160, 80, "rgb8", 480, f.rgb(), 12.5);
        assertArrayEquals(f.rgb(), d.rgb());
        assertEquals(12.5, d.stampSeconds());
    }

    @Test
    void bgr8AndPaddedRowsDecodeToTheSameFrame() {
        RgbFrame f = FLIGHT.frames().get(3);
        int step = 160 * 3 + 7;
        byte[] bgr = new byte[step * 80];
        Arrays.fill(bgr, (byte) 0x5a);               // padding garbage must be ignored
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 160; x++) {
                int s = (y * 160 + x) * 3, o = y * step + x * 3;
                bgr[o] = f.rgb()[s + 2];
                bgr[o + 1] = f.rgb()[s + 1];
                bgr[o + 2] = f.rgb()[s];
            }
        }
        assertArrayEquals(f.rgb(), ImageDecoder.decodeRaw(160, 80, "bgr8", step, bgr, 0).rgb());
        // The last row's padding may be missing.
        assertArrayEquals(f.rgb(), ImageDecoder.decodeRaw(160, 80, "bgr8", step, Arrays.copyOf(bgr, step * 79 + 480), 0).rgb());
    }

    @Test
    void mono8AndFourChannelEncodings() {
        byte[] mono = {10, 20, 30, 0, 40, 50, 60, 0};      // 3x2 with one byte of padding a row
        RgbFrame m = ImageDecoder.decodeRaw(3, 2, "mono8", 4, mono, 0);
        assertArrayEquals(new byte[] {10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40, 50, 50, 50, 60, 60, 60}, m.rgb());
        byte[] bgra = {1, 2, 3, 9, 4, 5, 6, 9};
        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4}, ImageDecoder.decodeRaw(2, 1, "bgra8", 8, bgra, 0).rgb());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, ImageDecoder.decodeRaw(2, 1, "rgba8", 8, bgra, 0).rgb());
    }

    @Test
    void jpegFromTheBagDecodesCloseToTheRawFrame() {
        for (int i : new int[] {0, 30}) {
            RgbFrame j = ImageDecoder.decodeCompressed("rgb8; jpeg compressed bgr8", FlightFixture.jpeg(i), 1);
            RgbFrame raw = FLIGHT.frames().get(i);
            assertEquals(160, j.width());
            assertEquals(80, j.height());
            double err = 0;
            for (int k = 0; k < raw.rgb().length; k++) err += Math.abs((raw.rgb()[k] & 0xff) - (j.rgb()[k] & 0xff));
            assertTrue(err / raw.rgb().length < 8, "mean abs JPEG error " + err / raw.rgb().length);
        }
    }

    @Test
    void pngRoundTripIsExact() {
        RgbFrame f = FLIGHT.frames().get(7);
        byte[] png = ImageEncoder.png(f);
        assertArrayEquals(f.rgb(), ImageDecoder.decodeCompressed("png", png, 0).rgb());
        assertArrayEquals(f.rgb(), ImageDecoder.decodeCompressed("", png, 0).rgb());   // format empty: sniffed
    }

    @Test
    void badRawInputGivesAOneLineReason() {
        byte[] d = new byte[480 * 80];
        String[][] cases = {};
        assertBad(() -> ImageDecoder.decodeRaw(160, 80, "yuv422", 480, d, 0), "unsupported image encoding");
        assertBad(() -> ImageDecoder.decodeRaw(160, 80, null, 480, d, 0), "encoding is missing");
        assertBad(() -> ImageDecoder.decodeRaw(160, 80, "rgb8", 479, d, 0), "step");
        assertBad(() -> ImageDecoder.decodeRaw(160, 81, "rgb8", 480, d, 0), "needs");
        assertBad(() -> ImageDecoder.decodeRaw(0, 80, "rgb8", 480, d, 0), "not positive");
        assertBad(() -> ImageDecoder.decodeRaw(-5, 80, "rgb8", 480, d, 0), "not positive");
        assertBad(() -> ImageDecoder.decodeRaw(100000, 100000, "rgb8", 300000, d, 0), "larger than");
        assertBad(() -> ImageDecoder.decodeRaw(160, 80, "rgb8", -1, d, 0), "step");
        assertBad(() -> ImageDecoder.decodeRaw(160, 80, "rgb8", 480, null, 0), "missing");
        assertBad(() -> ImageDecoder.decodeRaw(8000, 8000, "rgb8", Integer.MAX_VALUE, d, 0), "larger than");
        assertEquals(0, cases.length);
    }

    @Test
    void badCompressedInputGivesAOneLineReason() {
        byte[] jpeg = FlightFixture.jpeg(0);
        assertBad(() -> ImageDecoder.decodeCompressed("jpeg", new byte[0], 0), "no data");
        assertBad(() -> ImageDecoder.decodeCompressed("jpeg", null, 0), "no data");
        assertBad(() -> ImageDecoder.decodeCompressed("jpeg", "hello world".getBytes(), 0), "neither JPEG nor PNG");
        assertBad(() -> ImageDecoder.decodeCompressed("jpeg", Arrays.copyOf(jpeg, jpeg.length / 2), 0), "truncated");
        assertBad(() -> ImageDecoder.decodeCompressed("png", jpeg, 0), "does not match");
        assertBad(() -> ImageDecoder.decodeCompressed("16UC1; compressedDepth png", jpeg, 0), "depth");
        byte[] png = ImageEncoder.png(FLIGHT.frames().get(0));
        assertBad(() -> ImageDecoder.decodeCompressed("png", Arrays.copyOf(png, png.length - 20), 0), "truncated");
        // A header claiming 60000x60000 is refused before anything is allocated.
        byte[] huge = jpeg.clone();
        int sof = sofOffset(huge);
        huge[sof + 5] = (byte) 0xea; huge[sof + 6] = 0x60; huge[sof + 7] = (byte) 0xea; huge[sof + 8] = 0x60;
        assertBad(() -> ImageDecoder.decodeCompressed("jpeg", huge, 0), "larger than");
        byte[] hugePng = png.clone();
        hugePng[16] = 0x7f;
        assertBad(() -> ImageDecoder.decodeCompressed("png", hugePng, 0), "larger than");
        // Scrambled entropy data with intact markers: the codec itself must fail or decode, never crash.
        byte[] scrambled = jpeg.clone();
        for (int k = jpeg.length / 3; k < jpeg.length - 2; k++) scrambled[k] = (byte) 0xff;
        scrambled[jpeg.length - 2] = (byte) 0xff;
        scrambled[jpeg.length - 1] = (byte) 0xd9;
        decodeOrReject(scrambled);
    }

    @Property(tries = 200)
    void corruptedJpegsNeverCrash(@ForAll @IntRange(min = 0, max = 2482) int position, @ForAll @IntRange(min = 1, max = 64) int length,
                                  @ForAll byte value, @ForAll boolean truncate) {
        byte[] d = FlightFixture.jpeg(position % 2 == 0 ? 0 : 30);
        int p = Math.min(position, d.length - 1);
        if (truncate) d = Arrays.copyOf(d, p + 1);
        else for (int k = p; k < Math.min(d.length, p + length); k++) d[k] = (byte) (d[k] ^ value);
        decodeOrReject(d);
    }

    @Property(tries = 100)
    void corruptedPngsNeverCrash(@ForAll @IntRange(min = 0, max = 40000) int position, @ForAll byte value) {
        byte[] d = PNG.clone();
        int p = position % d.length;
        d[p] ^= (byte) (value == 0 ? 1 : value);
        decodeOrReject(d);
    }

    @Property(tries = 300)
    void randomBytesNeverCrash(@ForAll("blobs") byte[] data, @ForAll boolean asJpeg) {
        if (asJpeg && data.length > 3) {
            data[0] = (byte) 0xff;
            data[1] = (byte) 0xd8;
            data[2] = (byte) 0xff;
        }
        decodeOrReject(data);
    }

    @Property(tries = 300)
    void randomRawHeadersNeverCrash(@ForAll @IntRange(min = -10, max = 5000) int w, @ForAll @IntRange(min = -10, max = 5000) int h,
                                    @ForAll("encodings") String enc, @ForAll int step, @ForAll @Size(max = 3000) byte[] data) {
        try {
            RgbFrame f = ImageDecoder.decodeRaw(w, h, enc, step, data, 0);
            assertEquals((long) w * h * 3, f.rgb().length);
        } catch (ImageFormatException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<byte[]> blobs() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4000);
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.of("rgb8", "bgr8", "mono8", "rgba8", "bgra8", "mono16", "", "RGB8", "8UC3", "bayer_rggb8");
    }

    static final byte[] PNG = ImageEncoder.png(FLIGHT.frames().get(5));

    private static void decodeOrReject(byte[] d) {
        try {
            RgbFrame f = ImageDecoder.decodeCompressed("", d, 0);
            assertEquals((long) f.width() * f.height() * 3, f.rgb().length);
        } catch (ImageFormatException expected) {
            assertTrue(!expected.getMessage().isBlank() && !expected.getMessage().contains("\n"));
        }
    }

    private static void assertBad(org.junit.jupiter.api.function.Executable e, String fragment) {
        ImageFormatException x = assertThrows(ImageFormatException.class, e);
        assertTrue(x.getMessage().contains(fragment), x.getMessage());
        assertTrue(!x.getMessage().contains("\n"), x.getMessage());
    }

    private static int sofOffset(byte[] d) {
        for (int p = 2; p + 1 < d.length; p++) {
            if ((d[p] & 0xff) == 0xff && (d[p + 1] & 0xff) == 0xc0) return p;
        }
        throw new IllegalStateException("no SOF0");
    }
}
