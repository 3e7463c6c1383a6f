package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros2.dds.DdsParticipants;
import org.liquidpilot.ros2.dds.DdsSettings;
import org.liquidpilot.ros2.node.Ros2Node;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ros2 ...}: bad input is one line and exit 2; pub and echo talk to a node over DDS (domain $ROS_DOMAIN_ID). */
class Ros2CommandTest {

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] cases = {{"ros2", "node", "nope"}, {"ros2", "node", "relay", "--ros-args", "-p"},
                {"ros2", "node", "relay", "--ros-args", "-r", "__ns:=relative"}, {"ros2", "node", "relay", "stray"},
                {"ros2", "topic", "pub", "/x", "geometry_msgs/msg/Bogus"}, {"ros2", "topic", "pub", "-r", "0", "/x", "std_msgs/msg/Empty"},
                {"ros2", "topic", "echo", "bad topic!", "std_msgs/msg/String"}, {"ros2", "bench", "--seconds", "0"},
                {"demo", "--ros2", "--vehicle", "boat"}, {"ros2", "topic", "list"}, {"ros2", "topic", "list", "-t"}};
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
            if (args[1].equals("topic") && args[2].equals("list")) {
                assertTrue(r.err().contains("not available") && r.err().contains("never their topics"), r.err());
            }
        }
        CliRun help = CliRun.of("ros2", "topic", "--help");
        String helpText = help.out().replaceAll("\\s+", " "); // picocli wraps the description
        assertTrue(helpText.contains("'list' cannot work here") && helpText.contains("registerEndpointDiscoveryListeners"), help.out());
    }

    @Test
    void pubAndEchoTalkToANodeOverDds() throws Exception {
        assumeTrue(Interop.shouldRun("multicast on the loopback interface ('ip link set lo multicast on', as root)",
                DdsParticipants.enableLoopbackMulticast()));
        DdsSettings s = DdsSettings.fromEnvironment();
        try (Ros2Node node = new Ros2Node("cli_test", "/", Map.of(), Map.of(), s)) {
            BlockingQueue<Twist> got = new LinkedBlockingQueue<>();
            node.newSubscriber("/cli2/cmd", Twist.CODEC).addMessageListener(got::add);
            CliRun pub = CliRun.of("ros2", "topic", "pub", "-t", "3", "-r", "10", "/cli2/cmd", "geometry_msgs/msg/Twist",
                    "{linear: {x: 0.5}, angular: {z: 2}}");
            assertEquals(0, pub.code(), pub.err());
            Twist t = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(t, "no twist from ros2 topic pub: " + pub.out());
            assertEquals(new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, 2)), t);

            Publisher<Twist> out = node.newPublisher("/cli2/twist", Twist.CODEC);
            AtomicBoolean run = new AtomicBoolean(true);
            Thread talker = new Thread(() -> {
                while (run.get()) {
                    out.publish(new Twist(new Vector3(1.5, 0, 0), new Vector3(0, 0, -0.25)));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            talker.start();
            try {
                CliRun echo = CliRun.of("ros2", "topic", "echo", "/cli2/twist", "geometry_msgs/msg/Twist", "-n", "1", "--timeout", "20");
                assertEquals(0, echo.code(), echo.err());
                assertEquals("linear: \n  x: 1.5\n  y: 0.0\n  z: 0.0\nangular: \n  x: 0.0\n  y: 0.0\n  z: -0.25\n---\n", echo.out());
            } finally {
                run.set(false);
                talker.join();
            }
        }
    }
}
