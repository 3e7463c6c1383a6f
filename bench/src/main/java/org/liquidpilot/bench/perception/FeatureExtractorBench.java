package org.liquidpilot.bench.perception;

import org.bytedeco.opencv.global.opencv_core;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.RgbFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Features per frame with the default 32-feature pipeline, on one core (OpenCV's thread pool set to one thread).
 * Targets: 160x80 at most 0.5 ms, 320x160 at most 1.5 ms. Frames alternate so motion features do real work.
 * Sample mode, so JMH reports the median (p0.50). On a busy machine wall time overstates the work, so
 * {@link #main} also prints the median thread CPU time per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FeatureExtractorBench {
    @Param({"160x80", "320x160"})
    public String size;

    private FeatureExtractor extractor;
    private RgbFrame[] frames;
    private float[] out;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        opencv_core.setNumThreads(1);
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
        frames = new RgbFrame[8];
        for (int i = 0; i < frames.length; i++) frames[i] = road(w, h, 0.8 * Math.sin(i * 0.7), i);
        extractor = new FeatureExtractor(FeatureConfig.defaults());
        out = new float[extractor.featureCount()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        extractor.close();
    }

    @Benchmark
    public float[] extract() {
        extractor.extract(frames[next++ & 7], out);
        return out;
    }

    /** Median thread CPU time per frame for each size: {@code java -cp ... FeatureExtractorBench}. */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String s : new String[] {"160x80", "320x160"}) {
            FeatureExtractorBench b = new FeatureExtractorBench();
            b.size = s;
            b.setUp();
            for (int i = 0; i < 20_000; i++) b.extract();
            long[] t = new long[31];
            for (int k = 0; k < t.length; k++) {
                long start = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 500; i++) b.extract();
                t[k] = (mx.getCurrentThreadCpuTime() - start) / 500;
            }
            java.util.Arrays.sort(t);
            System.out.printf("%-8s median CPU time per frame %.1f us (min %.1f, max %.1f)%n", s, t[15] / 1e3, t[0] / 1e3, t[30] / 1e3);
            b.tearDown();
        }
    }

    /** A sky, grass and a grey road bending by {@code curvature}, with sensor noise. */
    static RgbFrame road(int w, int h, double curvature, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * 3];
        int horizon = (int) (h * 0.375);
        for (int y = 0; y < h; y++) {
            double d = y < horizon ? 1 : (h - 1.0 - y) / (h - 1.0 - horizon);
            double cx = w / 2.0 - curvature * w / 4 * d * d, half = w * 0.2 * (1 - d) + 2;
            for (int x = 0; x < w; x++) {
                int[] c = y < horizon ? new int[] {150, 190, 235} : Math.abs(x - cx) < half ? new int[] {110, 110, 115} : new int[] {40, 110, 40};
                for (int k = 0; k < 3; k++) px[(y * w + x) * 3 + k] = (byte) Math.min(255, c[k] + r.nextInt(12));
            }
        }
        return new RgbFrame(w, h, px, seed / 15.0);
    }
}
