package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagRecordCommandTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void recordsForItsDurationThenClosesTheBag(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rec.bag");
        try (EmbeddedMaster master = EmbeddedMaster.start(0); TwistTalker talker = new TwistTalker(master.uri())) {
            StringWriter sout = new StringWriter();
            StringWriter serr = new StringWriter();
            CommandLine cl = LiquidPilotCli.commandLine();
            cl.setOut(new PrintWriter(sout));
            cl.setErr(new PrintWriter(serr));
            int rc = cl.execute("bag", "record", "--topics", "/cmd_vel", "-O", out.toString(), "--duration", "3",
                    "--compression", "lz4", "__master:=" + master.uri(), "__name:=rec");
            assertEquals(0, rc, serr.toString());
            assertTrue(sout.toString().contains("recorded "), sout.toString());
        }
        assertFalse(Files.exists(dir.resolve("rec.bag.active")));
        try (BagReader r = BagReader.open(out)) {
            long n = r.messageCount();
            assertTrue(n > 20, "recorded " + n);
            // Consecutive values: nothing lost or reordered between the first and last recorded message.
            double[] xs = r.read("/cmd_vel", Twist.CODEC).mapToDouble(d -> d.message().linear().x()).toArray();
            for (int i = 1; i < xs.length; i++) assertEquals(xs[i - 1] + 1, xs[i]);
        }
    }

    @Test
    void badArgumentsExitTwo(@TempDir Path dir) {
        CommandLine cl = LiquidPilotCli.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("bag", "record", "--topics", "/x", "-O", dir.resolve("a.bag").toString(), "--duration", "-1"));
        assertEquals(2, cl.execute("bag", "record", "--topics", "/x", "-O", dir.resolve("a.bag").toString(), "stray"));
        assertEquals(2, cl.execute("bag", "record", "-O", dir.resolve("a.bag").toString()));
    }
}
