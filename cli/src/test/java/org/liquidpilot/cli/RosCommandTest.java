package org.liquidpilot.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RosCommandTest {
    private static EmbeddedMaster master;
    private static ConnectedNode node;
    private static ScheduledExecutorService ticker;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = LiquidPilotCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void graph() throws Exception {
        master = EmbeddedMaster.start(0);
        node = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "cli_test_node"));
        Publisher<Twist> p = node.newPublisher("/cli/twist", Twist.CODEC);
        ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> p.publish(new Twist(new Vector3(1.5, 0, 0), new Vector3(0, 0, -0.25))), 0, 20, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        ticker.shutdownNow();
        node.shutdown();
        master.close();
    }

    @Test
    void masterRunsAndStops() {
        Run r = run("ros", "master", "--port", "0", "--duration", "0.3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ROS master at http://127.0.0.1:"), r.out());
    }

    @Test
    void listAndInfoShowTheGraph() {
        Run list = run("ros", "topic", "list", "--master", master.uri().toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch("/cli/twist"::equals), list.out());
        assertTrue(list.out().lines().anyMatch("/rosout"::equals), list.out());
        Run info = run("ros", "topic", "info", "/cli/twist", "--master", master.uri().toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().startsWith("Type: geometry_msgs/Twist\n"), info.out());
        assertTrue(info.out().contains(" * /cli_test_node (" + node.getUri() + ")"), info.out());
        Run verbose = run("ros", "topic", "list", "-v", "--master", master.uri().toString());
        assertTrue(verbose.out().contains(" * /cli/twist [geometry_msgs/Twist] 1 publisher"), verbose.out());
    }

    @Test
    void echoPrintsMessagesAsRostopicDoes() {
        Run r = run("ros", "topic", "echo", "/cli/twist", "-n", "2", "--timeout", "20", "--master", master.uri().toString());
        assertEquals(0, r.code(), r.err());
        String one = "linear: \n  x: 1.5\n  y: 0.0\n  z: 0.0\nangular: \n  x: 0.0\n  y: 0.0\n  z: -0.25\n---\n";
        assertEquals(one + one, r.out());
    }

    @Test
    void pubReachesASubscriber() throws Exception {
        BlockingQueue<Twist> got = new LinkedBlockingQueue<>();
        node.newSubscriber("/cli/cmd", Twist.CODEC).addMessageListener(got::add);
        Run r = run("ros", "topic", "pub", "-r", "50", "-n", "100", "/cli/cmd", "geometry_msgs/Twist",
                "{linear: {x: 0.5}, angular: {z: 2}}", "--master", master.uri().toString());
        assertEquals(0, r.code(), r.err());
        Twist t = got.poll(5, TimeUnit.SECONDS);
        assertNotNull(t, "nothing published reached the subscriber");
        assertEquals(new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, 2)), t);
    }

    @Test
    void hzReportsTheRate() {
        Run r = run("ros", "topic", "hz", "/cli/twist", "--duration", "2.2", "--master", master.uri().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("average rate: "), r.out());
        String line = r.out().lines().filter(l -> l.startsWith("average rate: ")).reduce((a, b) -> b).orElseThrow();
        double rate = Double.parseDouble(line.substring("average rate: ".length()));
        assertTrue(rate > 20 && rate < 80, line); // 50 Hz publisher on a shared, noisy machine
    }

    @Test
    void benchReportsLatencyAndTheLossFreeRate() {
        Run r = run("ros", "bench", "--rates", "100", "--seconds", "0.5", "--sweep", "500", "--sweep-seconds", "0.5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("p50 ms") && r.out().contains("highest loss-free rate"), r.out());
    }

    @Test
    void withDebianToolsEchoDecodesTheirTypesAndTheyEchoOurs() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.forMaster(master.uri())) {
            ros.start("rostopic", "pub", "-r", "10", "/cli/color", "std_msgs/ColorRGBA", "{r: 1.0, g: 0.5, b: 0.25, a: 1.0}");
            Run ours = run("ros", "topic", "echo", "/cli/color", "-n", "1", "--timeout", "20", "--master", master.uri().toString());
            assertEquals(0, ours.code(), ours.err());
            assertEquals("r: 1.0\ng: 0.5\nb: 0.25\na: 1.0\n---\n", ours.out());
            // the same message printed by rostopic and by us
            DebianRos.Result theirs = ros.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/cli/twist");
            Run mine = run("ros", "topic", "echo", "/cli/twist", "-n", "1", "--timeout", "20", "--master", master.uri().toString());
            assertEquals(theirs.stdout(), mine.out());
            Thread pub = new Thread(() -> run("ros", "topic", "pub", "-r", "20", "--duration", "15", "/cli/from_us",
                    "geometry_msgs/Vector3", "{x: 1, y: 2, z: 3.5}", "--master", master.uri().toString()));
            pub.start();
            DebianRos.Result echoed = ros.run(Duration.ofSeconds(20), "rostopic", "echo", "-n", "1", "/cli/from_us");
            pub.interrupt(); // the publisher's job is done; interrupting ends its --duration early
            pub.join();
            assertEquals("x: 1.0\ny: 2.0\nz: 3.5\n---", echoed.stdout().strip(), echoed::toString);
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"ros", "topic", "echo", "bad name", "--master", master.uri().toString()},
                {"ros", "topic", "pub", "/x", "no_such_pkg/NoType", "{}", "--master", master.uri().toString()},
                {"ros", "topic", "pub", "/x", "geometry_msgs/Twist", "{linear: {x: not-a-number}}", "--master", master.uri().toString()},
                {"ros", "topic", "info", "/never/seen", "--master", master.uri().toString()},
                {"ros", "topic", "list", "--master", "ftp://nowhere"},
                {"ros", "master", "--port", "70000"},
                {"ros", "bench", "--seconds", "-1"},
                {"ros", "bench", "--pilot", "--realtime", "100"},
                {"ros", "bench", "--pilot", "--realtime", "-3"}}) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.out() + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("try:")).count(), r.err());
        }
    }

    @Test
    void anUnreachableMasterIsAFailedJob() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run("ros", "topic", "list", "--master", "http://127.0.0.1:" + port + "/");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("cannot reach the ROS master"), r.err());
    }
}
