package org.liquidpilot.bench.liquid;

import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Batched inference of the LTC NCP-19 on one thread: B=64 sequences of T=64 steps with per-sample timespans.
 * The score is sample-steps per second (one operation = one sample advanced by one step). Anchor: ncps, measured in
 * the same run by {@code bench/ncps/run} (bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LiquidBatchBench {
    private static final int B = 64, T = 64, F = 32;
    private LiquidModel ltc;
    private double[] x, timespans;

    @Setup
    public void setup() {
        ltc = LiquidModel.random(new LtcConfig(F, new AutoNCP(19, 1)), 1);
        SplittableRandom r = new SplittableRandom(7);
        x = new double[B * T * F];
        timespans = new double[B * T];
        for (int k = 0; k < x.length; k++) x[k] = (float) r.nextGaussian();
        for (int k = 0; k < timespans.length; k++) timespans[k] = (float) (0.05 + 0.1 * r.nextDouble());
    }

    /** With the Vector API module, so {@code run} takes the batch-in-lanes path ({@code LtcVectorBatch}). */
    @Benchmark
    @OperationsPerInvocation(B * T)
    @Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
    public double ltcNcp19B64T64() {
        return ltc.run(x, B, T, timespans, null).out()[B * T - 1];
    }

    /** Without it: one sample after another through the streaming cell, as every JVM started without the module. */
    @Benchmark
    @OperationsPerInvocation(B * T)
    public double ltcNcp19B64T64Scalar() {
        return ltc.run(x, B, T, timespans, null).out()[B * T - 1];
    }
}
