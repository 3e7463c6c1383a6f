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
 * node publishes camera images, and Debian's rostopic echo sees the commands.
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
        String[] cmd = new String[3 + args.length];
        cmd[0] = "roslaunch";
        cmd[1] = "liquidpilot";
        cmd[2] = "pilot.launch";
        System.arraycopy(args, 0, cmd, 3, args.length);
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
                assertTrue(status.stdout().contains("NO TRAINED MODEL"), "the status says no model flies: " + status);
                DebianRos.Result neurons = ros.run(Duration.ofSeconds(30), "rostopic", "echo", "-n", "1", "/pilot/neurons");
                assertTrue(neurons.ok() && neurons.stdout().contains("data:"), neurons.toString());
            } finally {
                DebianRos.kill(launch);
            }
        }
    }

    @Test
    void mavrosOutputPublishesStampedSetpoints() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            Process launch = roslaunch(ros, "output:=mavros");
            try {
                ros.startPython(CAMERA);
                DebianRos.Result r = echo(ros, "/mavros/setpoint_velocity/cmd_vel");
                assertTrue(r.ok(), "rostopic echo mavros setpoint: " + r + "\n" + log(ros));
                assertTrue(r.stdout().contains("header:") && r.stdout().contains("frame_id: \"base_link\"") && r.stdout().contains("twist:"), r.stdout());
                DebianRos.Result hz = ros.run(Duration.ofSeconds(20), "timeout", "-s", "INT", "6", "rostopic", "hz", "/mavros/setpoint_velocity/cmd_vel");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("average rate: ([0-9.]+)").matcher(hz.stdout());
                double rate = 0;
                while (m.find()) rate = Double.parseDouble(m.group(1));
                assertTrue(rate >= 20, "setpoints at >= 20 Hz, rostopic hz says " + rate + "\n" + hz.stdout());
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
