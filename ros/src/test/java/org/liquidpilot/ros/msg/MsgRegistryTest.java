package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** md5 sums and full definitions agree with what Debian's genmsg/genpy produced (fixtures in msg/). */
class MsgRegistryTest {
    private final MsgRegistry builtin = MsgRegistry.builtin();

    private static Map<String, String> sharedMd5s() {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher x = Pattern.compile("\"([a-z_]+/\\w+)\":\\s*\\{\\s*\"md5sum\":\\s*\"([0-9a-f]{32})\"")
                .matcher(Fixtures.text("msgdefs/md5sums.json"));
        while (x.find()) {
            m.put(x.group(1), x.group(2));
        }
        return m;
    }

    @Test
    void md5AndFullTextMatchCapturedDefinitions() {
        Map<String, String> md5s = sharedMd5s();
        assertEquals(12, md5s.size());
        for (var e : md5s.entrySet()) {
            String type = e.getKey();
            String file = type.replace("/", "__");
            assertEquals(e.getValue(), builtin.md5(type), type);
            String md5Text = Fixtures.text("msgdefs/" + file + ".md5_text.txt");
            if (!md5Text.startsWith("(not computed")) { // the capture lacked Log.msg; its md5 is still checked
                assertEquals(md5Text, builtin.md5Text(type), type);
            }
            assertEquals(Fixtures.text("msgdefs/" + file + ".full_text.txt"), builtin.fullText(type), type);
        }
    }

    @Test
    void everyShippedTypeMatchesGenpy() {
        int checked = 0;
        for (String line : Fixtures.text("genpy/md5sums.txt").split("\n")) {
            String[] p = line.split(" ");
            String type = p[0];
            if (builtin.containsService(type)) {
                assertEquals(p[1], builtin.serviceMd5(type), type);
            } else {
                assertEquals(p[1], builtin.md5(type), type);
                String file = type.replace("/", "__") + ".full_text.txt";
                String expected = Fixtures.class.getResource("/msg/genpy/" + file) != null
                        ? Fixtures.text("genpy/" + file) : Fixtures.text("msgdefs/" + file);
                assertEquals(expected, builtin.fullText(type), type);
            }
            checked++;
        }
        assertEquals(builtin.types().size() - 2 * builtin.serviceTypes().size() + builtin.serviceTypes().size(), checked);
    }

    @Test
    void fullTextParsesBackToTheSameTree() {
        for (String type : builtin.types()) {
            String full = builtin.fullText(type);
            MsgRegistry back = MsgRegistry.fromFullText(type, full);
            assertEquals(builtin.md5(type), back.md5(type), type);
            assertEquals(full, back.fullText(type), type);
            assertEquals(builtin.dependencies(type), back.dependencies(type), type);
        }
    }

    @Test
    void odometryDependenciesAreDepthFirst() {
        assertEquals(java.util.List.of("std_msgs/Header", "geometry_msgs/PoseWithCovariance", "geometry_msgs/Pose",
                "geometry_msgs/Point", "geometry_msgs/Quaternion", "geometry_msgs/TwistWithCovariance",
                "geometry_msgs/Twist", "geometry_msgs/Vector3"), builtin.dependencies("nav_msgs/Odometry"));
    }

    @Test
    void unknownAndRecursiveTypesAreRejected() {
        assertThrows(InvalidDefinitionException.class, () -> builtin.md5("nope_msgs/Nothing"));
        assertThrows(InvalidDefinitionException.class,
                () -> MsgRegistry.fromFullText("a/A", "b/Missing x\n"));
        assertThrows(InvalidDefinitionException.class, () -> MsgRegistry.fromFullText("a/A",
                "B b\n" + "=".repeat(80) + "\nMSG: a/B\nA a\n" + "=".repeat(80) + "\nMSG: a/A\nB b"));
        assertTrue(builtin.types().contains("nav_msgs/Odometry"));
    }
}
