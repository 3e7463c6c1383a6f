package org.liquidpilot.ros.xmlrpc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlRpcTest {

    @Test
    void valuesRoundTripThroughWriterAndParser() throws Exception {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("a", 1);
        struct.put("b", List.of(1.5, "x & <y>", true));
        struct.put("empty", Map.of());
        List<Object> params = List.of("/caller", -7, 2.25, false, "", List.of(), struct, new byte[] {0, 1, (byte) 255});
        XmlRpcCall call = XmlRpcParser.parseCall(XmlRpcWriter.call("setParam", params));
        assertEquals("setParam", call.method());
        assertEquals(params.subList(0, 7), call.params().subList(0, 7));
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, (byte[]) call.params().get(7));
        assertEquals(List.of(1, "ok", struct), XmlRpcParser.parseResponse(XmlRpcWriter.response(List.of(1, "ok", struct))));
    }

    @Test
    void acceptsXmlRpcPlusPlusUntypedStringsAndI4() throws Exception {
        String xml = "<?xml version=\"1.0\"?>\r\n<methodCall><methodName>registerService</methodName>\r\n<params>"
                + "<param><value>/rosout</value></param><param><value></value></param><param><value/></param>"
                + "<param><value><i4>42</i4></value></param><param><value><array><data/></array></value></param>"
                + "</params></methodCall>\r\n";
        XmlRpcCall call = XmlRpcParser.parseCall(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("/rosout", "", "", 42, List.of()), call.params());
    }

    @Test
    void faultsBecomeExceptions() {
        XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> XmlRpcParser.parseResponse(XmlRpcWriter.fault(-32601, "no such method")));
        assertEquals(-32601, f.code());
        assertEquals("no such method", f.getMessage());
    }

    @Test
    void rejectsEntitiesDoctypesAndDeepNesting() {
        assertThrows(XmlRpcFormatException.class, () -> XmlRpcParser.parseCall(
                "<!DOCTYPE x [<!ENTITY a \"b\">]><methodCall><methodName>m</methodName></methodCall>".getBytes(StandardCharsets.UTF_8)));
        assertThrows(XmlRpcFormatException.class, () -> XmlRpcParser.parseCall(
                "<methodCall><methodName>m&a;</methodName></methodCall>".getBytes(StandardCharsets.UTF_8)));
        String deep = "<value><array><data>".repeat(200) + "<value>x</value>" + "</data></array></value>".repeat(200);
        assertThrows(XmlRpcFormatException.class, () -> XmlRpcParser.parseCall(
                ("<methodCall><methodName>m</methodName><params><param>" + deep + "</param></params></methodCall>").getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] setParamWith(String escapedValue) {
        return ("<?xml version=\"1.0\"?><methodCall><methodName>setParam</methodName><params><param><value><string>/c</string>"
                + "</value></param><param><value><string>/p</string></value></param><param><value><string>" + escapedValue
                + "</string></value></param></params></methodCall>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void charactersXml10CannotCarryAreRefusedAsExpatRefusesThem() {
        for (String bad : List.of("a&#0;b", "&#x0;", "&#1;", "&#x1F;", "&#xFFFE;", "&#xFFFF;", "&#xD800;", "&#xDFFF;", "&#x110000;",
                "a\u0000b", "\u0001", "\u001f", "\uFFFE", "\uFFFF")) {
            XmlRpcFormatException e = assertThrows(XmlRpcFormatException.class, () -> XmlRpcParser.parseCall(setParamWith(bad)), bad);
            assertTrue(e.getMessage().contains("invalid character") || e.getMessage().contains("not an XML 1.0 character"), e.getMessage());
        }
        assertThrows(XmlRpcFormatException.class, () -> XmlRpcParser.parseResponse(
                "<methodResponse><params><param><value>&#0;</value></param></params></methodResponse>".getBytes(StandardCharsets.UTF_8)));
        // every XML character, including tab, newline, carriage return and those outside the BMP, still passes
        assertEquals("\t\n\r \uD7FF\uE000\uFFFD\uD800\uDC00\uDBFF\uDFFF\u00e9", XmlRpcParser.parseCall(
                setParamWith("&#9;&#10;&#13;&#x20;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;\u00e9")).params().get(2));
    }

    @Test
    void aJavaCallerCannotSendAStringXml10CannotCarry() {
        for (String bad : List.of("a\u0000b", "\u0008", "x\uFFFF", "\uD800", "\uDC00x", "ok\uD800")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.call("setParam", List.of("/c", "/p", bad)));
            assertTrue(e.getMessage().contains("XML 1.0 cannot carry"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.call("setParam", List.of("/c", "/p", Map.of(bad, 1))));
            assertThrows(IllegalArgumentException.class, () -> XmlRpcWriter.response(List.of(1, "", List.of(bad))));
        }
        String fine = "tab\tnl\ncr\r pair\uD83D\uDE81 amp& lt< \u00e9";
        assertEquals(List.of("/c", "/p", fine), XmlRpcParser.parseCall(XmlRpcWriter.call("setParam", List.of("/c", "/p", fine))).params());
    }

    @Test
    void theServerAnswersABadCharacterReferenceWithAFault() throws Exception {
        try (XmlRpcServer server = new XmlRpcServer((m, p) -> "ok", InetAddress.getLoopbackAddress(), 0, "test-xmlrpc");
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            byte[] body = setParamWith("a&#0;b");
            s.getOutputStream().write(("POST / HTTP/1.0\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            int start = reply.indexOf("<?xml");
            XmlRpcFault f = assertThrows(XmlRpcFault.class, () -> XmlRpcParser.parseResponse(reply.substring(start).getBytes(StandardCharsets.UTF_8)));
            assertEquals(-32700, f.code());
            assertTrue(f.getMessage().contains("invalid character"), f.getMessage());
        }
    }

    @Test
    void serverAnswersKeepAliveGzipAndMulticall() throws Exception {
        XmlRpcHandler echo = (method, params) -> {
            if (method.equals("big")) return "x".repeat(5000);
            if (method.equals("fail")) throw new XmlRpcFault(7, "failed on purpose");
            return List.of(method, params);
        };
        try (XmlRpcServer server = new XmlRpcServer(echo, InetAddress.getLoopbackAddress(), 0, "test-xmlrpc");
             XmlRpcClient client = new XmlRpcClient(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
            assertEquals(List.of("hello", List.of("a", 1)), client.call("hello", "a", 1));
            assertEquals("x".repeat(5000), client.call("big")); // gzip because the client accepts it
            assertEquals(7, assertThrows(XmlRpcFault.class, () -> client.call("fail")).code());
            Object multi = client.call("system.multicall", List.of(List.of(
                    Map.of("methodName", "one", "params", List.of(1)),
                    Map.of("methodName", "fail", "params", List.of()))));
            List<?> results = (List<?>) multi;
            assertEquals(List.of(List.of("one", List.of(1))), results.get(0));
            assertEquals(7, ((Map<?, ?>) results.get(1)).get("faultCode"));
        }
    }

    @Test
    void serverRefusesAHugeContentLengthWithoutReadingIt() throws Exception {
        try (XmlRpcServer server = new XmlRpcServer((m, p) -> "ok", InetAddress.getLoopbackAddress(), 0, "test-xmlrpc");
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("POST / HTTP/1.1\r\nContent-Length: 4294967295\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        }
    }

    @Property(tries = 400)
    void randomBytesNeverEscapeAsAnythingButAFormatError(@ForAll @Size(max = 300) byte[] junk) {
        parseQuietly(junk);
    }

    @Property(tries = 400)
    void truncatedAndCorruptedDocumentsFailCleanly(@ForAll("documents") byte[] doc, @ForAll("fractions") double cut,
                                                   @ForAll("fractions") double flipAt) {
        byte[] truncated = java.util.Arrays.copyOf(doc, (int) (doc.length * cut));
        parseQuietly(truncated);
        byte[] flipped = doc.clone();
        int i = Math.min(flipped.length - 1, (int) (flipped.length * flipAt));
        flipped[i] = (byte) (flipped[i] ^ 0x5a);
        parseQuietly(flipped);
    }

    @Provide
    Arbitrary<byte[]> documents() {
        return Arbitraries.of(
                XmlRpcWriter.call("registerPublisher", List.of("/n", "/t", "std_msgs/String", "http://127.0.0.1:1/")),
                XmlRpcWriter.response(List.of(1, "current system state", List.of(List.of(List.of("/t", List.of("/n")))))),
                XmlRpcWriter.fault(3, "x"),
                XmlRpcWriter.call("setParam", List.of("/n", "/p", Map.of("a", List.of(1.5, true, new byte[] {1})))));
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1);
    }

    private static void parseQuietly(byte[] bytes) {
        try {
            XmlRpcParser.parseCall(bytes);
        } catch (XmlRpcFormatException expected) {
            // a clean rejection
        }
        try {
            XmlRpcParser.parseResponse(bytes);
        } catch (XmlRpcFormatException | XmlRpcFault expected) {
            // a clean rejection
        }
    }
}
