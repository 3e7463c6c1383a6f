package org.liquidpilot.bench.liquid;

import org.liquidpilot.liquid.CfcConfig;
import org.liquidpilot.liquid.CfcMode;
import org.liquidpilot.liquid.LiquidModel;
import org.liquidpilot.liquid.LiquidStream;
import org.liquidpilot.liquid.LtcConfig;
import org.liquidpilot.liquid.wiring.AutoNCP;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One control-loop step of the paper's 19-neuron NCP (AutoNCP(19, 1), 32 sensory inputs, 11 inter, 7 command,
 * 1 motor): LTC with 6 ODE unfolds, and the wired CfC. Inputs cycle through 64 random frames so nothing folds away.
 * Anchor: ncps, measured in the same run by {@code bench/ncps/run} (bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LiquidStepBench {
    private LiquidStream ltc, cfc;
    private float[][] frames;
    private int i;

    @Setup
    public void setup() {
        ltc = LiquidModel.random(new LtcConfig(32, new AutoNCP(19, 1)), 1).newStream();
        cfc = LiquidModel.random(CfcConfig.wired(32, new AutoNCP(19, 1), CfcMode.DEFAULT), 1).newStream();
        SplittableRandom r = new SplittableRandom(7);
        frames = new float[64][32];
        for (float[] f : frames) for (int k = 0; k < f.length; k++) f[k] = (float) r.nextGaussian();
    }

    @Benchmark
    public float ltcNcp19Step() {
        return ltc.step(frames[i++ & 63], 0.05f)[0];
    }

    @Benchmark
    public float cfcNcp19Step() {
        return cfc.step(frames[i++ & 63], 0.05f)[0];
    }
}
