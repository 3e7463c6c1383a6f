package org.liquidpilot.ros.msg;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A quote inside a plain scalar is an ordinary character; it once folded the next list item into this one. */
class YamlQuoteInsidePlainTest {

    @Test
    void stringListWithQuotesInsidePlainScalarsRoundTrips() {
        DynamicCodec dyn = DynamicCodec.fromDefinition("test_msgs/Strings", "string[] strings\n");
        Map<String, Object> value = new LinkedHashMap<>();
        // Gb{' and a [\"b: a quote after a bracket inside a plain scalar (a random message found the first in CI)
        value.put("strings", List.of("ukB:\"3", "r\u0005y", "it's", "a'b\"c", "=", "x:'y", "Gb{'", "next", "a [\"b", "k,'v", "it's a 'test"));
        byte[] bytes = dyn.toBytes(value);
        String yaml = MessageYaml.format(dyn, dyn.fromBytes(bytes));
        assertArrayEquals(bytes, dyn.toBytes(DynamicMessage.fromYaml(dyn, yaml)), yaml);
    }

    @Test
    void aQuoteAfterABraceInsideAPlainItemIsACharacter() {
        // What a random message formatted (PyYAML writes Gb{' plain); the reader took the quote as opening a scalar
        // and joined the following lines to it.
        DynamicCodec dyn = DynamicCodec.fromDefinition("test_msgs/Two", "string[] strings\nstring[] more\n");
        Map<String, Object> m = DynamicMessage.fromYaml(dyn, "strings:\n  - Gb{'\nmore:\n  - a\n");
        assertEquals(List.of("Gb{'"), m.get("strings"));
        assertEquals(List.of("a"), m.get("more"));
    }

    @Test
    void aColonInsideAQuotedItemWithEscapedQuotesIsNotAKey() {
        // a random message's item: an escaped quote and then ": " inside one double-quoted scalar
        Map<String, Object> m = DynamicMessage.fromYaml(stringsCodec(), "strings:\n  - \"\\\"a: \"\n  - 'it''s: x'\n");
        assertEquals(List.of("\"a: ", "it's: x"), m.get("strings"));
    }

    @Test
    void quotesStillOpenWhereAValueStarts() {
        Map<String, Object> m = DynamicMessage.fromYaml(stringsCodec(), "strings: ['a, b', \"c]\", d]\n");
        assertEquals(List.of("a, b", "c]", "d"), m.get("strings"));
        m = DynamicMessage.fromYaml(stringsCodec(), "strings:\n  - 'x: y'\n  - \"{z\"\n");
        assertEquals(List.of("x: y", "{z"), m.get("strings"));
    }

    private static DynamicCodec stringsCodec() {
        return DynamicCodec.fromDefinition("test_msgs/Strings", "string[] strings\n");
    }

    @Test
    void jsonStyleFlowMappingStillReads() {
        Map<String, Object> m = DynamicMessage.fromYaml("geometry_msgs/Vector3", "{\"x\":1.5, \"y\":\"2\", \"z\": 3}");
        assertEquals(1.5, (double) m.get("x"));
        assertEquals(3.0, (double) m.get("z"));
    }

    /**
     * Floods of quotes: an unterminated quote over 200,000 lines, and 200,000 quoted items in one flow sequence. Each
     * line is scanned once; the quote state was once rescanned from the start per joined line and per quote, and
     * these took 24 s and more than a minute and a half. A clear error, or the value, well inside the time limit.
     */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void quoteFloodsStayLinear() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DynamicMessage.fromYaml("std_msgs/String", "data: '" + "\n".repeat(200_000)));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        Map<String, Object> m = DynamicMessage.fromYaml(stringsCodec(), "strings: [" + "'a',".repeat(200_000) + "'b']");
        assertEquals(200_001, ((List<?>) m.get("strings")).size());
    }
}
