package org.liquidpilot.cli;

import org.liquidpilot.launch.NodeRegistry;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.RosNodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs one ROS node against ROS_MASTER_URI with ROS's command-line conventions:",
                "__name:=NAME, __ns:=NS, from:=to remaps, _param:=value private parameters."},
        subcommands = {NodeCommand.Pilot.class, NodeCommand.Perception.class, NodeCommand.Sim.class, NodeCommand.SimLoop.class, NodeCommand.Relay.class,
                NodeStartBenchCommand.class})
public final class NodeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a node: pilot, perception or sim");
    }

    /** Starts the node and blocks until it shuts down (or the process is stopped). */
    static int runNode(String type, List<String> args) throws Exception {
        NodeMain main = NodeRegistry.standard().create("liquidpilot", type);
        NodeConfiguration config;
        try {
            config = NodeConfiguration.fromArgs(main.getDefaultNodeName(), args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        ConnectedNode node = RosNodes.execute(main, config);
        Thread hook = new Thread(node::shutdown, "node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!node.isShutdown()) Thread.sleep(200);
        return 0;
    }

    @Command(name = "pilot", mixinStandardHelpOptions = true,
            description = {"The pilot: camera/image_raw in; cmd_vel or mavros setpoints (mavros/setpoint_raw/local), ~features,",
                    "~neurons, ~status out. Params ~model (empty: the shipped model for ~vehicle car|quad; an untrained network only with",
                    "~allow_untrained) ~rate_hz ~speed ~max_yaw_rate ~watchdog_ms ~output (twist|twist_stamped|mavros) ~frame_id;",
                    "with mavros ~offboard ~arm (both false: it never switches mode or arms unasked) ~loss_land_s ~loss_mode (land|loiter);",
                    "services ~enable (std_srvs/SetBool), ~reset (std_srvs/Empty), ~get_loggers, ~set_logger_level."})
    static final class Pilot implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ROS_ARG", description = "__name:=, __ns:=, from:=to, _param:=value")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            return runNode("pilot", args);
        }
    }

    @Command(name = "perception", mixinStandardHelpOptions = true, description = "The perception node: camera/image_raw in, features out.")
    static final class Perception implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ROS_ARG")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            return runNode("perception", args);
        }
    }

    @Command(name = "sim", mixinStandardHelpOptions = true, description = {"The simulator node: cmd_vel (or, with ~input:=mavros, mavros/setpoint_raw/local and the simulated PX4's",
            "state, set_mode and arming) in, camera images and odometry out. Params ~scenario ~realtime_factor ~episodes",
            "~input (twist|twist_stamped|mavros) ~max_command_age (s, default 0.5: older stamped commands are dropped; 0 = off)."})
    static final class Sim implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ROS_ARG")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            return runNode("sim", args);
        }
    }

    @Command(name = "relay", mixinStandardHelpOptions = true, description = "Copies geometry_msgs/Twist from topic in to topic out (remap both).")
    static final class Relay implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ROS_ARG")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            return runNode("relay", args);
        }
    }

    @Command(name = "sim-loop", mixinStandardHelpOptions = true,
            description = {"The simulator node of sim_pilot.launch. The car runs in lock-step (each frame waits for its cmd_vel), the",
                    "quadrotor (~input:=mavros) in real time behind a simulated PX4; frames are stamped in simulated time",
                    "(/clock under /use_sim_time). Publishes ~expert_cmd (what the ground-truth expert would do) and",
                    "~metrics (JSON) when done."})
    static final class SimLoop implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "ROS_ARG")
        List<String> args = List.of();

        @Override
        public Integer call() throws Exception {
            return runNode("sim_loop", args);
        }
    }
}
