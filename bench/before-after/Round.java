// Not part of the Maven build: bench/before-after/run compiles this against each of the two builds it compares.
import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.liquidpilot.liquid.wiring.Wiring;
import org.liquidpilot.train.Adam;
import org.liquidpilot.train.BatchEngine;
import org.liquidpilot.train.CfcModel;
import org.liquidpilot.train.Loss;
import org.liquidpilot.train.LtcModel;
import org.liquidpilot.train.Sequence;
import org.liquidpilot.train.TrainableModel;
import org.liquidpilot.train.Window;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One round of each of the liquid core's benchmarks (the same work as LiquidStepBench, LiquidBatchBench and
 * TrainCpuTime), scored in thread CPU time: 0 LTC step µs, 1 CfC step µs, 2 LTC B64×T64 sample-steps/s,
 * 3 LTC training and 4 CfC training B32×T64 sequences/s.
 */
public class Round {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static LiquidStream ltc, cfc;
    private static LiquidModel batch;
    private static float[][] frames;
    private static double[] x, timespans;
    private static final TrainableModel[] nets = new TrainableModel[2];
    private static final BatchEngine[] engines = new BatchEngine[2];
    private static final double[][] grads = new double[2][];
    private static final Adam[] adams = new Adam[2];
    private static List<Window> windows;

    public static void setup() {
        ltc = LiquidModel.random(new LtcConfig(32, new AutoNCP(19, 1)), 1).newStream();
        cfc = LiquidModel.random(CfcConfig.wired(32, new AutoNCP(19, 1), CfcMode.DEFAULT), 1).newStream();
        batch = LiquidModel.random(new LtcConfig(32, new AutoNCP(19, 1)), 1);
        SplittableRandom r = new SplittableRandom(7);
        frames = new float[64][32];
        for (float[] f : frames) for (int k = 0; k < f.length; k++) f[k] = (float) r.nextGaussian();
        x = new double[64 * 64 * 32];
        timespans = new double[64 * 64];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        for (int k = 0; k < timespans.length; k++) timespans[k] = (float) (0.05 + 0.1 * r.nextDouble());
        int b = 32, t = 64, f = 32;
        Wiring w = new AutoNCP(19, 1).build(f);
        nets[0] = LtcModel.initialised(new LtcConfig(w.inputDim(), w.spec()), w, 1);
        nets[1] = CfcModel.wired(w, "default").initialise(1);
        java.util.Random rr = new java.util.Random(7);
        windows = new ArrayList<>();
        for (int s = 0; s < b; s++) {
            double[] xs = new double[t * f], y = new double[t], dt = new double[t];
            for (int i = 0; i < xs.length; i++) xs[i] = rr.nextGaussian();
            for (int i = 0; i < t; i++) {
                y[i] = Math.sin(0.1 * i + s);
                dt[i] = 0.05 + 2.45 * rr.nextDouble();
            }
            windows.add(new Window(new Sequence("s" + s, t, f, 1, xs, y, dt), 0, t));
        }
        for (int i = 0; i < 2; i++) {
            grads[i] = new double[nets[i].params().size()];
            adams[i] = Adam.pytorchDefaults(grads[i].length, 0);
            engines[i] = new BatchEngine(nets[i], t, 1, 1);
        }
    }

    public static double run(int which) {
        long c0 = CPU.getCurrentThreadCpuTime();
        double sink = 0;
        switch (which) {
            case 0 -> { for (int i = 0; i < 100_000; i++) sink += ltc.step(frames[i & 63], 0.05f)[0]; }
            case 1 -> { for (int i = 0; i < 100_000; i++) sink += cfc.step(frames[i & 63], 0.05f)[0]; }
            case 2 -> { for (int i = 0; i < 5; i++) sink += batch.run(x, 64, 64, timespans, null).out()[0]; }
            default -> {
                int m = which - 3;
                for (int i = 0; i < 10; i++) {
                    engines[m].run(windows, 0, Loss.mse(), grads[m]);
                    adams[m].step(nets[m].params().values(), grads[m], 1e-4);
                }
            }
        }
        double s = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        if (sink == Double.MIN_VALUE) System.out.print(""); // keeps the results live
        return switch (which) {
            case 0, 1 -> s / 100_000 * 1e6;
            case 2 -> 5.0 * 64 * 64 / s;
            default -> 10.0 * 32 / s;
        };
    }
}
