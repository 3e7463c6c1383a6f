package org.liquidpilot.bench.bags;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.BagTime;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.ChunkInfo;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Reading a ~200 MB bag of 320x160 rgb8 Images plus Twists (one of each per frame), generated into /tmp at setup and
 * deleted afterwards. {@code readDeserialize} reports messages/s (read, decompress when lz4, decode with the typed
 * codecs); {@code lz4Decompress} reports uncompressed bytes/s of chunk decompression; {@code openIndex} the time to
 * open a bag and read its index.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@State(Scope.Benchmark)
public class BagReadBench {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 160;
    private static final long TARGET_BYTES = 200L << 20;

    @Param({"none", "lz4"})
    public String compression;

    private Path bag;
    private BagReader reader;
    private long messages;
    private long uncompressedBytes;

    @Setup(Level.Trial)
    public void writeBag() throws IOException {
        bag = writeBag(Compression.of(compression));
        reader = BagReader.open(bag);
        messages = reader.messageCount();
        for (ChunkInfo ci : reader.chunkInfos()) uncompressedBytes += reader.chunkHeader(ci).uncompressedSize();
        System.out.printf("%nbag: %s, %d MB on disk, %d MB uncompressed, %d messages, %d chunks%n", compression,
                Files.size(bag) >> 20, uncompressedBytes >> 20, messages, reader.chunkInfos().size());
    }

    /** Writes the ~200 MB benchmark bag into a new temporary file (the caller deletes it). */
    public static Path writeBag(Compression compression) throws IOException {
        Path bag = Files.createTempFile("lp-bench-" + compression.id() + "-", ".bag");
        Random noise = new Random(5);
        int frames = (int) (TARGET_BYTES / (WIDTH * HEIGHT * 3 + 200));
        try (BagWriter w = BagWriter.create(bag, compression)) {
            for (int f = 0; f < frames; f++) {
                byte[] px = frame(f, noise);
                long t = BagTime.toNanos(1_700_000_000L + f / 15, (f % 15) * 66_666_666L);
                Header h = new Header(f, Time.ofNanos(t), "camera");
                w.write("/camera/image_raw", Image.CODEC, Image.of(h, HEIGHT, WIDTH, "rgb8", 3, px), t + 3_000_000);
                w.write("/cmd_vel", Twist.CODEC, Twist.of(2, Math.sin(f * 0.05)), t + 20_000_000);
            }
        }
        return bag;
    }

    /**
     * A sky, a road that bends with time, and sensor noise on every third pixel, fresh in each frame: lz4 gets
     * these frames to about 60% of their size.
     */
    private static byte[] frame(int f, Random noise) {
        byte[] px = new byte[WIDTH * HEIGHT * 3];
        double bend = 40 * Math.sin(f * 0.03);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = 3 * (y * WIDTH + x);
                int r;
                int g;
                int b;
                if (y < HEIGHT / 3) {
                    r = 120 + y / 2;
                    g = 170 + y / 3;
                    b = 230;
                } else {
                    double centre = WIDTH / 2.0 + bend * (1 - (y - HEIGHT / 3.0) / (HEIGHT * 2 / 3.0));
                    boolean road = Math.abs(x - centre) < 20 + (y - HEIGHT / 3) * 0.8;
                    r = road ? 110 : 40 + ((x + f) % 17);
                    g = road ? 110 : 90 + ((x * 3 + y) % 23);
                    b = road ? 115 : 35;
                }
                boolean noisy = (y * WIDTH + x) % 3 == 0;
                px[i] = (byte) (r + (noisy ? noise.nextInt(12) : 0));
                px[i + 1] = (byte) (g + (noisy ? noise.nextInt(12) : 0));
                px[i + 2] = (byte) (b + (noisy ? noise.nextInt(12) : 0));
            }
        }
        return px;
    }

    @TearDown(Level.Trial)
    public void deleteBag() throws IOException {
        reader.close();
        Files.deleteIfExists(bag);
    }

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counts {
        public long messages;
        public long bytes;
    }

    /** Every message read and decoded into its record (Image with its pixel array, Twist). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void readDeserialize(Counts counts, Blackhole bh) {
        for (BagMessage m : reader.messages(BagQuery.all())) {
            bh.consume(m.topic().length() == 17 ? m.decode(Image.CODEC) : m.decode(Twist.CODEC));
            counts.messages++;
        }
    }

    /** Every chunk decompressed (for "none", mapped): uncompressed bytes/s. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void lz4Decompress(Counts counts, Blackhole bh) {
        for (ChunkInfo ci : reader.chunkInfos()) {
            bh.consume(reader.chunkData(reader.chunkHeader(ci)));
        }
        counts.bytes += uncompressedBytes;
    }

    /** Open the bag and read its index (connections and chunk infos), then close it. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long openIndex() throws IOException {
        try (BagReader r = BagReader.open(bag)) {
            return r.messageCount();
        }
    }
}
