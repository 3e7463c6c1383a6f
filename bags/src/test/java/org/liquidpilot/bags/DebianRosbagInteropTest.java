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

    /** Prints, per bag, how many messages python's read_messages yields, or the exception that stops it. */
    private static final String COUNT = String.join("\n",
            "import sys, rosbag",
            "for p in sys.argv[1:]:",
            "    try:",
            "        b = rosbag.Bag(p)",
            "        n = sum(1 for _ in b.read_messages(raw=True))",
            "        b.get_type_and_topic_info()",
            "        b.close()",
            "        print('%s\\t%d\\tok' % (p, n))",
            "    except Exception as e:",
            "        print('%s\\t0\\t%s' % (p, type(e).__name__))");

    private static void needsRosbag() {
        assumeTrue(Interop.shouldRun("Debian's rosbag (apt python3-rosbag)", Files.isExecutable(Interop.ROS_BIN.resolve("rosbag"))));
    }

    /** Python's message count for each bag, or -1 where python cannot read it. */
    private static java.util.Map<String, Integer> pythonCounts(DebianRos ros, List<Path> bags) throws Exception {
        List<String> args = bags.stream().map(Path::toString).toList();
        DebianRos.Result r = ros.runPython(TIMEOUT, COUNT, args.toArray(String[]::new));
        assertTrue(r.ok(), r.toString());
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 3) out.put(f[0], f[2].equals("ok") ? Integer.parseInt(f[1]) : -1);
        }
        return out;
    }

    /** Runs Debian's {@code rosbag reindex} on copies of {@code bags}; returns python's count of each result (0 if unreadable). */
    private static List<Integer> reindexCounts(DebianRos ros, List<Path> bags, Path dir) throws Exception {
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < bags.size(); i++) {
            Path c = Files.createDirectories(dir.resolve("reindex" + i)).resolve("x.bag");
            Files.copy(bags.get(i), c);
            copies.add(c);
        }
        List<String> cmd = new ArrayList<>(List.of("rosbag", "reindex", "-q"));
        copies.forEach(c -> cmd.add(c.toString()));
        ros.run(TIMEOUT, cmd.toArray(String[]::new));
        java.util.Map<String, Integer> counts = pythonCounts(ros, copies);
        return copies.stream().map(c -> Math.max(0, counts.getOrDefault(c.toString(), -1))).toList();
    }

    @Test
    void recoveryOfADamagedBagHeaderKeepsAtLeastWhatDebianReindexKeeps(@TempDir Path dir) throws Exception {
        needsRosbag();
        byte[] chunkCount = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        for (int i = 82; i <= 85; i++) chunkCount[i] = (byte) 0xFF;
        byte[] indexPos = Files.readAllBytes(Fixtures.noindex(Fixtures.bag("flight_small.bag"), dir));
        for (int i = 39; i <= 46; i++) indexPos[i] = (byte) 0xFF;
        List<Path> inputs = List.of(Files.write(dir.resolve("chunk_count.bag"), chunkCount), Files.write(dir.resolve("index_pos.bag"), indexPos));
        int[] known = {418, 420};
        List<Path> ours = new ArrayList<>();
        for (Path in : inputs) {
            Path out = dir.resolve("ours-" + in.getFileName());
            BagRecovery.recover(in, out);
            ours.add(out);
        }
        try (DebianRos ros = DebianRos.forMaster(URI.create("http://127.0.0.1:9/"))) {
            List<Integer> theirs = reindexCounts(ros, inputs, dir);
            for (int i = 0; i < inputs.size(); i++) {
                DebianRos.Result py = ros.runPython(TIMEOUT, MANIFEST, ours.get(i).toString());
                assertTrue(py.ok(), py.toString());
                List<Fixtures.Entry> read = parse(py.stdout());
                assertEquals(Fixtures.read(ours.get(i)), read);
                assertTrue(read.size() >= known[i], inputs.get(i) + ": " + read.size() + " of " + known[i]);
                assertTrue(read.size() >= theirs.get(i), inputs.get(i) + ": reindex keeps " + theirs.get(i) + ", we keep " + read.size());
                DebianRos.Result info = ros.run(TIMEOUT, "rosbag", "info", ours.get(i).toString());
                assertTrue(info.ok() && info.stdout().contains("messages:") && info.stdout().contains(String.valueOf(known[i])), info.toString());
            }
        }
    }

    @Test
    void debianReadsEveryRecoveryOfSeededHeaderAndConnectionDamage(@TempDir Path dir) throws Exception {
        needsRosbag();
        List<Path> mutants = new ArrayList<>();
        List<Path> ours = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        String[] sources = {"many_topics.bag", "flight_recorded.bag"};
        for (String src : sources) {
            RecordMutations m = new RecordMutations(Files.readAllBytes(Fixtures.bag(src)));
            for (long seed = 0; seed < (src.startsWith("many") ? 12 : 4); seed++) {
                Path in = Files.write(dir.resolve(src + "." + seed + ".bag"), m.mutant(seed));
                Path out = dir.resolve("ours-" + in.getFileName());
                kept.add(BagRecovery.recover(in, out).messages());
                mutants.add(in);
                ours.add(out);
            }
        }
        try (DebianRos ros = DebianRos.forMaster(URI.create("http://127.0.0.1:9/"))) {
            java.util.Map<String, Integer> read = pythonCounts(ros, ours);
            List<Integer> theirs = reindexCounts(ros, mutants, dir);
            for (int i = 0; i < ours.size(); i++) {
                int n = read.getOrDefault(ours.get(i).toString(), -1);
                assertEquals(kept.get(i), (long) n, mutants.get(i) + ": Debian's rosbag reads our recovery (-1: it cannot)");
                assertTrue(n >= theirs.get(i), mutants.get(i) + ": reindex keeps " + theirs.get(i) + ", we keep " + n);
            }
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
