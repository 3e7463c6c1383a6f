package org.liquidpilot.perception.ros;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.perception.FeatureConfig;
import org.liquidpilot.perception.FeatureExtractor;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Our perception node in a graph run by Debian's roscore: a rospy camera in, Debian's rostopic reads the features. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PerceptionNodeDebianInteropTest {
    static final int W = 160, H = 80;

    /** The same picture the rospy camera below draws. */
    static RgbFrame pattern() {
        byte[] px = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int o = (y * W + x) * 3;
                px[o] = (byte) ((((x / 10) + (y / 10)) % 2 == 0) ? 200 : 50);
                px[o + 1] = (byte) ((x * y) % 256);
                px[o + 2] = (byte) ((x + 2 * y) % 256);
            }
        }
        return new RgbFrame(W, H, px, 0);
    }

    static final String CAMERA = String.join("\n",
            "import rospy, sys",
            "from sensor_msgs.msg import Image",
            "rospy.init_node('camera')",
            "pub = rospy.Publisher('/camera/image_raw', Image, queue_size=5)",
            "W, H = 160, 80",
            "data = bytearray(W * H * 3)",
            "for y in range(H):",
            "    for x in range(W):",
            "        o = (y * W + x) * 3",
            "        data[o] = 200 if ((x // 10) + (y // 10)) % 2 == 0 else 50",
            "        data[o + 1] = (x * y) % 256",
            "        data[o + 2] = (x + 2 * y) % 256",
            "m = Image(height=H, width=W, encoding='rgb8', is_bigendian=0, step=W * 3, data=bytes(data))",
            "m.header.frame_id = 'camera'",
            "r = rospy.Rate(20)",
            "for i in range(600):",
            "    if rospy.is_shutdown(): break",
            "    m.header.seq = i",
            "    m.header.stamp = rospy.Time.now()",
            "    pub.publish(m)",
            "    r.sleep()");

    @Test
    void rospyCameraToRostopicEchoThroughOurNode() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        try (DebianRos ros = DebianRos.startRoscore()) {
            ConnectedNode node = RosNodes.execute(new PerceptionNode(), NodeConfiguration.fromArgs("perception", Map.of(),
                    "__master:=" + ros.masterUri(), "__name:=perception", "__ip:=127.0.0.1"));
            try {
                Process echo = ros.start("rostopic", "echo", "-n", "1", "/pilot/features");
                ros.startPython(CAMERA);
                DebianRos.Result r = DebianRos.collect(echo, Duration.ofSeconds(60));
                assertEquals(0, r.exitCode(), r.toString());
                assertTrue(r.stdout().contains("label: \"features\""), r.stdout());
                Matcher m = Pattern.compile("data: \\[([^\\]]*)\\]").matcher(r.stdout());
                assertTrue(m.find(), r.stdout());
                String[] values = m.group(1).split(",");
                assertEquals(32, values.length, m.group(1));
                float[] expected;
                try (FeatureExtractor fx = new FeatureExtractor(FeatureConfig.defaults())) {
                    expected = fx.extract(pattern());
                }
                // Every frame is the same picture, so even the motion features (0) must agree.
                for (int k = 0; k < 32; k++) assertEquals(expected[k], Double.parseDouble(values[k].trim()), 1e-6, "feature " + k);
            } finally {
                node.shutdown();
            }
        }
    }
}
