package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.BagTime;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagCommandTest extends BagCliTestBase {

    @Test
    void infoPrintsRosbagInfosFields() {
        assertEquals(0, run("bag", "info", bag.toString()), err.toString());
        String s = out.toString();
        assertTrue(s.matches("(?s)path:\\s+\\S+in\\.bag\nversion:\\s+2\\.0\nduration:\\s+9\\.9s\n.*"), s);
        assertTrue(s.matches("(?s).*\nmessages:\\s+125\ncompression:\\s+lz4 \\[6/6 chunks; .*"), s);
        assertTrue(s.contains("geometry_msgs/Twist [9f195f881246fdfa2798d1d3eebca84a]"), s);
        assertTrue(s.matches("(?s).*/cmd_vel\\s+100 msgs\\s+: geometry_msgs/Twist.*"), s);
        assertTrue(s.matches("(?s).*/chatter\\s+25 msgs\\s+: std_msgs/String.*"), s);
    }

    @Test
    void checkAcceptsASoundBagAndNamesTheProblemOfADamagedOne() throws Exception {
        assertEquals(0, run("bag", "check", bag.toString()), err.toString());
        assertTrue(out.toString().contains("sound (125 messages"), out.toString());
        Path cut = dir.resolve("cut.bag");
        Files.copy(bag, cut);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(cut) / 2);
        }
        assertEquals(1, run("bag", "check", cut.toString()));
        assertTrue(err.toString().contains("unindexed"), err.toString());
        assertEquals(1, err.toString().lines().count());
        assertEquals(2, run("bag", "info", cut.toString()));
        assertTrue(err.toString().contains("bag recover"), err.toString());

        Path fixed = dir.resolve("fixed.bag");
        assertEquals(0, run("bag", "recover", cut.toString(), fixed.toString()), err.toString());
        assertTrue(out.toString().startsWith("recovered "), out.toString());
        assertEquals(0, run("bag", "check", fixed.toString()), err.toString());
    }

    @Test
    void recoverSaysWhatItLeftOutOfABagWithAnUnusableConnection() throws Exception {
        Path plain = dir.resolve("plain.bag");
        try (BagReader r = BagReader.open(bag); BagWriter w = BagWriter.create(plain, Compression.NONE, 2048)) {
            for (org.liquidpilot.bags.BagMessage m : r.messages()) w.write(m);
        }
        byte[] b = Files.readAllBytes(plain);
        byte[] md5 = "md5sum=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int hits = 0;
        for (int i = 0; i + md5.length < b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + md5.length, md5, 0, md5.length)) {
                b[i + md5.length] = 'z'; // every copy of every connection: no longer 32 hex digits
                hits++;
            }
        }
        assertTrue(hits > 0);
        Path broken = Files.write(dir.resolve("broken.bag"), b);
        Path fixed = dir.resolve("fixed2.bag");
        assertEquals(1, run("bag", "recover", broken.toString(), fixed.toString()));
        assertTrue(out.toString().contains("left out: 125 messages without a usable connection"), out.toString());
        assertTrue(out.toString().contains("not 32 hex digits"), out.toString());
        assertTrue(err.toString().contains("no complete message"), err.toString());
    }

    @Test
    void filterKeepsTopicsAndTimesAndRecompresses() throws Exception {
        Path f = dir.resolve("f.bag");
        assertEquals(0, run("bag", "filter", bag.toString(), f.toString(), "--topics", "/cmd_vel",
                "--start", "+2", "--end", "1700000004.95", "--compression", "bz2"), err.toString());
        assertTrue(out.toString().contains("wrote 30 messages"), out.toString());
        try (BagReader r = BagReader.open(f)) {
            assertEquals(30, r.messageCount());
            assertEquals(Compression.BZ2, r.chunkHeader(r.chunkInfos().get(0)).compression());
            assertEquals(BagTime.toNanos(1_700_000_002L, 0), r.startTime());
        }
        assertEquals(2, run("bag", "filter", bag.toString(), f.toString(), "--compression", "zip"));
        assertEquals(2, run("bag", "filter", bag.toString(), f.toString(), "--topics", "/nope"));
        assertEquals(2, run("bag", "filter", bag.toString(), bag.toString()));
    }

    @Test
    void echoPrintsMessagesAsRostopicDoes() {
        assertEquals(0, run("bag", "echo", bag.toString(), "--topic", "/chatter", "-n", "2"), err.toString());
        assertEquals("data: \"hello 0\"\n---\ndata: \"hello 4\"\n---\n", out.toString());
        assertEquals(0, run("bag", "echo", bag.toString(), "--topic", "/cmd_vel", "-n", "1"), err.toString());
        assertTrue(out.toString().startsWith("linear: \n  x: 1.0\n  y: 0.0\n  z: 0.0\nangular: \n"), out.toString());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        assertEquals(2, run("bag", "info", dir.resolve("missing.bag").toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        Path junk = dir.resolve("junk.bag");
        Files.writeString(junk, "not a bag at all");
        assertEquals(2, run("bag", "info", junk.toString()));
        assertTrue(err.toString().contains("not a rosbag v2.0"), err.toString());
        assertEquals(2, run("bag", "echo", bag.toString()));
        assertEquals(2, run("bag", "echo", bag.toString(), "--topic", "/none"));
    }
}
