package org.liquidpilot.bench.train;

import org.liquidpilot.liquid.LtcConfig;

import org.liquidpilot.liquid.wiring.Wiring;

import org.liquidpilot.liquid.wiring.AutoNCP;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The same B32×T64 training iteration as {@link TrainIterationBench}, on one thread, scored in sequences per CPU
 * second of that thread. On a machine shared with other jobs, wall-clock throughput mostly measures the load;
 * CPU time measures the kernels. Prints the median of {@code rounds} rounds after warm-up.
 * Run: {@code java -cp bench/<target>/classes:$(cat bench/<target>/bench.classpath) org.liquidpilot.bench.train.TrainCpuTime}
 */
public final class TrainCpuTime {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7, b = 32, t = 64, f = 32;
        Wiring w = new AutoNCP(19, 1).build(f);
        for (String kind : List.of("ltc", "cfc")) {
            TrainableModel net = kind.equals("ltc") ? LtcModel.initialised(new LtcConfig(w.inputDim(), w.spec()), w, 1) : CfcModel.wired(w, "default").initialise(1);
            Random r = new Random(7);
            List<Window> batch = new ArrayList<>();
            for (int s = 0; s < b; s++) {
                double[] x = new double[t * f], y = new double[t], dt = new double[t];
                for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
                for (int i = 0; i < t; i++) {
                    y[i] = Math.sin(0.1 * i + s);
                    dt[i] = 0.05 + 2.45 * r.nextDouble();
                }
                batch.add(new Window(new Sequence("s" + s, t, f, 1, x, y, dt), 0, t));
            }
            double[] grad = new double[net.params().size()];
            Adam adam = Adam.pytorchDefaults(grad.length, 0);
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            double[] scores = new double[rounds];
            try (BatchEngine engine = new BatchEngine(net, t, 1, 1)) {
                for (int round = -3; round < rounds; round++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < 20; i++) {
                        engine.run(batch, 0, Loss.mse(), grad);
                        adam.step(net.params().values(), grad, 1e-4);
                    }
                    double s = 20.0 * b / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
                    if (round >= 0) scores[round] = s;
                }
            }
            Arrays.sort(scores);
            System.out.printf(Locale.ROOT, "%s-ncp19 B32xT64 F32: median %.0f sequences per CPU-second of one thread (min %.0f, max %.0f)%n",
                    kind, scores[rounds / 2], scores[0], scores[rounds - 1]);
        }
    }
}
