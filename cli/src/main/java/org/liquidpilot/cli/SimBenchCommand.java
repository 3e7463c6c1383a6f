package org.liquidpilot.cli;

import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.run.PrivilegedPolicy;
import org.liquidpilot.sim.render.JmeRenderer;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures closed-loop steps per second with the expert (render + read-back + physics): the median",
                "of several timed blocks, in wall time and per CPU-second of this process (which a busy machine",
                "disturbs less)."})
final class SimBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--scenario", defaultValue = "nominal", description = "scenario file or name (default ${DEFAULT-VALUE})")
    String scenario;
    @Option(names = "--steps", defaultValue = "300", description = "steps per timed block (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--blocks", defaultValue = "5", description = "timed blocks (default ${DEFAULT-VALUE})")
    int blocks;

    @Override
    public Integer call() {
        if (steps < 1 || steps > 1_000_000 || blocks < 1 || blocks > 1000) throw new BadInputException("--steps must be 1..1000000 and --blocks 1..1000");
        // Episodes restart as they end, so world generation is part of the cost, as in a real run.
        Scenario sc = Scenarios.resolve(scenario);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[blocks], cpu = new double[blocks];
        try (JmeRenderer r = SimCommand.renderer(sc, false)) {
            ClosedLoopRunner runner = new ClosedLoopRunner(sc, r);
            PrivilegedPolicy expert = Experts.forScenario(sc);
            int episode = 0;
            ClosedLoopRunner.Episode ep = runner.start(episode++, expert, StepListener.NONE);
            for (int i = 0; i < steps; i++) if (!ep.step()) ep = runner.start(episode++, expert, StepListener.NONE); // warm-up
            for (int b = 0; b < blocks; b++) {
                long w0 = System.nanoTime(), c0 = os.getProcessCpuTime();
                for (int i = 0; i < steps; i++) if (!ep.step()) ep = runner.start(episode++, expert, StepListener.NONE);
                wall[b] = steps / ((System.nanoTime() - w0) / 1e9);
                cpu[b] = steps / ((os.getProcessCpuTime() - c0) / 1e9);
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%s at %dx%d, expert: median %.0f steps/s wall (range %.0f-%.0f), %.0f steps per CPU-second; load average %.1f on %d cores%n",
                sc.name(), sc.camera().width(), sc.camera().height(), wall[blocks / 2], wall[0], wall[blocks - 1], cpu[blocks / 2],
                os.getSystemLoadAverage(), os.getAvailableProcessors());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
