package org.liquidpilot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.function.Supplier;

/**
 * The one entry point of {@code ./liquidpilot}. Each command group lives in its own class in this package.
 */
@Command(name = "liquidpilot",
        mixinStandardHelpOptions = true,
        version = "liquidpilot 0.1.0",
        description = "Drone and car autopilot on liquid neural networks (LTC/CfC Neural Circuit Policies) with a pure-Java ROS1 runtime.",
        footer = {"", "Exit codes: 0 ok, 1 the job failed, 2 bad usage or bad input."})
public final class LiquidPilotCli implements Runnable {

    /** Command groups in the order --help lists them. */
    private static List<Supplier<Object>> groups() {
        return List.of(DemoCommand::new, TestCommand::new, ModelCommand::new, TrainCommand::new, RosCommand::new,
                Ros2Command::new, NodeCommand::new, LaunchCommand::new, BagCommand::new, PerceptionCommand::new, ReplayCommand::new,
                SimCommand::new, ReportCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LiquidPilotCli());
        for (Supplier<Object> group : groups()) cl.addSubcommand(new CommandLine(group.get()));
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(new CliErrors());
        return cl;
    }

    public static void main(String[] args) {
        // A pilot or perception node needs OpenCV's natives, about a second to load: start at once, so the load
        // overlaps parsing the command line, registering with the master and reading the model.
        if (args.length >= 2 && args[0].equals("node") && (args[1].equals("pilot") || args[1].equals("perception"))
                || args.length >= 3 && args[0].equals("ros2") && args[1].equals("node") && (args[2].equals("pilot") || args[2].equals("perception"))) {
            org.liquidpilot.perception.OpenCvWarmUp.start();
        }
        // One line per log record (time, level, message), not java.util.logging's two: logs are read line by line.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %5$s%6$s%n");
        }
        System.exit(commandLine().execute(args));
    }
}
