package org.liquidpilot.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * launch/pilot.launch under Debian's real roslaunch and roscore: the pilot_node executable starts our JVM, a rospy
 * node publishes camera images, and Debian's rostopic echo sees the commands (for the mavros output with
 * mavros_msgs classes that Debian's genpy builds from the shipped definitions).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PilotLaunchUnderDebianRoslaunchTest {
    /** A rospy camera: a synthetic road (grey trapezoid on green under sky) at 30 Hz, rgb8 160x80. */
    private static final String CAMERA = String.join("\n",
            "import rospy, random",
            "from sensor_msgs.msg import Image",
            "rospy.init_node('fake_camera')",
            "pub = rospy.Publisher('/camera/image_raw', Image, queue_size=1)",
            "W, H = 160, 80",
            "def frame(curve):",
            "    px = bytearray(W * H * 3)",
            "    hz = H * 2 // 5",
            "    for y in range(H):",
            "        t = 0 if y < hz else (y - hz) / float(H - hz)",
            "        c = W / 2.0 + curve * W * 0.4 * (1 - t) ** 2",
            "        half = 2 + t * W * 0.35",
            "        for x in range(W):",
            "            i = (y * W + x) * 3",
            "            n = random.randint(-4, 4)",
            "            if y < hz: r, g, b = 150, 190, 235",
            "            elif abs(x - c) < half: r, g, b = 110, 110, 105",
            "            else: r, g, b = 40, 110 + (x * 7 + y * 3) % 30, 35",
            "            px[i] = max(0, min(255, r + n)); px[i + 1] = max(0, min(255, g + n)); px[i + 2] = max(0, min(255, b + n))",
            "    return bytes(px)",
            "frames = [frame(0.4 * ((k % 9) - 4) / 4.0) for k in range(9)]",
            "rate = rospy.Rate(30)",
            "k = 0",
            "while not rospy.is_shutdown():",
            "    m = Image(height=H, width=W, encoding='rgb8', is_bigendian=0, step=W * 3, data=frames[k % len(frames)])",
            "    m.header.stamp = rospy.Time.now()",
            "    m.header.frame_id = 'camera'",
            "    pub.publish(m)",
            "    k += 1",
            "    rate.sleep()");

    private static DebianRos.Result echo(DebianRos ros, String topic) throws Exception {
        return ros.run(Duration.ofSeconds(60), "rostopic", "echo", "-n", "3", topic);
    }

    private static Process roslaunch(DebianRos ros, String... args) throws Exception {
        Path root = RepoFiles.root();
        // roslaunch liquidpilot pilot.launch ARGS, or roslaunch FILE.launch when the first argument is a file
        boolean file = args.length > 0 && args[0].endsWith(".launch");
        String[] head = file ? new String[]{"roslaunch"} : new String[]{"roslaunch", "liquidpilot", "pilot.launch"};
        String[] cmd = new String[head.length + args.length];
        System.arraycopy(head, 0, cmd, 0, head.length);
        System.arraycopy(args, 0, cmd, head.length, args.length);
        ProcessBuilder pb = ros.command(cmd);
        pb.environment().put("ROS_PACKAGE_PATH", root.toString());
        pb.environment().put("LP_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("LP_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ros.environment().containsKey("ROS_HOME")
                ? Path.of(ros.environment().get("ROS_HOME"), "roslaunch.out").toFile() : new java.io.File("/dev/null"));
        Process p = pb.start();
        return p;
    }

    /**
     * Two pilots side by side, each in its own namespace from the same pilot.launch: a camera for car1 only moves
     * car1, and car2 (no images) commands nothing.
     */
    @Test
    void twoPilotsSideBySideEachInItsOwnNamespace() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            Path file = Path.of(PilotLaunchUnderDebianRoslaunchTest.class.getResource("/launch/two_pilots.launch").toURI());
            Process launch = roslaunch(ros, file.toString());
            try {
                ros.startPython(CAMERA, "/camera/image_raw:=/car1/camera/image_raw");
                DebianRos.Result car1 = echo(ros, "/car1/cmd_vel");
                assertTrue(car1.ok() && car1.stdout().contains("angular:"), "car1's commands: " + car1 + "\n" + log(ros));
                DebianRos.Result topics = ros.run(Duration.ofSeconds(30), "rostopic", "list");
                for (String t : new String[]{"/car1/camera/image_raw", "/car2/camera/image_raw", "/car1/cmd_vel", "/car2/cmd_vel",
                        "/car1/pilot/status", "/car2/pilot/status"}) {
                    assertTrue(topics.stdout().lines().anyMatch(t::equals), t + " in " + topics.stdout());
                }
                assertFalse(topics.stdout().lines().anyMatch(l -> l.equals("/cmd_vel")), "no pilot speaks on the global /cmd_vel: " + topics.stdout());
                DebianRos.Result car2 = ros.run(Duration.ofSeconds(10), "timeout", "-s", "INT", "3", "rostopic", "echo", "-n", "1", "/car2/cmd_vel");
                assertFalse(car2.stdout().contains("angular:"), "car2 sees no images and commands nothing: " + car2);
            } finally {
                DebianRos.kill(launch);
            }
        }
    }

    /** A 120 Hz camera: the pilot's Twist commands still go out at ~rate_hz (30) on average, as rostopic hz sees them. */
    @Test
    void aFastCameraDoesNotSpeedUpTheCommands() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            Process launch = roslaunch(ros);
            try {
                ros.startPython(CAMERA.replace("rospy.Rate(30)", "rospy.Rate(120)"));
                DebianRos.Result first = echo(ros, "/cmd_vel");
                assertTrue(first.ok(), "commands flow: " + first + "\n" + log(ros));
                DebianRos.Result camHz = ros.run(Duration.ofSeconds(20), "timeout", "-s", "INT", "6", "rostopic", "hz", "/camera/image_raw");
                DebianRos.Result hz = ros.run(Duration.ofSeconds(20), "timeout", "-s", "INT", "6", "rostopic", "hz", "/cmd_vel");
                double camera = lastRate(camHz.stdout()), commands = lastRate(hz.stdout());
                assertTrue(camera > 60, "the camera runs fast: " + camHz.stdout());
                assertTrue(commands > 10 && commands < 34, "commands at about 30 Hz, not the camera's " + camera + " Hz: " + hz.stdout());
            } finally {
                DebianRos.kill(launch);
            }
        }
    }

    private static double lastRate(String hzOutput) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("average rate: ([0-9.]+)").matcher(hzOutput);
        double rate = 0;
        while (m.find()) rate = Double.parseDouble(m.group(1));
        return rate;
    }

    @Test
    void twistCommandsReachRostopicEcho() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            Process launch = roslaunch(ros);
            try {
                ros.startPython(CAMERA);
                DebianRos.Result r = echo(ros, "/cmd_vel");
                assertTrue(r.ok(), "rostopic echo /cmd_vel: " + r + "\n" + log(ros));
                assertTrue(r.stdout().contains("linear:") && r.stdout().contains("angular:"), r.stdout());
                DebianRos.Result status = ros.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/pilot/status");
                assertTrue(status.stdout().contains("ncp19-forest-road") && !status.stdout().contains("NO TRAINED MODEL"),
                        "with no model given the shipped car model flies, found through $(find liquidpilot): " + status);
                // roscpp's logger services, called with Debian's rosservice and its roscpp/GetLoggers classes
                DebianRos.Result loggers = ros.run(Duration.ofSeconds(30), "rosservice", "call", "/pilot/get_loggers");
                assertTrue(loggers.ok() && loggers.stdout().contains("name: \"ros.pilot\"") && loggers.stdout().contains("level: \"info\""), loggers.toString());
                DebianRos.Result set = ros.run(Duration.ofSeconds(30), "rosservice", "call", "/pilot/set_logger_level", "ros.pilot", "warn");
                assertTrue(set.ok(), set.toString());
                assertTrue(ros.run(Duration.ofSeconds(30), "rosservice", "call", "/pilot/get_loggers").stdout().contains("level: \"warn\""));
                DebianRos.Result neurons = ros.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/pilot/neurons");
                assertTrue(neurons.ok() && neurons.stdout().contains("data:"), neurons.toString());
            } finally {
                DebianRos.kill(launch);
            }
        }
    }

    /**
     * Builds importable mavros_msgs classes with Debian's genpy from the .msg/.srv texts the ros module ships, so that
     * Debian's rostopic can decode the setpoints (Debian does not package mavros_msgs).
     */
    private static final String GEN_MAVROS_MSGS = String.join("\n",
            "import os, sys, genpy.generator, genpy.generate_initpy",
            "defs, gen = sys.argv[1], sys.argv[2]",
            "search = {'mavros_msgs': [defs], 'std_msgs': ['/usr/share/std_msgs/msg'], 'geometry_msgs': ['/usr/share/geometry_msgs/msg']}",
            "pkg = os.path.join(gen, 'mavros_msgs')",
            "for kind, g in (('msg', genpy.generator.MsgGenerator()), ('srv', genpy.generator.SrvGenerator())):",
            "    files = sorted(os.path.join(defs, f) for f in os.listdir(defs) if f.endswith('.' + kind))",
            "    if g.generate_messages('mavros_msgs', files, os.path.join(pkg, kind), search) != 0: sys.exit(1)",
            "    genpy.generate_initpy.write_modules(os.path.join(pkg, kind))",
            "open(os.path.join(pkg, '__init__.py'), 'w').close()");

    private static Path mavrosMsgsForPython(DebianRos ros, Path dir) throws Exception {
        Path defs = java.nio.file.Files.createDirectories(dir.resolve("defs"));
        for (String f : new String[] {"State.msg", "PositionTarget.msg", "SetMode.srv", "CommandBool.srv"}) {
            try (java.io.InputStream in = PilotLaunchUnderDebianRoslaunchTest.class
                    .getResourceAsStream("/org/liquidpilot/ros/msg/defs/mavros_msgs/" + f)) {
                assertNotNull(in, f);
                java.nio.file.Files.copy(in, defs.resolve(f));
            }
        }
        Path gen = java.nio.file.Files.createDirectories(dir.resolve("gen"));
        DebianRos.Result r = ros.runPython(Duration.ofSeconds(60), GEN_MAVROS_MSGS, defs.toString(), gen.toString());
        assertTrue(r.ok(), "genpy built mavros_msgs: " + r);
        return gen;
    }

    private static DebianRos.Result rostopicWith(DebianRos ros, Path pythonPath, Duration timeout, String... cmd) throws Exception {
        ProcessBuilder pb = ros.command(cmd);
        pb.environment().put("PYTHONPATH", pythonPath.toString());
        return DebianRos.collect(pb.start(), timeout);
    }

    @Test
    void mavrosOutputPublishesBodyFrameVelocitySetpoints() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            Path gen = mavrosMsgsForPython(ros, Path.of(ros.environment().get("ROS_HOME")));
            Process launch = roslaunch(ros, "output:=mavros");
            try {
                ros.startPython(CAMERA);
                DebianRos.Result r = rostopicWith(ros, gen, Duration.ofSeconds(60), "rostopic", "echo", "-n", "3", "/mavros/setpoint_raw/local");
                assertTrue(r.ok(), "rostopic echo mavros setpoint: " + r + "\n" + log(ros));
                assertTrue(r.stdout().contains("frame_id: \"base_link\"") && r.stdout().contains("coordinate_frame: 8")
                        && r.stdout().contains("type_mask: 1479") && r.stdout().contains("yaw_rate:"), r.stdout());
                // no mavros/state: the pilot hovers
                assertTrue(r.stdout().contains("velocity: \n  x: 0.0\n  y: 0.0\n  z: 0.0"), r.stdout());
                DebianRos.Result hz = rostopicWith(ros, gen, Duration.ofSeconds(20), "timeout", "-s", "INT", "6", "rostopic", "hz", "/mavros/setpoint_raw/local");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("average rate: ([0-9.]+)").matcher(hz.stdout());
                double rate = 0;
                while (m.find()) rate = Double.parseDouble(m.group(1));
                assertTrue(rate >= 20 && rate <= 33, "setpoints at ~rate_hz (30), not once per image on top; rostopic hz says " + rate + "\n" + hz.stdout());
            } finally {
                DebianRos.kill(launch);
            }
        }
    }

    private static String log(DebianRos ros) {
        try {
            return java.nio.file.Files.readString(Path.of(ros.environment().get("ROS_HOME"), "roslaunch.out"));
        } catch (Exception e) {
            return "(no roslaunch output: " + e + ")";
        }
    }
}
