package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.bags.mcap.McapReader;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bag convert}, and {@code bag info/check/recover} on MCAP files. */
class BagMcapCommandTest extends BagCliTestBase {

    private static List<String> listing(Path p) throws Exception {
        List<String> l = new ArrayList<>();
        try (Recording r = Recording.open(p)) {
            for (BagMessage m : r.messages(BagQuery.all())) {
                l.add(m.topic() + " " + m.time() + " " + m.connection().type() + " " + m.connection().md5sum() + " "
                        + m.connection().messageDefinition().hashCode() + " " + Arrays.hashCode(m.bytes()));
            }
        }
        return l;
    }

    @Test
    void convertToMcapAndBackKeepsEveryMessage() throws Exception {
        for (String c : List.of("none", "lz4", "zstd")) {
            Path mcap = dir.resolve("out-" + c + ".mcap"), back = dir.resolve("back-" + c + ".bag");
            assertEquals(0, run("bag", "convert", bag.toString(), mcap.toString(), "--compression", c, "--chunk-size", "4096"), err.toString());
            assertTrue(out.toString().contains("converted 125 messages"), out.toString());
            assertTrue(McapReader.isMcap(mcap));
            assertEquals(0, run("bag", "convert", mcap.toString(), back.toString()), err.toString());
            assertEquals(listing(bag), listing(mcap));
            assertEquals(listing(bag), listing(back));
        }
    }

    @Test
    void infoAndCheckDescribeAnMcapFile() throws Exception {
        Path mcap = dir.resolve("i.mcap");
        assertEquals(0, run("bag", "convert", bag.toString(), mcap.toString(), "--chunk-size", "2048"), err.toString());
        assertEquals(0, run("bag", "info", mcap.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.contains("MCAP, profile ros1, written by liquidpilot"), s);
        assertTrue(s.matches("(?s).*\nmessages:\\s+125\nchunks:\\s+zstd \\[\\d+/\\d+ chunks; .*"), s);
        assertTrue(s.matches("(?s).*/cmd_vel\\s+100 msgs\\s+: geometry_msgs/Twist \\[ros1].*"), s);
        assertTrue(s.contains("std_msgs/String (ros1msg)"), s);
        assertEquals(0, run("bag", "check", mcap.toString()), err.toString());
        assertTrue(out.toString().contains("sound (125 messages"), out.toString());
        byte[] b = Files.readAllBytes(mcap);
        b[b.length / 2] ^= 1;
        Files.write(mcap, b);
        assertEquals(1, run("bag", "check", mcap.toString()));
        assertTrue(err.toString().contains("CRC"), err.toString());
    }

    @Test
    void recoverKeepsTheMessagesOfACutOffMcap() throws Exception {
        Path mcap = dir.resolve("r.mcap"), cut = dir.resolve("cut.mcap"), fixed = dir.resolve("fixed.mcap");
        assertEquals(0, run("bag", "convert", bag.toString(), mcap.toString(), "--compression", "none", "--chunk-size", "1024"), err.toString());
        byte[] b = Files.readAllBytes(mcap);
        Files.write(cut, Arrays.copyOf(b, b.length * 2 / 3));
        assertEquals(2, run("bag", "info", cut.toString()));
        assertTrue(err.toString().contains("bag recover") && err.toString().lines().count() == 1, err.toString());
        assertEquals(0, run("bag", "recover", cut.toString(), fixed.toString()), err.toString());
        assertTrue(out.toString().startsWith("recovered "), out.toString());
        List<String> all = listing(mcap), kept = listing(fixed);
        assertTrue(kept.size() > 60 && kept.size() < all.size(), kept.size() + " of " + all.size());
        assertEquals(all.subList(0, kept.size()), kept);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void recordWritesAnMcapFileThroughTheSameRecorder() throws Exception {
        Path rec = dir.resolve("rec.mcap");
        try (org.liquidpilot.ros.master.EmbeddedMaster master = org.liquidpilot.ros.master.EmbeddedMaster.start(0);
             TwistTalker talker = new TwistTalker(master.uri())) {
            int rc = run("bag", "record", "--topics", "/cmd_vel", "-O", rec.toString(), "--duration", "3", "--format", "mcap",
                    "--compression", "zstd", "__master:=" + master.uri(), "__name:=rec");
            assertEquals(0, rc, err.toString());
        }
        assertTrue(McapReader.isMcap(rec));
        try (Recording r = Recording.open(rec)) {
            assertTrue(r.messageCount() > 20, "recorded " + r.messageCount());
            List<Double> xs = new ArrayList<>();
            for (BagMessage m : r.messages(BagQuery.all())) xs.add(((Twist) r.decode(m)).linear().x());
            for (int i = 1; i < xs.size(); i++) assertEquals(xs.get(i - 1) + 1, xs.get(i));
            assertEquals("geometry_msgs/Twist", r.connections().values().iterator().next().type());
        }
        assertEquals(2, run("bag", "record", "--topics", "/x", "-O", rec.toString(), "--format", "rosbag2"));
    }

    @Test
    void badInputIsOneLineAndExit2() throws Exception {
        assertEquals(2, run("bag", "convert", dir.resolve("nope.bag").toString(), dir.resolve("o.mcap").toString()));
        assertEquals(2, run("bag", "convert", bag.toString(), dir.resolve("o.txt").toString()));
        assertEquals(2, run("bag", "convert", bag.toString(), dir.resolve("o.mcap").toString(), "--compression", "bz2"));
        assertTrue(err.toString().contains("unknown MCAP compression"), err.toString());
        Path junk = dir.resolve("junk.mcap");
        Files.writeString(junk, "not a recording at all");
        assertEquals(2, run("bag", "convert", junk.toString(), dir.resolve("o2.bag").toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }
}
