package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Garbage in: random, truncated and length-forged bytes for every codec, random text for the .msg, full-definition
 * and YAML parsers. Only the documented exceptions may come out, and forged lengths must not allocate.
 */
class GarbageInputTest {

    private static List<MessageCodec<?>> codecs() {
        List<MessageCodec<?>> out = new ArrayList<>();
        for (String t : Messages.typedTypes()) {
            out.add(Messages.typed(t).orElseThrow());
        }
        for (String t : MsgRegistry.builtin().types()) {
            out.add(DynamicCodec.of(t));
        }
        EchoVectorsTest.Vector v = EchoVectorsTest.load("alltypes");
        out.add(DynamicCodec.fromDefinition(v.type(), v.definition()));
        return out;
    }

    private static final List<MessageCodec<?>> CODECS = codecs();

    @Provide
    Arbitrary<MessageCodec<?>> anyCodec() {
        return Arbitraries.of(CODECS);
    }

    private static void decodeOnly(MessageCodec<?> codec, byte[] bytes) {
        try {
            codec.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        } catch (MessageFormatException expected) {
            // the one allowed failure
        }
    }

    @Property(tries = 1000)
    void randomBytesDecodeOrFailCleanly(@ForAll("anyCodec") MessageCodec<?> codec, @ForAll @Size(max = 300) byte[] bytes) {
        decodeOnly(codec, bytes);
    }

    @Property(tries = 500)
    void truncatedMessagesAlwaysFail(@ForAll("anyCodec") MessageCodec<?> codec, @ForAll long seed) {
        DynamicCodec dyn = codec instanceof DynamicCodec d ? d : DynamicCodec.of(codec.type());
        byte[] full = dyn.toBytes(new RandomValues(dyn.registry(), seed).message(codec.type()));
        Random r = new Random(seed);
        for (int k = 0; k < 8 && full.length > 0; k++) {
            byte[] cut = Arrays.copyOf(full, r.nextInt(full.length));
            ByteBuffer in = ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN);
            assertThrows(MessageFormatException.class, () -> codec.decode(in), codec.type() + " cut at " + cut.length);
        }
    }

    @Property(tries = 500)
    void forgedLengthsFailWithoutAllocating(@ForAll("anyCodec") MessageCodec<?> codec, @ForAll long seed,
                                            @ForAll @IntRange(min = 0, max = 3) int which) {
        DynamicCodec dyn = codec instanceof DynamicCodec d ? d : DynamicCodec.of(codec.type());
        byte[] bytes = dyn.toBytes(new RandomValues(dyn.registry(), seed).message(codec.type()));
        if (bytes.length < 4) {
            return;
        }
        int at = new Random(seed).nextInt(bytes.length - 3);
        int forged = switch (which) {
            case 0 -> 0xFFFF_FFFF;
            case 1 -> 0x7FFF_FFFF;
            case 2 -> 0x8000_0000;
            default -> 0x1000_0000;
        };
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, forged);
        long before = usedHeap();
        decodeOnly(codec, bytes);
        long grown = usedHeap() - before;
        if (grown > 64L << 20) {
            fail(codec.type() + ": decoding a forged length grew the heap by " + (grown >> 20) + " MB");
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @org.junit.jupiter.api.Test
    void fourGigabyteImageLengthIsRefusedUpFront() {
        byte[] head = Fixtures.hex("00000000 00f15365 00000000 06000000 63616d657261 50000000 a0000000 04000000"
                + " 72676238 00 e0010000 ffffffff 0102");
        assertThrows(MessageFormatException.class,
                () -> org.liquidpilot.ros.msg.sensor_msgs.Image.CODEC.fromBytes(head));
        assertThrows(MessageFormatException.class, () -> DynamicCodec.of("sensor_msgs/Image").fromBytes(head));
    }

    // ------------------------------------------------------------------ text parsers

    private static final String[] MSG_TOKENS = {"uint8", "int32", "float64", "string", "time", "duration", "byte",
            "char", "bool", "Header", "Vector3", "geometry_msgs/Twist", "std_msgs/Header", "x", "data", "X1", "[", "]",
            "[3]", "[]", "=", "#", " ", "  ", "\n", "\t", "-", "1", "1.5", "abc", "===", "MSG:", "/", "//", "é", "\0",
            "99999999999", "[2147483648]", "ſ"};

    @Provide
    Arbitrary<String> msgText() {
        return Arbitraries.of(MSG_TOKENS).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 1500)
    void msgParserOnlyThrowsInvalidDefinition(@ForAll("msgText") String text) {
        try {
            MsgSpec spec = MsgParser.parse("fuzz_msgs/Fuzz", text);
            MsgRegistry.builtin().plus(List.of(spec)).md5Text("fuzz_msgs/Fuzz");
        } catch (InvalidDefinitionException expected) {
            // fine
        }
    }

    @Property(tries = 1000)
    void fullTextParserOnlyThrowsInvalidDefinition(@ForAll("msgText") String a, @ForAll("msgText") String b,
                                                   @ForAll @IntRange(min = 0, max = 2) int shape) {
        String sep = "\n" + "=".repeat(80) + "\n";
        String text = switch (shape) {
            case 0 -> a + sep + "MSG: fuzz_msgs/B\n" + b;
            case 1 -> a + sep + b;
            default -> a + "\n" + b;
        };
        try {
            MsgRegistry r = MsgRegistry.fromFullText("fuzz_msgs/A", text);
            new DynamicCodec(r, "fuzz_msgs/A");
        } catch (InvalidDefinitionException expected) {
            // fine
        }
    }

    private static final String[] YAML_TOKENS = {"{", "}", "[", "]", ",", ":", ": ", "- ", "\n", "  ", "#", "'",
            "\"", "\\", "\\x4", "\\u12", "linear", "angular", "x", "z", "1.0", "-1", "0x1F", "nan", ".inf", "now",
            "auto", "true", "data", "header", "stamp", "secs", "nsecs", "é", "9999999999999999999999"};

    @Provide
    Arbitrary<String> yamlText() {
        return Arbitraries.of(YAML_TOKENS).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> pubTypes() {
        return Arbitraries.of("geometry_msgs/Twist", "std_msgs/String", "sensor_msgs/Image", "std_msgs/Float64MultiArray",
                "rosgraph_msgs/Log", "sensor_msgs/CameraInfo", "std_msgs/Header");
    }

    @Property(tries = 1500)
    void yamlReadersOnlyThrowIllegalArgument(@ForAll("yamlText") String text, @ForAll("pubTypes") String type) {
        try {
            MessageYaml.parse(text);
        } catch (IllegalArgumentException expected) {
            // fine
        }
        DynamicCodec codec = DynamicCodec.of(type);
        try {
            codec.toBytes(DynamicMessage.fromYaml(codec, text));
        } catch (IllegalArgumentException expected) {
            // fine
        }
    }

    @Property(tries = 20)
    void deepNestingIsBounded(@ForAll @IntRange(min = 70, max = 2000) int depth) {
        String text = "[".repeat(depth) + "]".repeat(depth);
        assertThrows(IllegalArgumentException.class, () -> MessageYaml.parse(text));
        String block = new StringBuilder().append("a:\n".repeat(1)).toString();
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            deep.append(" ".repeat(i)).append("k:\n");
        }
        assertThrows(IllegalArgumentException.class, () -> MessageYaml.parse(block + deep));
    }
}
