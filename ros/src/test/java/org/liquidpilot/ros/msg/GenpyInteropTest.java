package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.debian.Interop;

/**
 * Live cross-check with Debian's genpy: it builds classes from our full definitions, decodes our bytes and prints
 * exactly our echo text, and rostopic pub's filling of our echo text serializes to our bytes.
 */
class GenpyInteropTest {
    private static final List<String> TYPES = List.of("geometry_msgs/Twist", "geometry_msgs/TwistStamped",
            "sensor_msgs/Image", "sensor_msgs/CompressedImage", "sensor_msgs/CameraInfo", "sensor_msgs/Imu",
            "std_msgs/Float64MultiArray", "std_msgs/Float32MultiArray", "std_msgs/String", "std_msgs/Bool",
            "rosgraph_msgs/Log", "rosgraph_msgs/Clock", "nav_msgs/Odometry", "geometry_msgs/PoseStamped",
            "mavros_msgs/State", "mavros_msgs/PositionTarget");

    @Test
    @Timeout(120)
    void genpyReadsOurBytesDefinitionsAndEchoText() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        List<DynamicCodec> codecs = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        List<String> yamls = new ArrayList<>();
        List<Boolean> fills = new ArrayList<>();
        EchoVectorsTest.Vector all = EchoVectorsTest.load("alltypes");
        for (int seed = 0; seed < 12; seed++) {
            for (String type : TYPES) {
                codecs.add(DynamicCodec.of(type));
            }
            codecs.add(DynamicCodec.fromDefinition(all.type(), all.definition()));
        }
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < codecs.size(); i++) {
            DynamicCodec c = codecs.get(i);
            Map<String, Object> value = new RandomValues(c.registry(), i).message(c.type());
            byte[] b = c.toBytes(value);
            String yaml = MessageYaml.format(c, c.fromBytes(b));
            // PyYAML reads nan, inf and dot-less exponents (1e-05) as text, so rostopic pub cannot take those back
            // from rostopic echo; only the echo text is compared then
            // (genpy cannot fill nested types of classes made by genpy.dynamic, so AllTypes is only echoed)
            boolean fill = !c.type().startsWith("test_msgs/") && !yaml.matches("(?s).*(: |\\[|, )-?(nan|inf|\\d+e[-+]\\d+)\\b.*");
            bytes.add(b);
            yamls.add(yaml);
            fills.add(fill);
            input.append("{\"type\": ").append(json(c.type())).append(", \"definition\": ").append(json(c.definition()))
                    .append(", \"hex\": \"").append(HexFormat.of().formatHex(b)).append("\", \"yaml\": ")
                    .append(json(yaml)).append(", \"fill\": ").append(fill).append("}\n");
        }
        Path script = Files.createTempFile("genpy_check", ".py");
        Path rosHome = Files.createTempDirectory("ros_home");
        Files.write(script, Fixtures.bytes("tools/genpy_check.py"));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", "/usr/bin:" + System.getenv().getOrDefault("PATH", ""));
        pb.environment().put("ROS_HOME", rosHome.toString());
        Process p = pb.start();
        try {
            // write and read on their own threads: the helper answers while we are still sending
            Thread writer = new Thread(() -> {
                try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                    w.write(input.toString());
                } catch (java.io.IOException ignored) {
                    // the helper died; the line count check below reports it
                }
            }, "genpy-writer");
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // as above
                }
            }, "genpy-reader");
            writer.setDaemon(true);
            reader.setDaemon(true);
            writer.start();
            reader.start();
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            reader.join(5000);
            assertTrue(done, "genpy helper did not finish in 90 s");
            assertEquals(codecs.size(), lines.size(), () -> String.join("\n", lines));
            int filled = 0;
            for (int i = 0; i < codecs.size(); i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> out = (Map<String, Object>) MessageYaml.parse(lines.get(i));
                String what = codecs.get(i).type() + " #" + i;
                assertEquals(null, out.get("error"), what + "\n" + yamls.get(i));
                assertEquals(codecs.get(i).md5sum(), out.get("md5"), what);
                assertEquals(yamls.get(i), out.get("strify"), what);
                if (fills.get(i)) {
                    assertEquals(HexFormat.of().formatHex(bytes.get(i)), out.get("hex"), what + "\n" + yamls.get(i));
                    filled++;
                }
            }
            assertTrue(filled > codecs.size() / 2, "too few cases without nan/inf: " + filled);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(script);
            Files.deleteIfExists(rosHome);
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
