package org.liquidpilot.cli;

import org.liquidpilot.launch.NodeRegistry;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.tools.RelayBenchmark;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.Ros2Args;
import org.liquidpilot.ros2.node.Ros2Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ros2 node ...}, {@code ros2 topic ...}, {@code ros2 bench}: the same nodes and tools on ROS 2 (DDS). */
@Command(name = "ros2", mixinStandardHelpOptions = true,
        description = {"ROS 2 over Fast-DDS: the project's nodes, ros2 topic's tools and a latency benchmark.",
                "Loopback only unless LIQUIDPILOT_DDS_NETWORK=host; ROS_DOMAIN_ID picks the domain.",
                "Discovery needs multicast on lo: 'ip link set lo multicast on' (as root)."},
        subcommands = {Ros2Command.Node.class, Ros2TopicCommand.class, Ros2Command.Bench.class})
public final class Ros2Command implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static DdsSettings settings() {
        try {
            return DdsSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    @Command(name = "node", mixinStandardHelpOptions = true,
            customSynopsis = "liquidpilot ros2 node NODE [--ros-args [-p name:=value]... [-r from:=to]... [-r __ns:=/ns] [-r __node:=name]]",
            description = {"Runs one of the project's nodes on ROS 2.",
                    "The same nodes and parameters as 'node' (see 'node pilot --help'), given the ROS 2 way.",
                    "QoS: camera images sensor_data (best effort, keep last 5); commands and the rest",
                    "reliable, volatile, keep last 10; latched status transient local.",
                    "Services (~enable, ~reset, mavros set_mode and cmd/arming) as rq/...Request and",
                    "rr/...Reply with rmw_cyclonedds's request header: they work with ROS 2 nodes on",
                    "rmw_cyclonedds, not with rmw_fastrtps."},
            footer = {"", "Example: ros2 node pilot --ros-args -p vehicle:=car -r cmd_vel:=/car/cmd_vel -r __ns:=/uav1"})
    static final class Node implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NODE", description = "pilot, perception, sim, sim-loop or relay")
        String type;

        /** Everything after NODE: ROS 2 arguments are options picocli does not know, so they are taken as they come. */
        @picocli.CommandLine.Unmatched
        List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String registered = switch (type) {
                case "pilot", "perception", "sim", "relay" -> type;
                case "sim-loop" -> "sim_loop";
                default -> throw new BadInputException("no node '" + type + "': pilot, perception, sim, sim-loop or relay");
            };
            Ros2Args parsed;
            try {
                parsed = Ros2Args.parse(args.toArray(String[]::new));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            if (!parsed.rest().isEmpty()) {
                throw new BadInputException("unexpected argument '" + parsed.rest().get(0) + "' (ROS arguments go after --ros-args)");
            }
            NodeMain main = NodeRegistry.standard().create("liquidpilot", registered);
            Ros2Node node = Ros2Node.execute(main, parsed, settings());
            Runtime.getRuntime().addShutdownHook(new Thread(node::shutdown, "node-shutdown"));
            while (!node.isShutdown()) Thread.sleep(200);
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Image -> command latency over ROS 2 (DDS) and TCPROS in the same run.",
                    "Image 160x80 rgb8 -> relay node -> Twist, image publish to Twist receipt, p50 and p99,",
                    "over Fast-DDS on loopback and over TCPROS, alternating, with the load average."})
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rates", split = ",", defaultValue = "30,200", paramLabel = "HZ", description = "rates (default ${DEFAULT-VALUE})")
        List<Double> rates;

        @Option(names = "--seconds", defaultValue = "10", description = "seconds per rate and transport (default ${DEFAULT-VALUE})")
        double seconds;

        @Option(names = "--rounds", defaultValue = "1", description = "alternate the transports this many times (default ${DEFAULT-VALUE})")
        int rounds;

        @Override
        public Integer call() throws Exception {
            if (!(seconds > 0 && seconds <= 3600)) throw new BadInputException("--seconds must be in (0, 3600]");
            if (rounds < 1 || rounds > 100) throw new BadInputException("--rounds must be 1..100");
            for (double r : rates) if (!(r > 0 && r <= 1e5)) throw new BadInputException("rates must be in (0, 1e5], got " + r);
            DdsSettings dds = settings();
            PrintWriter out = spec.commandLine().getOut();
            out.println("load average before: " + loadAverage());
            out.println(String.format(Locale.ROOT, "%-8s %10s %8s %9s %8s %8s %8s", "via", "target Hz", "sent", "received", "p50 ms", "p99 ms", "max ms"));
            out.flush();
            for (int round = 0; round < rounds; round++) {
                try (RelayBenchmark tcpros = RelayBenchmark.start()) {
                    measure(out, "tcpros", tcpros);
                }
                String pid = String.valueOf(ProcessHandle.current().pid());
                try (RelayBenchmark ros2 = RelayBenchmark.over(
                        new Ros2Node("lp_bench_cam_" + pid, "/", Map.of(), Map.of(), dds),
                        new Ros2Node("lp_bench_relay_" + pid, "/", Map.of(), Map.of(), dds))) {
                    measure(out, "ros2", ros2);
                }
            }
            out.println("load average after: " + loadAverage());
            out.flush();
            return 0;
        }

        private void measure(PrintWriter out, String via, RelayBenchmark bench) throws InterruptedException {
            bench.warmUp(Duration.ofSeconds(2));
            for (double hz : rates) {
                RelayBenchmark.Result r = bench.run(hz, Duration.ofMillis((long) (seconds * 1000)));
                out.println(String.format(Locale.ROOT, "%-8s %10.0f %8d %9d %8.3f %8.3f %8.3f", via, r.targetHz(), r.sent(), r.received(),
                        r.p50Ms(), r.p99Ms(), r.maxMs()));
                out.flush();
            }
        }

        private static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
