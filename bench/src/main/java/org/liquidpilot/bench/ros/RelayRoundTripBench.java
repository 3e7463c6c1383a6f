package org.liquidpilot.bench.ros;

import org.liquidpilot.ros.tools.RelayBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Image 160×80 rgb8 -> relay node -> Twist back, between two of our nodes over loopback TCPROS, one frame in flight
 * at a time. SampleTime mode reports the p50/p99 of the round trip; {@code ros bench} covers paced rates (30 and
 * 200 Hz) and the loss-free maximum.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RelayRoundTripBench {
    private RelayBenchmark relay;

    @Setup(Level.Trial)
    public void start() throws Exception {
        relay = RelayBenchmark.start();
        relay.warmUp(Duration.ofSeconds(1));
    }

    @Benchmark
    public long imageToTwistRoundTrip() {
        long ns = relay.roundTrip();
        if (ns < 0) throw new IllegalStateException("the relay stopped answering");
        return ns;
    }

    @TearDown(Level.Trial)
    public void stop() {
        relay.close();
    }
}
