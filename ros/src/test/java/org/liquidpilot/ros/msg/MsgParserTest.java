package org.liquidpilot.ros.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MsgParserTest {

    @Test
    void parsesFieldsConstantsArraysAndComments() {
        MsgSpec s = MsgParser.parse("my_msgs/Thing", """
                # leading comment
                byte LEVEL=16   # comment after an int constant
                string NAME = a # b   
                float64 PI=3.14
                bool ON=True
                Header header
                Point[] points   # resolves in my_msgs
                geometry_msgs/Vector3[4] v
                char c
                uint8[] data
                time t
                duration d
                """);
        assertEquals(List.of("LEVEL", "NAME", "PI", "ON"), s.constants().stream().map(MsgConstant::name).toList());
        assertEquals(16L, s.constants().get(0).value());
        assertEquals("a # b", s.constants().get(1).value(), "string constants keep '#' and everything after '='");
        assertEquals(3.14, s.constants().get(2).value());
        assertEquals(Boolean.TRUE, s.constants().get(3).value());
        assertEquals("std_msgs/Header", s.field("header").baseType());
        assertEquals("my_msgs/Point", s.field("points").baseType());
        assertTrue(s.field("points").array());
        assertEquals(-1, s.field("points").arrayLength());
        assertEquals(4, s.field("v").arrayLength());
        assertEquals("geometry_msgs/Vector3[4]", s.field("v").typeText());
        assertEquals(Primitive.CHAR, s.field("c").primitive());
        assertEquals(Primitive.UINT8, s.field("data").primitive());
    }

    @Test
    void md5TextPutsConstantsFirstAndUsesNestedMd5s() {
        MsgSpec s = MsgParser.parse("my_msgs/Thing", "geometry_msgs/Twist twist # hi\nint32 X=1\nfloat64[9] k\n");
        MsgRegistry r = MsgRegistry.builtin().plus(List.of(s));
        assertEquals("int32 X=1\n9f195f881246fdfa2798d1d3eebca84a twist\nfloat64[9] k", r.md5Text("my_msgs/Thing"));
    }

    @Test
    void servicesSplitAtDashes() {
        SrvSpec s = MsgParser.parseService("my_srvs/Add", "int64 a\nint64 b\n---\nint64 sum\n");
        assertEquals("my_srvs/AddRequest", s.request().type());
        assertEquals(List.of("a", "b"), s.request().fields().stream().map(MsgField::name).toList());
        assertEquals("sum", s.response().fields().get(0).name());
        // std_srvs md5s are checked against genpy in MsgRegistryTest; Trigger's is well known
        assertEquals("937c9679a518e3a18d831e57125ea522", Messages.md5("std_srvs/Trigger"));
    }

    @Test
    void rejectsBadDefinitionsWithALineNumber() {
        for (String bad : List.of("float64", "float64 x y", "float64 1x", "time T=1", "uint8 X=256", "int8 X=-129",
                "bool B=maybe", "float64[-1] x", "float64[x] y", "float64[][] z", "int32[99999999999] big",
                "float64 x\nfloat64 x", "my//Type x", "float64 X=1=2", "string x\n=")) {
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> MsgParser.parse("my_msgs/Bad", bad), bad);
            assertTrue(e.getMessage().startsWith("my_msgs/Bad"), e.getMessage());
        }
        assertThrows(InvalidDefinitionException.class, () -> MsgParser.parse("NoPackage", "int32 x"));
        assertFalse(MsgParser.parse("my_msgs/Ok", "\n\n# only comments\n").fields().size() > 0);
    }

    @Test
    void capturedLogDefinitionFromTheWireParses() {
        // the first lines of the rosgraph_msgs/Log definition rospy's /rosout publisher sent (capture, conn 011)
        String def = MsgRegistry.builtin().fullText("rosgraph_msgs/Log");
        assertTrue(def.startsWith("##\n## Severity level constants\n##\nbyte DEBUG=1 #debug level\nbyte I"));
        assertEquals(1111, def.length());
        assertEquals(1130 - "message_definition=".length(), def.length());
    }
}
