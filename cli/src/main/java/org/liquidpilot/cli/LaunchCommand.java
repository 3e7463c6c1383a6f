package org.liquidpilot.cli;

import org.liquidpilot.launch.LaunchLoader;
import org.liquidpilot.launch.LaunchPlan;
import org.liquidpilot.launch.LaunchRunner;
import org.liquidpilot.launch.NodeRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

@Command(name = "launch", mixinStandardHelpOptions = true,
        description = {"Runs a roslaunch XML file in this JVM: node, param, rosparam, arg, remap, include, group, env,",
                "respawn and required, with $(arg) $(find) $(env) $(optenv) $(anon) $(dirname) $(eval).",
                "Starts an embedded master when none answers at ROS_MASTER_URI. Ctrl-C stops every node."},
        footer = {"", "Example: launch launch/sim_pilot.launch scenario:=fog"})
public final class LaunchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.launch", description = "the launch file")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARG:=VALUE", description = "launch arguments")
    List<String> args = List.of();

    @Option(names = "--dry-run", description = "print the evaluated parameters and nodes; start and run nothing (a <param command=...> shows the command)")
    boolean dryRun;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: until Ctrl-C or a required node ends)")
    Double duration;

    @Override
    public Integer call() throws Exception {
        Map<String, String> argMap = parseArgs(args);
        if (!Files.exists(file)) throw new BadInputException("no such launch file: " + file);
        PrintStream out = System.out;
        if (dryRun) {
            // Executes nothing: a <param command=...> is shown as the command it would run.
            out.print(LaunchLoader.dryRun(file, argMap).summary());
            return 0;
        }
        LaunchPlan plan = LaunchLoader.load(file, argMap);
        if (duration != null && !(duration > 0)) throw new BadInputException("--duration must be positive");
        URI master = masterUri();
        try (LaunchRunner runner = new LaunchRunner(plan, NodeRegistry.standard(), out)) {
            Thread hook = new Thread(runner::close, "launch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runner.start(master);
            out.println("launched " + plan.nodes().size() + " node(s) from " + file + " on " + runner.masterUri());
            String why = duration == null ? runner.awaitEnd(Long.MAX_VALUE, TimeUnit.DAYS)
                    : runner.awaitEnd(Math.round(duration * 1000), TimeUnit.MILLISECONDS);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is already closing everything
            }
            if (why != null && why.startsWith("required")) {
                System.err.println("launch: " + why);
                return 1;
            }
            return 0;
        }
    }

    static Map<String, String> parseArgs(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int sep = a.indexOf(":=");
            if (sep <= 0) throw new BadInputException("launch arguments look like name:=value, got '" + a + "'");
            out.put(a.substring(0, sep), a.substring(sep + 2));
        }
        return out;
    }

    static URI masterUri() {
        String env = System.getenv("ROS_MASTER_URI");
        try {
            return env == null || env.isBlank() ? URI.create("http://localhost:11311/") : URI.create(env.trim());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad ROS_MASTER_URI: " + env);
        }
    }
}
