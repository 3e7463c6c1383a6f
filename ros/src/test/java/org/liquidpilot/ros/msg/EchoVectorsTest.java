package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real serialized messages (Debian rosbag / genpy) with the text genpy's strify_message (rostopic echo) makes of
 * them: the dynamic codec must decode and re-encode them byte for byte, print the same text, read that text back
 * as a publish argument to the same bytes, and agree with the typed codec where there is one.
 */
class EchoVectorsTest {
    static final List<String> NAMES = List.of("cmd_vel_15", "imu_0", "altitude_0", "compressed_0", "array_a5_0",
            "array_a1_3", "camera_info_0", "text_00_0", "text_01_1", "text_02_2", "text_03_3", "text_04_4",
            "text_05_0", "text_11_5", "odometry", "log", "clock", "twist_stamped", "pose_stamped", "bool", "float64",
            "empty", "alltypes");

    record Vector(String name, String type, String md5, byte[] raw, String definition, String yaml) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Vector load(String name) {
        String text = Fixtures.text("echo/" + name + ".txt");
        int yamlAt = text.indexOf("\nyaml:\n");
        String yaml = text.substring(yamlAt + 7);
        yaml = yaml.substring(0, yaml.length() - 1); // the generator ends the file with a newline
        String type = null;
        String md5 = null;
        byte[] raw = null;
        String def = null;
        for (String line : text.substring(0, yamlAt).split("\n")) {
            String v = line.substring(line.indexOf(": ") + 2);
            if (line.startsWith("type: ")) {
                type = v;
            } else if (line.startsWith("md5: ")) {
                md5 = v;
            } else if (line.startsWith("hex: ")) {
                raw = HexFormat.of().parseHex(v);
            } else if (line.startsWith("definition-hex: ")) {
                def = new String(HexFormat.of().parseHex(v), StandardCharsets.UTF_8);
            }
        }
        return new Vector(name, type, md5, raw, def, yaml);
    }

    static Stream<Vector> vectors() {
        List<Vector> out = new ArrayList<>();
        for (String n : NAMES) {
            out.add(load(n));
        }
        return out.stream();
    }

    private static DynamicCodec codecFor(Vector v) {
        return v.definition() != null ? DynamicCodec.fromDefinition(v.type(), v.definition()) : DynamicCodec.of(v.type());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void dynamicCodecRoundTripsRealBytes(Vector v) {
        DynamicCodec codec = codecFor(v);
        assertEquals(v.md5(), codec.md5sum());
        Map<String, Object> m = codec.fromBytes(v.raw());
        assertEquals(v.raw().length, codec.encodedSize(m));
        assertArrayEquals(v.raw(), codec.toBytes(m));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void printsWhatRostopicEchoPrints(Vector v) {
        DynamicCodec codec = codecFor(v);
        assertEquals(v.yaml(), DynamicMessage.toYaml(codec, codec.fromBytes(v.raw())));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void echoedTextPublishesTheSameBytes(Vector v) {
        DynamicCodec codec = codecFor(v);
        Map<String, Object> m = DynamicMessage.fromYaml(codec, v.yaml());
        assertArrayEquals(v.raw(), codec.toBytes(m));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void typedCodecAgreesWithRealBytes(Vector v) {
        Optional<TypedCodec<?>> typed = Messages.typed(v.type());
        if (typed.isEmpty()) {
            return;
        }
        TypedCodec codec = typed.get();
        assertEquals(v.md5(), codec.md5sum());
        Object decoded = codec.fromBytes(v.raw());
        assertArrayEquals(v.raw(), codec.toBytes(decoded));
    }
}
