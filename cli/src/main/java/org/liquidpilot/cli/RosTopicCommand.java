package org.liquidpilot.cli;

import org.liquidpilot.ros.GraphNames;
import org.liquidpilot.ros.msg.DynamicCodec;
import org.liquidpilot.ros.msg.DynamicMessage;
import org.liquidpilot.ros.msg.MessageYaml;
import org.liquidpilot.ros.node.AnyMessage;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.PublisherOptions;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.node.SubscriberOptions;
import org.liquidpilot.ros.tools.GraphState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code ros topic list|info|echo|pub|hz}: rostopic's everyday verbs on our runtime, for any type the graph has. */
@Command(name = "topic", mixinStandardHelpOptions = true, description = "Lists, inspects, prints, publishes and times topics.",
        subcommands = {RosTopicCommand.ListTopics.class, RosTopicCommand.Info.class, RosTopicCommand.Echo.class,
                RosTopicCommand.Pub.class, RosTopicCommand.Hz.class})
public final class RosTopicCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String toolName(String verb) {
        return "lp_topic_" + verb + "_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() & 0xffffff);
    }

    static ConnectedNode startNode(URI master, String verb) {
        try {
            return RosNodes.start(NodeConfiguration.fromArgs(toolName(verb), System.getenv(), "__master:=" + master));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static String topicArg(String topic) {
        if (!GraphNames.isLegal(topic) || topic.isEmpty()) throw new BadInputException("not a legal topic name: " + topic);
        return GraphNames.canonical(topic);
    }

    static GraphState graph(URI master) {
        try {
            return GraphState.query(master, "/lp_topic");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the ROS master at " + master + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Prints every topic with a publisher or a subscriber.")
    static final class ListTopics implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RosMasterOption master;

        @Option(names = {"-v", "--verbose"}, description = "group by published/subscribed, with types and counts")
        boolean verbose;

        @Override
        public Integer call() {
            GraphState g = graph(master.uri());
            PrintWriter out = spec.commandLine().getOut();
            if (!verbose) {
                g.topics().forEach(out::println);
            } else {
                out.println("\nPublished topics:");
                g.publishers().forEach((t, n) -> out.println(" * " + t + " [" + g.types().getOrDefault(t, "*") + "] "
                        + n.size() + (n.size() == 1 ? " publisher" : " publishers")));
                out.println("\nSubscribed topics:");
                g.subscribers().forEach((t, n) -> out.println(" * " + t + " [" + g.types().getOrDefault(t, "*") + "] "
                        + n.size() + (n.size() == 1 ? " subscriber" : " subscribers")));
                out.println();
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Prints a topic's type, publishers and subscribers.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RosMasterOption master;
        @Parameters(paramLabel = "TOPIC")
        String topic;

        @Override
        public Integer call() {
            String t = topicArg(topic);
            URI m = master.uri();
            GraphState g = graph(m);
            if (!g.topics().contains(t)) throw new BadInputException("unknown topic " + t);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Type: " + g.types().getOrDefault(t, "*"));
            out.println();
            out.println("Publishers: ");
            printNodes(out, m, g.publishers().getOrDefault(t, List.of()));
            out.println();
            out.println("Subscribers: ");
            printNodes(out, m, g.subscribers().getOrDefault(t, List.of()));
            out.println();
            out.flush();
            return 0;
        }

        private static void printNodes(PrintWriter out, URI master, List<String> nodes) {
            if (nodes.isEmpty()) out.println("None");
            for (String n : nodes) out.println(" * " + n + " (" + GraphState.nodeUri(master, "/lp_topic", n) + ")");
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true,
            description = "Prints messages as rostopic echo does (YAML, '---' after each), for any type: the publisher's definition decodes it.")
    static final class Echo implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RosMasterOption master;
        @Parameters(paramLabel = "TOPIC")
        String topic;

        @Option(names = "-n", paramLabel = "COUNT", description = "exit after COUNT messages")
        Integer count;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "fail (exit 1) when no message arrives for this long")
        Double timeout;

        @Override
        public Integer call() throws InterruptedException {
            String t = topicArg(topic);
            if (count != null && count < 1) throw new BadInputException("-n must be at least 1");
            if (timeout != null && !(timeout > 0)) throw new BadInputException("--timeout must be > 0");
            BlockingQueue<AnyMessage> queue = new LinkedBlockingQueue<>(1000);
            PrintWriter out = spec.commandLine().getOut();
            Map<String, DynamicCodec> codecs = new HashMap<>();
            try (ConnectedNode node = startNode(master.uri(), "echo")) {
                node.newSubscriber(t, AnyMessage.CODEC, SubscriberOptions.DEFAULT).addMessageListener(queue::offer);
                int printed = 0;
                while (count == null || printed < count) {
                    AnyMessage m = timeout == null ? queue.take() : queue.poll((long) (timeout * 1000), TimeUnit.MILLISECONDS);
                    if (m == null) throw new IllegalStateException("no message on " + t + " within " + timeout + " s");
                    DynamicCodec codec = codecs.computeIfAbsent(m.md5sum() + m.type(), k -> codecFor(m));
                    Map<String, Object> decoded = codec.decode(ByteBuffer.wrap(m.payload()).order(ByteOrder.LITTLE_ENDIAN));
                    out.println(MessageYaml.format(codec, decoded));
                    out.println("---");
                    out.flush();
                    printed++;
                }
            }
            return 0;
        }

        private static DynamicCodec codecFor(AnyMessage m) {
            if (m.definition().isBlank()) return DynamicCodec.of(m.type()); // roscpp may omit it; then it must be a shipped type
            return DynamicCodec.fromDefinition(m.type(), m.definition());
        }
    }

    @Command(name = "pub", mixinStandardHelpOptions = true,
            description = "Publishes a message given in rostopic's YAML syntax, once (latched) or at a rate.")
    static final class Pub implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RosMasterOption master;
        @Parameters(index = "0", paramLabel = "TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "TYPE", description = "a message type the project ships, e.g. geometry_msgs/Twist")
        String type;
        @Parameters(index = "2..*", paramLabel = "YAML", description = "the message ('{linear: {x: 1.0}}'), or its fields in order")
        List<String> yaml;

        @Option(names = {"-r", "--rate"}, paramLabel = "HZ", description = "publish repeatedly at this rate")
        Double rate;

        @Option(names = {"-1", "--once"}, description = "publish once, keep it latched for 3 s, then exit")
        boolean once;

        @Option(names = {"-n", "--count"}, paramLabel = "N", description = "with -r: stop after N messages")
        Integer count;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long")
        Double duration;

        @Override
        public Integer call() throws InterruptedException {
            String t = topicArg(topic);
            if (rate != null && !(rate > 0 && rate <= 1e6)) throw new BadInputException("--rate must be in (0, 1e6]");
            if (count != null && count < 1) throw new BadInputException("--count must be at least 1");
            if (duration != null && !(duration >= 0)) throw new BadInputException("--duration must be >= 0");
            DynamicCodec codec = DynamicCodec.of(type);
            Map<String, Object> message = yaml == null || yaml.isEmpty()
                    ? codec.defaultMessage(type) : DynamicMessage.fromArgs(codec, yaml);
            codec.toBytes(message); // fails here, before any node starts, when a value does not fit its field
            long stopAt = duration == null ? Long.MAX_VALUE : System.nanoTime() + (long) (duration * 1e9);
            PrintWriter out = spec.commandLine().getOut();
            try (ConnectedNode node = startNode(master.uri(), "pub")) {
                Publisher<Map<String, Object>> p = node.newPublisher(t, codec, new PublisherOptions(rate == null, 100));
                if (rate == null) {
                    p.publish(message);
                    out.println("publishing and latching message" + (once ? " for 3.0 seconds" : ". Press ctrl-C to terminate"));
                    out.flush();
                    long end = once ? Math.min(stopAt, System.nanoTime() + 3_000_000_000L) : stopAt;
                    sleepUntil(end);
                } else {
                    long period = (long) (1e9 / rate);
                    long next = System.nanoTime();
                    for (int sent = 0; (count == null || sent < count) && System.nanoTime() < stopAt; sent++) {
                        p.publish(message);
                        next += period;
                        sleepUntil(Math.min(next, stopAt));
                    }
                }
            }
            return 0;
        }

        private static void sleepUntil(long nanoTime) throws InterruptedException {
            for (long left; (left = nanoTime - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
            }
        }
    }

    @Command(name = "hz", mixinStandardHelpOptions = true, description = "Prints a topic's publishing rate each second, as rostopic hz does.")
    static final class Hz implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        RosMasterOption master;
        @Parameters(paramLabel = "TOPIC")
        String topic;

        @Option(names = {"-w", "--window"}, paramLabel = "N", defaultValue = "10000", description = "intervals kept (default ${DEFAULT-VALUE})")
        int window;

        @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long")
        Double duration;

        @Override
        public Integer call() throws InterruptedException {
            String t = topicArg(topic);
            TopicRate rate = new TopicRate(window, duration);
            try (ConnectedNode node = startNode(master.uri(), "hz")) {
                node.newSubscriber(t, AnyMessage.CODEC, SubscriberOptions.DEFAULT.withQueueSize(10_000)).addMessageListener(m -> rate.received());
                rate.report(spec.commandLine().getOut());
            }
            return 0;
        }
    }
}
