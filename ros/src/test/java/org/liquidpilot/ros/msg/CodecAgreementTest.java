package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Typed and dynamic codecs agree byte for byte; echo text and publish text round-trip, for random messages. */
class CodecAgreementTest {

    @Provide
    Arbitrary<String> typedTypes() {
        return Arbitraries.of(Messages.typedTypes().stream().sorted().toList());
    }

    @Provide
    Arbitrary<String> allTypes() {
        return Arbitraries.of(MsgRegistry.builtin().types().stream().sorted().toList());
    }

    @Property(tries = 400)
    @SuppressWarnings({"unchecked", "rawtypes"})
    void typedCodecWritesWhatDynamicCodecWrites(@ForAll("typedTypes") String type, @ForAll long seed) {
        DynamicCodec dyn = DynamicCodec.of(type);
        byte[] bytes = dyn.toBytes(new RandomValues(dyn.registry(), seed).message(type));
        TypedCodec typed = Messages.typed(type).orElseThrow();
        Object record = typed.fromBytes(bytes);
        assertEquals(bytes.length, typed.encodedSize(record), type);
        assertArrayEquals(bytes, typed.toBytes(record), type);
        assertEquals(record, typed.fromBytes(typed.toBytes(record)), type + " record equality");
    }

    @Property(tries = 400)
    void dynamicCodecRoundTripsAndYamlRoundTrips(@ForAll("allTypes") String type, @ForAll long seed) {
        DynamicCodec dyn = DynamicCodec.of(type);
        Map<String, Object> value = new RandomValues(dyn.registry(), seed).message(type);
        byte[] bytes = dyn.toBytes(value);
        Map<String, Object> decoded = dyn.fromBytes(bytes);
        assertArrayEquals(bytes, dyn.toBytes(decoded), type);
        String yaml = MessageYaml.format(dyn, decoded);
        byte[] again = dyn.toBytes(DynamicMessage.fromYaml(dyn, yaml));
        assertArrayEquals(bytes, again, () -> type + " via YAML:\n" + yaml);
    }

    @Property(tries = 100)
    void allTypesVectorRoundTripsThroughYaml(@ForAll long seed) {
        EchoVectorsTest.Vector v = EchoVectorsTest.load("alltypes");
        DynamicCodec dyn = DynamicCodec.fromDefinition(v.type(), v.definition());
        Map<String, Object> value = new RandomValues(dyn.registry(), seed).message(v.type());
        byte[] bytes = dyn.toBytes(value);
        String yaml = MessageYaml.format(dyn, dyn.fromBytes(bytes));
        assertArrayEquals(bytes, dyn.toBytes(DynamicMessage.fromYaml(dyn, yaml)), () -> yaml);
    }
}
