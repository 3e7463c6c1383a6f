package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static void assertSuperset(List<Fixtures.Entry> got, List<Fixtures.Entry> atLeast) {
        HashSet<Fixtures.Entry> have = new HashSet<>(got);
        for (Fixtures.Entry e : atLeast) assertTrue(have.contains(e), "recovery lost " + e);
    }
}
