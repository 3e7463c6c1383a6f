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
        value.put("strings", List.of("ukB:\"3", "r\u0005y", "it's", "a'b\"c", "=", "x:'y"));
        byte[] bytes = dyn.toBytes(value);
        String yaml = MessageYaml.format(dyn, dyn.fromBytes(bytes));
        assertArrayEquals(bytes, dyn.toBytes(DynamicMessage.fromYaml(dyn, yaml)), yaml);
    }

    @Test
    void jsonStyleFlowMappingStillReads() {
        Map<String, Object> m = DynamicMessage.fromYaml("geometry_msgs/Vector3", "{\"x\":1.5, \"y\":\"2\", \"z\": 3}");
        assertEquals(1.5, (double) m.get("x"));
        assertEquals(3.0, (double) m.get("z"));
    }
}
