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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One training iteration, forward + backward + Adam, on a batch of 32 sequences of 64 steps with 32 inputs, for
 * LTC-NCP19 and CfC-NCP19 (AutoNCP(19, 1), ncps defaults), data-parallel on {@code threads} threads. Scores are
 * sequences per second (32 operations per invocation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// With the Vector API module, as ./liquidpilot train starts the trainer, so a shard's windows run in SIMD lanes.
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
public class TrainIterationBench {
    static final int B = 32, T = 64, F = 32;

    @Param({"ltc", "cfc"})
    public String model;

    @Param({"1", "2"})
    public int threads;

    private TrainableModel net;
    private BatchEngine engine;
    private Adam adam;
    private List<Window> batch;
    private double[] grad;
    private final Loss loss = Loss.mse();

    @Setup(Level.Trial)
    public void setUp() {
        Wiring w = new AutoNCP(19, 1).build(F);
        net = model.equals("ltc") ? LtcModel.initialised(new LtcConfig(w.inputDim(), w.spec()), w, 1) : CfcModel.wired(w, "default").initialise(1);
        Random r = new Random(7);
        batch = new ArrayList<>();
        for (int b = 0; b < B; b++) {
            double[] x = new double[T * F], y = new double[T], dt = new double[T];
            for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian();
            for (int i = 0; i < T; i++) {
                y[i] = Math.sin(0.1 * i + b);
                dt[i] = 0.05 + 2.45 * r.nextDouble();
            }
            batch.add(new Window(new Sequence("s" + b, T, F, 1, x, y, dt), 0, T));
        }
        engine = new BatchEngine(net, T, threads, Math.max(2, threads));
        adam = Adam.pytorchDefaults(net.params().size(), 0);
        grad = new double[net.params().size()];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    @OperationsPerInvocation(B)
    public double iteration() {
        double l = engine.run(batch, 0, loss, grad);
        adam.step(net.params().values(), grad, 1e-4);
        net.afterUpdate();
        return l;
    }
}
