package org.liquidpilot.bags;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liquidpilot.ros.debian.DebianRos;
import org.liquidpilot.ros.debian.Interop;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bags we write are read by Debian's rosbag: {@code rosbag info}, {@code rosbag check} and python's read_messages. */
class DebianRosbagInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Prints each message as the manifests list them. */
    private static final String MANIFEST = String.join("\n",
            "import sys, hashlib, rosbag",
            "for topic, raw, t in rosbag.Bag(sys.argv[1]).read_messages(raw=True):",
            "    print('%s\\t%d.%09d\\t%d\\t%s' % (topic, t.secs, t.nsecs, len(raw[1]), hashlib.md5(raw[1]).hexdigest()))");

    @BeforeAll
    static void needsDebianRos() {
        assumeTrue(Interop.shouldRunWithDebianRos());
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void debianRosbagReadsOurBags(Compression compression, @TempDir Path dir) throws Exception {
        Path ours = dir.resolve("ours-" + compression.id() + ".bag");
        try (BagWriter w = BagWriter.create(ours, compression)) {
            for (String src : List.of("flight_recorded.bag", "many_topics.bag")) {
                try (BagReader r = BagReader.open(Fixtures.bag(src))) {
                    for (BagMessage m : r.messages()) w.write(m);
                }
            }
        }
        List<Fixtures.Entry> expected = new ArrayList<>(Fixtures.read(ours));
        assertEquals(453 + 418, expected.size());
        try (DebianRos ros = DebianRos.forMaster(URI.create("http://127.0.0.1:9/"))) {
            DebianRos.Result info = ros.run(TIMEOUT, "rosbag", "info", ours.toString());
            assertTrue(info.ok(), info.toString());
            assertTrue(info.stdout().contains("messages:    871") || info.stdout().contains("messages:     871"), info.stdout());
            if (compression != Compression.NONE) assertTrue(info.stdout().contains(compression.id() + " ["), info.stdout());
            assertTrue(info.stdout().contains("(2 connections)"), info.stdout());
            DebianRos.Result check = ros.run(TIMEOUT, "rosbag", "check", ours.toString());
            assertTrue(check.ok(), check.toString());
            assertTrue(check.stdout().contains("does not need any migrations"), check.stdout());
            DebianRos.Result py = ros.runPython(TIMEOUT, MANIFEST, ours.toString());
            assertTrue(py.ok(), py.toString());
            assertEquals(expected, parse(py.stdout()));
        }
    }

    @Test
    void debianReindexRepairsAnUnclosedBagOfOurs(@TempDir Path dir) throws Exception {
        Path crashed = dir.resolve("crashed.bag");
        BagWriter w = BagWriter.create(crashed, Compression.LZ4, 64 * 1024);
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small.bag"))) {
            for (BagMessage m : r.messages()) w.write(m);
        }
        w.flush(); // and never closed, as if the process died
        try (DebianRos ros = DebianRos.forMaster(URI.create("http://127.0.0.1:9/"))) {
            DebianRos.Result info = ros.run(TIMEOUT, "rosbag", "info", crashed.toString());
            assertTrue(info.stdout().contains("unindexed") || info.stderr().contains("unindexed"), info.toString());
            DebianRos.Result reindex = ros.run(TIMEOUT, "rosbag", "reindex", crashed.toString());
            assertTrue(reindex.ok(), reindex.toString());
            assertEquals(Fixtures.manifest("flight_small.manifest.tsv"), Fixtures.read(crashed));
            DebianRos.Result py = ros.runPython(TIMEOUT, MANIFEST, crashed.toString());
            assertEquals(Fixtures.manifest("flight_small.manifest.tsv"), parse(py.stdout()));
        }
    }

    @Test
    void ourRecoveryOfTheKilledRecordingReadsInDebianRosbag(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("recovered.bag");
        BagRecovery.recover(Fixtures.bag("flight_killed.bag.active"), out);
        try (DebianRos ros = DebianRos.forMaster(URI.create("http://127.0.0.1:9/"))) {
            DebianRos.Result py = ros.runPython(TIMEOUT, MANIFEST, out.toString());
            assertTrue(py.ok(), py.toString());
            List<Fixtures.Entry> theirs = parse(py.stdout());
            assertEquals(Fixtures.read(out), theirs);
            assertTrue(theirs.size() > 271, "Debian's reindex keeps 271; we keep " + theirs.size());
            assertTrue(ros.run(TIMEOUT, "rosbag", "check", out.toString()).ok());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 180, unit = java.util.concurrent.TimeUnit.SECONDS)
    void rosbagPlayReplaysOurBagAndOurRecorderRecordsIt(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("play.bag");
        List<byte[]> sent = new ArrayList<>();
        try (BagWriter w = BagWriter.create(ours, Compression.LZ4)) {
            for (int i = 0; i < 20; i++) {
                org.liquidpilot.ros.msg.geometry_msgs.Twist t = org.liquidpilot.ros.msg.geometry_msgs.Twist.of(i, -0.25 * i);
                w.write("/cmd_vel", org.liquidpilot.ros.msg.geometry_msgs.Twist.CODEC, t, BagTime.toNanos(1_700_000_000L, i * 50_000_000L));
            }
        }
        try (BagReader r = BagReader.open(ours)) {
            for (BagMessage m : r.messages()) sent.add(m.bytes());
        }
        Path recorded = dir.resolve("recorded.bag");
        try (DebianRos ros = DebianRos.startRoscore();
             org.liquidpilot.ros.node.ConnectedNode node = org.liquidpilot.ros.node.RosNodes.start(
                     org.liquidpilot.ros.node.NodeConfiguration.forMaster(ros.masterUri(), "/lp_record"))) {
            BagRecorder rec = BagRecorder.start(node, BagWriter.create(recorded, Compression.NONE), List.of("/cmd_vel"));
            // -d: rosbag play waits after advertising, so our subscriber connects before the first message.
            DebianRos.Result play = ros.run(Duration.ofSeconds(90), "rosbag", "play", "-q", "-d", "4", ours.toString());
            assertTrue(play.ok(), play.toString());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (rec.messages() < sent.size() && System.nanoTime() < deadline) Thread.sleep(50);
            rec.close();
        }
        try (BagReader r = BagReader.open(recorded)) {
            List<byte[]> got = new ArrayList<>();
            for (BagMessage m : r.messages()) got.add(m.bytes());
            assertEquals(sent.size(), got.size());
            for (int i = 0; i < sent.size(); i++) org.junit.jupiter.api.Assertions.assertArrayEquals(sent.get(i), got.get(i));
            assertEquals("geometry_msgs/Twist", r.connections().get(0).type());
        }
    }

    private static List<Fixtures.Entry> parse(String text) throws Exception {
        Path tmp = Files.createTempFile("manifest", ".tsv");
        try {
            Files.writeString(tmp, text);
            List<Fixtures.Entry> out = new ArrayList<>();
            for (String line : Files.readAllLines(tmp)) {
                if (line.isBlank()) continue;
                String[] f = line.split("\t");
                String[] t = f[1].split("\\.");
                out.add(new Fixtures.Entry(f[0], BagTime.toNanos(Long.parseLong(t[0]), Long.parseLong(t[1])),
                        Integer.parseInt(f[2]), f[3]));
            }
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
