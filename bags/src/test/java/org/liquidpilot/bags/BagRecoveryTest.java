package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagRecoveryTest {

    @Test
    void aMissingIndexIsRebuiltExactlyAsPythonWroteIt(@TempDir Path dir) throws Exception {
        Path damaged = Fixtures.noindex(Fixtures.bag("flight_small.bag"), dir);
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(damaged, out);
        assertEquals(420, rep.messages());
        assertEquals(4, rep.wholeChunks());
        // rosbag reindex gives a file byte-identical to the original; so do we.
        assertArrayEquals(Files.readAllBytes(Fixtures.bag("flight_small.bag")), Files.readAllBytes(out));
    }

    @Test
    void lz4WithoutIndexRecoversEveryMessage(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(Fixtures.noindex(Fixtures.bag("flight_small_lz4.bag"), dir), out);
        assertEquals(420, rep.messages());
        assertEquals(Compression.LZ4, rep.compression());
        assertEquals(Fixtures.manifest("flight_small.manifest.tsv"), Fixtures.read(out));
    }

    @Test
    void aTruncatedBagKeepsMoreThanReindex(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(Fixtures.truncated(Fixtures.bag("flight_small.bag"), 2023197, dir), out);
        List<Fixtures.Entry> got = Fixtures.read(out);
        assertSuperset(got, Fixtures.manifest("flight_small_truncated.reindexed.manifest.tsv"));
        assertTrue(got.size() > 261, "reindex keeps 261, we keep " + got.size());
        assertEquals(1, rep.partialChunks());
        // Everything kept is a true prefix of the original recording.
        assertEquals(Fixtures.manifest("flight_small.manifest.tsv").subList(0, got.size()), got);
    }

    @Test
    void aTruncatedLz4BagKeepsAtLeastWhatReindexKeeps(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.bag");
        BagRecovery.recover(Fixtures.truncated(Fixtures.bag("flight_small_lz4.bag"), 547052, dir), out);
        List<Fixtures.Entry> got = Fixtures.read(out);
        assertSuperset(got, Fixtures.manifest("flight_small_lz4_truncated.reindexed.manifest.tsv"));
        assertEquals(Fixtures.manifest("flight_small.manifest.tsv").subList(0, got.size()), got);
    }

    @Test
    void aKilledRecorderKeepsItsOpenChunk(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(Fixtures.bag("flight_killed.bag.active"), out);
        List<Fixtures.Entry> got = Fixtures.read(out);
        List<Fixtures.Entry> reindexed = Fixtures.manifest("flight_killed.reindexed.manifest.tsv");
        assertSuperset(got, reindexed);
        assertTrue(rep.messagesAfterOpenChunk() > 0);
        assertEquals(reindexed.size() + rep.messagesAfterOpenChunk(), got.size());
        assertTrue(got.size() > 271 + 50, "kept " + got.size());
        try (BagReader r = BagReader.open(out)) {
            Map<String, Long> conns = new TreeMap<>();
            r.connections().values().forEach(c -> conns.merge(c.topic(), 1L, Long::sum));
            assertEquals(2L, conns.get("/chatter"), "one connection per publisher survives recovery");
        }
    }

    @Test
    void refusesToOverwriteItsInput(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.bag");
        Files.copy(Fixtures.bag("many_topics.bag"), in);
        assertThrows(IllegalArgumentException.class, () -> BagRecovery.recover(in, in));
    }

    @Test
    void aSoundBagRecoversToTheSameMessages(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.bag");
        BagRecovery.recover(Fixtures.bag("flight_recorded.bag"), out);
        assertEquals(Fixtures.manifest("flight_recorded.manifest.tsv").size(), Fixtures.read(out).size());
        assertEquals(new HashSet<>(Fixtures.manifest("flight_recorded.manifest.tsv")), new HashSet<>(Fixtures.read(out)));
    }

    // ---- damaged headers: the header's index fields are never trusted ----

    @Test
    void aBrokenChunkCountInTheHeaderIsIgnored(@TempDir Path dir) throws Exception {
        // Bytes 82..85 of many_topics.bag are the header's chunk_count (26); 0xFFFFFFFF made recovery give up.
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        for (int i = 82; i <= 85; i++) b[i] = (byte) 0xFF;
        Path in = write(dir, "cc.bag", b);
        BagUnindexedException e = assertThrows(BagUnindexedException.class, () -> BagReader.open(in));
        assertTrue(e.getMessage().contains("damaged bag header") && e.getMessage().contains("bag recover"), e.getMessage());
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(in, out);
        assertEquals(418, rep.messages(), rep.notes().toString());
        assertEquals(26, rep.wholeChunks());
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        assertTrue(rep.notes().get(0).contains("chunk_count"), rep.notes().toString());
    }

    @Test
    void aBrokenIndexPosInAnUnindexedBagIsIgnored(@TempDir Path dir) throws Exception {
        // flight_small_noindex.bag with its index_pos (bytes 39..46) set to 0xFF..FF: the index fields are noise.
        byte[] b = Files.readAllBytes(Fixtures.noindex(Fixtures.bag("flight_small.bag"), dir));
        for (int i = 39; i <= 46; i++) b[i] = (byte) 0xFF;
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "ip.bag", b), out);
        assertEquals(420, rep.messages(), rep.notes().toString());
        assertArrayEquals(Files.readAllBytes(Fixtures.bag("flight_small.bag")), Files.readAllBytes(out));
    }

    @Test
    void anUnreadableHeaderRecordIsSkippedByScanningForTheFirstChunk(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        b[13] = (byte) 0xFF; // the header record's header length, 69, becomes 0x7000FF: past the end of the file
        b[15] = 0x70;
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "hdr.bag", b), out);
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        assertTrue(rep.notes().get(0).startsWith("the bag header record is damaged"), rep.notes().toString());
        assertEquals(4117 - 13, rep.skippedBytes());
    }

    // ---- connection records are checked before they are copied ----

    @Test
    void aConnectionWithABrokenMd5sumIsTakenFromItsOtherCopy(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        RecordMutations.Target inChunk = connectionRecords(b, "/text/topic_00").get(0);
        replaceIn(b, inChunk, "md5sum=992ce8a1687cec8c", "md5sum=992ce8a1687cec8z");
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "type.bag", b), out);
        assertEquals(418, rep.messages());
        assertEquals(1, rep.rejectedConnectionRecords());
        assertTrue(String.join("\n", rep.notes()).contains("not 32 hex digits"), rep.notes().toString());
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        assertAllConnectionsValid(out);
    }

    @Test
    void aTypeNameNoCopyHasIntactIsRestoredFromItsMd5sum(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        for (RecordMutations.Target t : connectionRecords(b, "/cam_0/camera_info")) {
            replaceIn(b, t, "type=sensor_msgs/CameraInfo", "type=sensor_msgs/Camera.nfo");
        }
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "type2.bag", b), out);
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        assertTrue(String.join("\n", rep.notes()).contains("restored to sensor_msgs/CameraInfo"), rep.notes().toString());
        assertAllConnectionsValid(out);
    }

    @Test
    void aDefinitionNoCopyHasIntactIsRestoredFromTheKnownType(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        for (RecordMutations.Target t : connectionRecords(b, "/text/topic_03")) replaceIn(b, t, "string data", "strinG data");
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "def.bag", b), out);
        assertEquals(Fixtures.manifest("many_topics.manifest.tsv"), Fixtures.read(out));
        assertTrue(String.join("\n", rep.notes()).contains("message_definition restored from std_msgs/String"), rep.notes().toString());
        assertAllConnectionsValid(out);
    }

    @Test
    void aConnectionWithNoUsableCopyIsDroppedWithItsMessagesAndSaysSo(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Fixtures.bag("many_topics.bag"));
        for (RecordMutations.Target t : connectionRecords(b, "/text/topic_05")) {
            replaceIn(b, t, "md5sum=992ce8a1687cec8c", "md5sum=992ce8a1687cec8\u00ff");
            replaceIn(b, t, "type=std_msgs/String", "type=std_msgs/Str\u0001ng");
        }
        Path out = dir.resolve("out.bag");
        BagRecovery.Report rep = BagRecovery.recover(write(dir, "md5.bag", b), out);
        List<Fixtures.Entry> expected = Fixtures.manifest("many_topics.manifest.tsv").stream()
                .filter(e -> !e.topic().equals("/text/topic_05")).toList();
        assertEquals(expected, Fixtures.read(out));
        assertEquals(20, rep.droppedMessages());
        assertEquals(2, rep.rejectedConnectionRecords());
        String notes = String.join("\n", rep.notes());
        assertTrue(notes.contains("20 messages of connection") && notes.contains("md5sum is not UTF-8"), notes);
        assertAllConnectionsValid(out);
    }

    // ---- nothing lost: every complete message before a cut survives ----

    @net.jqwik.api.Property(tries = 25)
    void everyMessageCompleteBeforeACutSurvives(@net.jqwik.api.ForAll("cuts") long cut) throws Exception {
        Path dir = Files.createTempDirectory("cut");
        try {
            Path in = Fixtures.truncated(Fixtures.bag("many_topics.bag"), cut, dir);
            Path out = dir.resolve("out.bag");
            BagRecovery.recover(in, out);
            List<Fixtures.Entry> expected = CompleteMessages.before(Fixtures.bag("many_topics.bag"), cut);
            assertEquals(expected, Fixtures.read(out), "cut at " + cut);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.delete(p);
            }
            Files.delete(dir);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> cuts() {
        return net.jqwik.api.Arbitraries.longs().between(4117, 219412);
    }

    @Test
    void everyMessageCompleteBeforeACutInAnImageBagSurvives(@TempDir Path dir) throws Exception {
        // One cut in each of the four chunks of flight_small.bag, in mid-message and just after a whole one.
        Path src = Fixtures.bag("flight_small.bag");
        for (long cut : new long[] {400_000, 1_000_003, 1_628_054, 2_500_000}) {
            Path out = dir.resolve("out" + cut + ".bag");
            BagRecovery.recover(Fixtures.truncated(src, cut, dir), out);
            assertEquals(CompleteMessages.before(src, cut), Fixtures.read(out), "cut at " + cut);
        }
    }

    static List<RecordMutations.Target> connectionRecords(byte[] bag, String topic) {
        byte[] key = ("topic=" + topic).getBytes(StandardCharsets.UTF_8);
        return new RecordMutations(bag).targets().stream()
                .filter(t -> t.kind().startsWith("connection") && indexOf(bag, key, t.start(), t.end()) >= 0).toList();
    }

    private static void replaceIn(byte[] bag, RecordMutations.Target t, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
        byte[] r = to.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(f.length, r.length);
        int at = indexOf(bag, f, t.start(), t.end());
        assertTrue(at >= 0, from + " not in " + t);
        System.arraycopy(r, 0, bag, at, r.length);
    }

    private static int indexOf(byte[] b, byte[] key, int from, int to) {
        outer:
        for (int i = from; i + key.length <= to; i++) {
            for (int j = 0; j < key.length; j++) if (b[i + j] != key[j]) continue outer;
            return i;
        }
        return -1;
    }

    static void assertAllConnectionsValid(Path bag) throws Exception {
        try (BagReader r = BagReader.open(bag)) {
            for (Connection c : r.connections().values()) {
                assertTrue(ConnectionCheck.TYPE.matcher(c.type()).matches(), c.toString());
                assertTrue(ConnectionCheck.MD5.matcher(c.md5sum()).matches(), c.toString());
                assertEquals(c.md5sum(), r.dynamicCodec(c).md5sum(), "definition hashes to the md5sum");
            }
        }
    }

    private static Path write(Path dir, String name, byte[] b) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, b);
        return p;
    }

    private static void assertSuperset(List<Fixtures.Entry> got, List<Fixtures.Entry> atLeast) {
        HashSet<Fixtures.Entry> have = new HashSet<>(got);
        for (Fixtures.Entry e : atLeast) assertTrue(have.contains(e), "recovery lost " + e);
    }
}
