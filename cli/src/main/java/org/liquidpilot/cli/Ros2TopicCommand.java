package org.liquidpilot.cli;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.DynamicMessage;
import org.liquidpilot.ros.msg.MessageYaml;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros2.dds.Ros2Qos;
import org.liquidpilot.ros2.node.Ros2Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ros2 topic echo|pub|hz}: ros2 topic's everyday verbs for the types the project ships. {@code list} only
 * explains why it cannot work: the DDS binding (ihmc-pub-sub 0.20) reports matches with our own endpoints but not the
 * endpoints other participants announce, so the type is given on the command line.
 */
@Command(name = "topic", mixinStandardHelpOptions = true,
        description = {"ros2 topic's echo, pub and hz over DDS, for the types the project ships.",
                "Give the type: 'list' cannot work here. The DDS binding (ihmc-pub-sub 0.20 over Fast-DDS 2.14) passes on "
                        + "participant discovery only: its native listener has no endpoint callback, and "
                        + "registerEndpointDiscoveryListeners keeps the listeners without ever calling them, so other "
                        + "participants' topics and types are never seen."},
        subcommands = {Ros2TopicCommand.ListTopics.class, Ros2TopicCommand.Echo.class, Ros2TopicCommand.Pub.class, Ros2TopicCommand.Hz.class})
public final class Ros2TopicCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a verb: list, echo, pub or hz");
    }

    static Ros2Node toolNode(String verb) throws IOException {
        return new Ros2Node("lp_ros2_topic_" + verb + "_" + ProcessHandle.current().pid(), "/", Map.of(), Map.of(), Ros2Command.settings());
    }

    static String topicArg(String topic) {
        if (!GraphNames.isLegal(topic) || topic.isEmpty()) throw new BadInputException("not a topic name: '" + topic + "'");
        return GraphNames.resolve("/", "/", topic);
    }

    static DynamicCodec codec(String type) {
        try {
            return DynamicCodec.of(type.replace("/msg/", "/"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("unknown message type '" + type + "' (the types this project ships, e.g. geometry_msgs/msg/Twist)");
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = {"Prints a topic's messages as YAML.",
                    "Reads best effort, so it hears reliable and best-effort writers; --latched reads transient local."})
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "TYPE", description = "the message type, e.g. geometry_msgs/msg/Twist")
        String type;
        @Option(names = "-n", paramLabel = "COUNT", description = "exit after COUNT messages")
        Integer count;
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "fail (exit 1) when no message arrives for this long")
        Double timeout;
        @Option(names = "--latched", description = "reliable, transient local")
        boolean latched;

        @Override
        public Integer call() throws Exception {
            String t = topicArg(topic);
            if (count != null && count < 1) throw new BadInputException("-n must be at least 1");
            if (timeout != null && !(timeout > 0)) throw new BadInputException("--timeout must be > 0");
            PrintWriter out = spec.commandLine().getOut();
            try (Ros2Node node = toolNode("echo")) {
                DynamicCodec codec = codec(type);
                BlockingQueue<Map<String, Object>> queue = new LinkedBlockingQueue<>(1000);
                node.newSubscriber(t, codec, latched ? Ros2Qos.STATUS : new Ros2Qos(false, false, 10)).addMessageListener(queue::offer);
                for (int printed = 0; count == null || printed < count; printed++) {
                    Map<String, Object> m = timeout == null ? queue.take() : queue.poll((long) (timeout * 1000), TimeUnit.MILLISECONDS);
                    if (m == null) throw new IllegalStateException("no message on " + t + " within " + timeout + " s");
                    out.println(MessageYaml.format(codec, m));
                    out.println("---");
                    out.flush();
                }
            }
            return 0;
        }
    }

    @Command(name = "pub", mixinStandardHelpOptions = true,
            description = {"Publishes a message given in YAML (rostopic's syntax), once (-1) or at a rate.",
                    "Reliable and volatile like ros2 topic pub; waits up to 2 s for a subscriber first."})
    static final class Pub implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "TYPE", description = "a type the project ships, e.g. geometry_msgs/msg/Twist")
        String type;
        @Parameters(index = "2..*", paramLabel = "YAML", description = "the message ('{linear: {x: 1.0}}'), or its fields in order")
        List<String> yaml;
        @Option(names = {"-r", "--rate"}, paramLabel = "HZ", defaultValue = "1", description = "rate (default ${DEFAULT-VALUE})")
        double rate;
        @Option(names = {"-1", "--once"}, description = "publish one message and exit")
        boolean once;
        @Option(names = {"-t", "--times"}, paramLabel = "N", description = "stop after N messages")
        Integer times;
        @Option(names = "--best-effort", description = "best effort instead of reliable")
        boolean bestEffort;
        @Option(names = "--transient-local", description = "transient local instead of volatile (a latched message)")
        boolean transientLocal;

        @Override
        public Integer call() throws Exception {
            String t = topicArg(topic);
            if (!(rate > 0 && rate <= 1e5)) throw new BadInputException("--rate must be in (0, 1e5]");
            if (times != null && times < 1) throw new BadInputException("--times must be at least 1");
            DynamicCodec codec = codec(type);
            String rosType = type.replace("/msg/", "/");
            Map<String, Object> message;
            try {
                message = yaml == null || yaml.isEmpty() ? codec.defaultMessage(rosType) : DynamicMessage.fromArgs(codec, yaml);
                codec.toBytes(message);
            } catch (RuntimeException e) {
                throw new BadInputException("bad message for " + type + ": " + e.getMessage());
            }
            int n = once ? 1 : times == null ? Integer.MAX_VALUE : times;
            PrintWriter out = spec.commandLine().getOut();
            try (Ros2Node node = toolNode("pub")) {
                Publisher<Map<String, Object>> p = node.newPublisher(t, codec, new Ros2Qos(!bestEffort, transientLocal, 10));
                long waitUntil = System.nanoTime() + 2_000_000_000L;
                while (p.getNumberOfSubscribers() == 0 && System.nanoTime() < waitUntil) Thread.sleep(20);
                // Seeing the reader does not mean it has seen this writer yet, and a volatile reader that learns of it
                // late starts after what was already sent: a --once sample would be lost. A moment lets it catch up.
                if (p.getNumberOfSubscribers() > 0) Thread.sleep(200);
                long period = (long) (1e9 / rate), next = System.nanoTime();
                for (int sent = 0; sent < n; sent++) {
                    p.publish(message);
                    out.println("publishing #" + (sent + 1) + ": " + MessageYaml.format(codec, message).replace('\n', ' '));
                    out.flush();
                    if (sent + 1 < n) {
                        next += period;
                        long left = next - System.nanoTime();
                        if (left > 0) TimeUnit.NANOSECONDS.sleep(left);
                    }
                }
                // Reliable delivery of the last sample before the writer goes away.
                Thread.sleep(300);
            }
            return 0;
        }
    }

    /** Why there is no topic list: one line, exit 2 (bad input: the verb cannot be served by this build). */
    static final String NO_LIST = "ros2 topic list is not available: the DDS binding (ihmc-pub-sub 0.20) reports other participants "
            + "but never their topics; name the topic and its type (ros2 topic echo TOPIC TYPE)";

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Not available: fails with one line and exit 2.",
                    "The DDS binding never reports the topics other participants announce (see 'ros2 topic --help')."})
    static final class ListTopics implements Callable<Integer> {
        @Option(names = {"-t", "--show-types"}, description = "accepted as in ROS 2; the command still fails")
        boolean types;
        @Parameters(arity = "0..*", hidden = true)
        List<String> rest;

        @Override
        public Integer call() {
            throw new BadInputException(NO_LIST);
        }
    }

    @Command(name = "hz", mixinStandardHelpOptions = true, description = "Prints a topic's rate each second (best-effort reader).")
    static final class Hz implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "TYPE", description = "the message type, e.g. sensor_msgs/msg/Image")
        String type;
        @Option(names = {"-w", "--window"}, paramLabel = "N", defaultValue = "10000", description = "intervals kept (default ${DEFAULT-VALUE})")
        int window;
        @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long")
        Double duration;

        @Override
        public Integer call() throws Exception {
            String t = topicArg(topic);
            TopicRate rate = new TopicRate(window, duration);
            try (Ros2Node node = toolNode("hz")) {
                node.newSubscriber(t, codec(type), new Ros2Qos(false, false, 100)).addMessageListener(m -> rate.received());
                rate.report(spec.commandLine().getOut());
            }
            return 0;
        }
    }
}
