package org.liquidpilot.ros.interop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.net.Flood;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.RosNodes;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's ROS tools against our embedded master under the audit's attacks: a {@code rostopic list} during a
 * 600-connection slowloris, and a string XML 1.0 cannot carry, which must be refused with a fault (as rosmaster
 * refuses it) so that {@code rosparam get /} keeps working for every Python client.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RobustnessInteropTest {
    static final Duration TOOL = Duration.ofSeconds(30);
    /** rostopic's own listing (getSystemState + getTopicTypes, printing), timed inside Python after its imports. */
    static final String TIMED_LIST = String.join("\n",
            "import sys, time, rostopic",
            "t0 = time.monotonic()",
            "rostopic._rostopic_list(None)",
            "sys.stderr.write('listed_in_ms %d\\n' % int((time.monotonic() - t0) * 1000))");
    /** A literal NUL through xmlrpc.client (as rospy would send it), and a hand-written &#0; reference. */
    static final String BAD_CHARS = String.join("\n",
            "import os, http.client, urllib.parse, xmlrpc.client",
            "uri = os.environ['ROS_MASTER_URI']",
            "m = xmlrpc.client.ServerProxy(uri)",
            "try:",
            "    m.setParam('/py', '/xmlbad/literal', 'a\\x00b'); print('literal stored')",
            "except xmlrpc.client.Fault as f: print('literal fault')",
            "body = (\"<?xml version='1.0'?><methodCall><methodName>setParam</methodName><params>\"",
            "        \"<param><value><string>/py</string></value></param><param><value><string>/xmlbad/ref</string></value></param>\"",
            "        \"<param><value><string>a&#0;b</string></value></param></params></methodCall>\")",
            "u = urllib.parse.urlparse(uri)",
            "c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)",
            "c.request('POST', '/', body, {'Content-Type': 'text/xml'})",
            "try:",
            "    xmlrpc.client.loads(c.getresponse().read()); print('reference stored')",
            "except xmlrpc.client.Fault as f: print('reference fault')");

    static EmbeddedMaster master;
    static DebianRos ros;
    static ConnectedNode java;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Interop.shouldRunWithDebianRos());
        master = EmbeddedMaster.start(0);
        ros = DebianRos.forMaster(master.uri());
        java = RosNodes.start(NodeConfiguration.forMaster(master.uri(), "robust_java"));
        java.newPublisher("/robust/chatter", StringMessage.CODEC);
    }

    @AfterAll
    static void stop() {
        if (java != null) java.shutdown();
        if (ros != null) ros.close();
        if (master != null) master.close();
    }

    private static long listedInMs(DebianRos.Result r) {
        return r.stderr().lines().filter(l -> l.startsWith("listed_in_ms ")).mapToLong(l -> Long.parseLong(l.substring(13).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no timing: " + r));
    }

    @Test
    void rostopicListIsAnsweredWithinOneSecondDuringA600ConnectionSlowloris() throws Exception {
        DebianRos.Result quiet = ros.runPython(TOOL, TIMED_LIST);
        assertTrue(quiet.ok() && quiet.stdout().contains("/robust/chatter"), quiet::toString);
        try (Flood flood = Flood.slowloris(master.port(), 600, "POST / HTTP/1.1\r\nHost: x\r\n", "X-Slow: 1\r\n", 300, 30_000)) {
            assertEquals(600, flood.connected());
            int held = master.server().connections().open();
            DebianRos.Result attacked = ros.runPython(TOOL, TIMED_LIST);
            long t0 = System.nanoTime();
            DebianRos.Result cli = ros.run(TOOL, "rostopic", "list");
            long cliMs = (System.nanoTime() - t0) / 1_000_000;
            int heldAfter = master.server().connections().open();
            System.out.printf("rostopic list: %d ms quiet, %d ms under a 600-connection slowloris (%d..%d held);"
                    + " the whole rostopic list command (python start-up included) %d ms%n", listedInMs(quiet), listedInMs(attacked), held, heldAfter, cliMs);
            assertTrue(held >= 190 && heldAfter >= 190, "the attack held the master's connections: " + master.server().connections());
            assertTrue(attacked.ok() && attacked.stdout().contains("/robust/chatter"), attacked::toString);
            assertTrue(listedInMs(attacked) < 1_000, "rostopic's listing took " + listedInMs(attacked) + " ms");
            assertTrue(cli.ok() && cli.stdout().lines().anyMatch("/robust/chatter"::equals), cli::toString);
        }
    }

    @Test
    void aStringXml10CannotCarryIsAFaultAndRosparamGetRootKeepsWorking() throws Exception {
        assertTrue(ros.run(TOOL, "rosparam", "set", "/xmlgood/x", "plain").ok());
        DebianRos.Result bad = ros.runPython(TOOL, BAD_CHARS);
        assertEquals("literal fault\nreference fault", bad.stdout().strip(), bad::toString);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> java.getParameterTree().set("/xmlbad/java", "a\u0000b"));
        assertTrue(e.getMessage().contains("XML 1.0 cannot carry"), e.getMessage());
        DebianRos.Result root = ros.run(TOOL, "rosparam", "get", "/");
        assertTrue(root.ok(), root::toString);
        assertTrue(root.stdout().contains("xmlgood") && root.stdout().contains("plain"), root::toString);
        assertFalse(root.stdout().contains("xmlbad"), root::toString);
    }

    @Test
    void debianRoscoreRefusesTheSameStringsWithAFault() throws Exception {
        try (DebianRos core = DebianRos.startRoscore()) {
            DebianRos.Result bad = core.runPython(TOOL, BAD_CHARS);
            assertEquals("literal fault\nreference fault", bad.stdout().strip(), bad::toString);
            DebianRos.Result root = core.run(TOOL, "rosparam", "get", "/");
            assertTrue(root.ok() && !root.stdout().contains("xmlbad"), root::toString);
        }
    }
}
