package org.liquidpilot.ros2.dds;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The participant profile our nodes use, and the shipped XML for other Fast-DDS programs, both keep to 127.0.0.1. */
class LoopbackProfileTest {
    private static String compact(String xml) {
        return xml.replaceAll(">\\s+<", "><");
    }

    private static void assertLoopbackOnly(String xml) {
        String x = compact(xml);
        assertTrue(x.contains("<type>UDPv4</type><interfaceWhiteList><address>127.0.0.1</address></interfaceWhiteList>"), x);
        assertTrue(x.contains("<useBuiltinTransports>false</useBuiltinTransports>"), x);
        assertTrue(x.contains("<leaseDuration><sec>10</sec>") || x.contains("<sec>10</sec></leaseDuration>"), x);
        assertFalse(x.contains("SHM"), "no shared-memory transport: " + x);
    }

    @Test
    void ourParticipantsAndTheShippedProfileAreLoopbackOnly() throws Exception {
        assertLoopbackOnly(DdsParticipants.profile("p", DdsSettings.loopback(0)).marshall("liquidpilot_loopback"));
        try (InputStream in = getClass().getResourceAsStream("/org/liquidpilot/ros2/fastdds-loopback.xml")) {
            assertLoopbackOnly(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        String host = compact(DdsParticipants.profile("p", new DdsSettings(0, true)).marshall("host"));
        assertFalse(host.contains("interfaceWhiteList"), "LIQUIDPILOT_DDS_NETWORK=host uses the built-in transports: " + host);
    }
}
