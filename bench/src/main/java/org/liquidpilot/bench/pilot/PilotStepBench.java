package org.liquidpilot.bench.pilot;

import org.liquidpilot.perception.SyntheticRoad;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.FeatureStats;
import org.liquidpilot.pilot.PerceptionFeatures;
import org.liquidpilot.pilot.Pilot;
import org.liquidpilot.pilot.PilotConfig;
import org.liquidpilot.pilot.Policy;
import org.liquidpilot.pilot.UntrainedNcp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The controller's per-step cost inside the node, split: perception alone (160x80 frame → features), the 19-neuron
 * NCP step alone, and the whole {@link Pilot#onFrame} (perception + z-scores + NCP + failsafe + command limits).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PilotStepBench {
    private final RgbFrame[] frames = new RgbFrame[16];
    private PerceptionFeatures perception;
    private Pilot pilot;
    private Policy ncp;
    private float[] features;
    private float[] z;
    private int i;
    private double stamp;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(1);
        for (int k = 0; k < frames.length; k++) frames[k] = SyntheticRoad.road(160, 80, Math.sin(k * 0.9) * 0.4, 0, rnd);
        perception = new PerceptionFeatures(FeatureConfig.defaults());
        features = new float[perception.featureCount()];
        List<float[]> cal = new ArrayList<>();
        for (RgbFrame f : frames) {
            float[] x = new float[features.length];
            perception.extract(f, x);
            cal.add(x);
        }
        FeatureStats stats = FeatureStats.fit(cal.subList(1, cal.size()));
        PerceptionFeatures pilotPerception = new PerceptionFeatures(FeatureConfig.defaults());
        pilot = new Pilot(PilotConfig.defaults(), pilotPerception, stats, UntrainedNcp.create(features.length, 1));
        ncp = UntrainedNcp.create(features.length, 2);
        z = new float[features.length];
        stats.zScores(cal.get(3), z);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        perception.close();
        pilot.close();
    }

    private RgbFrame next() {
        RgbFrame f = frames[i++ & 15];
        stamp += 1 / 30.0;
        return new RgbFrame(f.width(), f.height(), f.rgb(), stamp);
    }

    @Benchmark
    public float perceptionOnly() {
        perception.extract(frames[i++ & 15], features);
        return features[0];
    }

    @Benchmark
    public double ncpStepOnly() {
        return ncp.step(z, 1 / 30.0);
    }

    @Benchmark
    public double pilotOnFrame() {
        pilot.onFrame(next(), System.nanoTime());
        return pilot.yawRate();
    }
}
