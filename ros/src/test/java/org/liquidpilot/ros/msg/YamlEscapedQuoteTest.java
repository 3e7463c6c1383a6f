package org.liquidpilot.ros.msg;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A single-quoted scalar that starts with an escaped quote and goes on over several lines reads back whole. */
class YamlEscapedQuoteTest {

    @Test
    void anEscapedQuoteDoesNotEndAMultiLineSingleQuotedScalar() {
        EchoVectorsTest.Vector v = EchoVectorsTest.load("alltypes");
        DynamicCodec dyn = DynamicCodec.fromDefinition(v.type(), v.definition());
        // The values the round-trip property once drew (seed -6406): a string "'\n\nCK" among others.
        Map<String, Object> value = new RandomValues(dyn.registry(), -6406).message(v.type());
        byte[] bytes = dyn.toBytes(value);
        String yaml = MessageYaml.format(dyn, dyn.fromBytes(bytes));
        assertTrue(yaml.contains("- '''"), yaml);
        assertArrayEquals(bytes, dyn.toBytes(DynamicMessage.fromYaml(dyn, yaml)), yaml);
    }
}
