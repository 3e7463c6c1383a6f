package org.liquidpilot.bags;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded damage to the bag header and connection records ({@link RecordMutations}) of a python-written and a
 * C++-recorded bag. Recovery must return normally (the magic line is intact, so no error is documented for these),
 * write a bag this reader opens, whose connections are valid, and invent nothing: every message it keeps is one of
 * the original's. {@code DebianRosbagInteropTest} has Debian's python rosbag read such outputs too.
 */
class BagRecoveryFuzzTest {
    private static final byte[] PYTHON = read("many_topics.bag");
    private static final byte[] RECORDED = read("flight_recorded.bag");
    private static final RecordMutations PYTHON_MUTATIONS = new RecordMutations(PYTHON);
    private static final RecordMutations RECORDED_MUTATIONS = new RecordMutations(RECORDED);

    @Property(tries = 40)
    void damagedHeadersAndConnectionsOfAPythonBag(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws Exception {
        check(PYTHON_MUTATIONS.mutant(seed), "many_topics.manifest.tsv", seed);
    }

    @Property(tries = 15)
    void damagedHeadersAndConnectionsOfARecordedBag(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) throws Exception {
        check(RECORDED_MUTATIONS.mutant(seed), "flight_recorded.manifest.tsv", seed);
    }

    private static void check(byte[] mutant, String manifest, long seed) throws Exception {
        Path dir = Files.createTempDirectory("recover-fuzz");
        Path in = dir.resolve("in.bag");
        Path out = dir.resolve("out.bag");
        try {
            Files.write(in, mutant);
            BagRecovery.Report rep = BagRecovery.recover(in, out);
            List<Fixtures.Entry> got = Fixtures.read(out);
            assertEquals(rep.messages(), got.size(), "seed " + seed);
            Map<Fixtures.Entry, Integer> left = new HashMap<>();
            for (Fixtures.Entry e : Fixtures.manifest(manifest)) left.merge(e, 1, Integer::sum);
            for (Fixtures.Entry e : got) {
                assertTrue(left.merge(e, -1, Integer::sum) >= 0, "seed " + seed + ": recovery invented " + e + "; " + rep.notes());
            }
            BagRecoveryTest.assertAllConnectionsValid(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
        }
    }

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(Fixtures.bag(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
