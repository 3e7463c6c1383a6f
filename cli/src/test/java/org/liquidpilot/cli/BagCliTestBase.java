package org.liquidpilot.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagTime;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The bag the {@code bag} command tests work on (100 Twists on /cmd_vel, 25 Strings on /chatter, lz4) and a runner that keeps stdout and stderr. */
abstract class BagCliTestBase {
    @TempDir
    Path dir;
    Path bag;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeBag() throws Exception {
        bag = dir.resolve("in.bag");
        try (BagWriter w = BagWriter.create(bag, Compression.LZ4, 2048)) {
            for (int i = 0; i < 100; i++) {
                long t = BagTime.toNanos(1_700_000_000L + i / 10, (i % 10) * 100_000_000L);
                w.write("/cmd_vel", Twist.CODEC, Twist.of(1 + i, -0.5), t);
                if (i % 4 == 0) w.write("/chatter", StringMessage.CODEC, new StringMessage("hello " + i), t + 1);
            }
        }
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = LiquidPilotCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
