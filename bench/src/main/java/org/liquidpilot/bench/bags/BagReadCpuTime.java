package org.liquidpilot.bench.bags;

import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.ChunkInfo;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.sensor_msgs.Image;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The {@link BagReadBench} measurements timed by the reading thread's CPU time as well as by the wall clock. On a
 * machine shared with other jobs the wall clock mostly measures the wait for a core; CPU time does not (it still
 * suffers from shared caches and memory bandwidth). Prints medians of {@code passes} passes:
 * {@code java -cp bench/<target>/classes:$(cat bench/<target>/bench.classpath) org.liquidpilot.bench.bags.BagReadCpuTime [passes]}
 */
public final class BagReadCpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        for (Compression c : new Compression[] {Compression.NONE, Compression.LZ4}) {
            Path bag = BagReadBench.writeBag(c);
            try (BagReader r = BagReader.open(bag)) {
                long bytes = 0;
                for (ChunkInfo ci : r.chunkInfos()) bytes += r.chunkHeader(ci).uncompressedSize();
                double[][] read = new double[2][passes];
                double[][] chunks = new double[2][passes];
                double[][] open = new double[2][passes];
                long sink = 0;
                for (int k = 0; k < passes; k++) {
                    long c0 = cpu();
                    long w0 = System.nanoTime();
                    long n = 0;
                    for (BagMessage m : r.messages(BagQuery.all())) {
                        Object o = m.topic().length() == 17 ? m.decode(Image.CODEC) : m.decode(Twist.CODEC);
                        sink += o == null ? 0 : 1;
                        n++;
                    }
                    long c1 = cpu();
                    long w1 = System.nanoTime();
                    for (ChunkInfo ci : r.chunkInfos()) sink += r.chunkData(r.chunkHeader(ci)).remaining();
                    long c2 = cpu();
                    long w2 = System.nanoTime();
                    try (BagReader q = BagReader.open(bag)) {
                        sink += q.messageCount();
                    }
                    long c3 = cpu();
                    long w3 = System.nanoTime();
                    read[0][k] = n / ((c1 - c0) / 1e9);
                    read[1][k] = n / ((w1 - w0) / 1e9);
                    chunks[0][k] = bytes / ((c2 - c1) / 1e9) / 1e9;
                    chunks[1][k] = bytes / ((w2 - w1) / 1e9) / 1e9;
                    open[0][k] = (c3 - c2) / 1e6;
                    open[1][k] = (w3 - w2) / 1e6;
                }
                System.out.printf(Locale.ROOT, "%s: %d MB on disk, %d messages; medians of %d passes (cpu / wall)%n", c.id(),
                        Files.size(bag) >> 20, r.messageCount(), passes);
                System.out.printf(Locale.ROOT, "  read+deserialize   %8.0f / %8.0f msgs/s%n", median(read[0]), median(read[1]));
                if (c != Compression.NONE) {
                    System.out.printf(Locale.ROOT, "  %s decompression  %8.2f / %8.2f GB/s (uncompressed bytes)%n", c.id(), median(chunks[0]), median(chunks[1]));
                }
                System.out.printf(Locale.ROOT, "  open+index         %8.3f / %8.3f ms   (%d)%n", median(open[0]), median(open[1]), sink & 1);
            } finally {
                Files.deleteIfExists(bag);
            }
        }
    }

    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
