package org.liquidpilot.bench.sim;

import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
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

import java.util.concurrent.TimeUnit;

/**
 * Closed-loop simulator steps per second with the expert at 160x80: one operation renders the camera frame
 * (off-screen, OSMesa's llvmpipe without a GPU), reads it back, asks the expert, integrates the physics and scores
 * the step. {@code physicsOnly} runs the same loop on blank frames, to show what rendering costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ClosedLoopStepBench {
    @Param({"nominal", "storm", "trail-nominal"})
    public String scenario;

    private FrameSource frames;
    private ClosedLoopRunner runner;
    private ClosedLoopRunner blankRunner;
    private ClosedLoopRunner.Episode episode, blankEpisode;
    private PurePursuitExpert expert, blankExpert;
    private int episodes;

    @Setup(Level.Trial)
    public void setUp() {
        // Episodes restart as they end (every 60 s simulated), so world generation is in the cost, as in a real run.
        Scenario sc = Scenarios.resolve(scenario);
        frames = JmeRenderer.open(sc.camera().width(), sc.camera().height(), false);
        runner = new ClosedLoopRunner(sc, frames);
        blankRunner = new ClosedLoopRunner(sc, FrameSource.blank(sc.camera().width(), sc.camera().height()));
        expert = new PurePursuitExpert(sc.isQuad(), sc.speedMps());
        blankExpert = new PurePursuitExpert(sc.isQuad(), sc.speedMps());
        episode = runner.start(episodes++, expert, StepListener.NONE);
        blankEpisode = blankRunner.start(0, blankExpert, StepListener.NONE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frames.close();
    }

    @Benchmark
    public double renderedStep() {
        if (!episode.step()) episode = runner.start(episodes++, expert, StepListener.NONE);
        return episode.time();
    }

    @Benchmark
    public double physicsOnlyStep() {
        if (!blankEpisode.step()) blankEpisode = blankRunner.start(0, blankExpert, StepListener.NONE);
        return blankEpisode.time();
    }
}
