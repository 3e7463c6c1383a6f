package org.liquidpilot.bags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BagReaderTest {

    @ParameterizedTest
    @CsvSource({
            "flight_small.bag, flight_small.manifest.tsv, none",
            "flight_small_bz2.bag, flight_small.manifest.tsv, bz2",
            "flight_small_lz4.bag, flight_small.manifest.tsv, lz4",
            "many_topics.bag, many_topics.manifest.tsv, none",
            "flight_recorded.bag, flight_recorded.manifest.tsv, none"})
    void readsEveryMessageAsDebianRosbagDoes(String bag, String manifest, String compression) throws Exception {
        List<Fixtures.Entry> expected = Fixtures.manifest(manifest);
        assertEquals(expected, Fixtures.read(Fixtures.bag(bag)));
        try (BagReader r = BagReader.open(Fixtures.bag(bag))) {
            assertEquals(expected.size(), r.messageCount());
            for (ChunkInfo ci : r.chunkInfos()) assertEquals(Compression.of(compression), r.chunkHeader(ci).compression());
        }
    }

    @Test
    void typesMd5sAndCountsMatchTheInventory() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_lz4.bag"))) {
            assertEquals(5, r.connections().size());
            assertEquals(4, r.chunkInfos().size());
            Map<String, String> md5 = new TreeMap<>();
            r.connections().values().forEach(c -> md5.put(c.topic(), c.type() + " " + c.md5sum()));
            assertEquals(Map.of(
                    "/altitude", "std_msgs/Float32 73fcbf46b49191e672908e50842a83d4",
                    "/camera/image_raw", "sensor_msgs/Image 060021388200f6f0f447d0fcd9c64743",
                    "/camera/image_raw/compressed", "sensor_msgs/CompressedImage 8f7a12909da2c9d3332d540a0977563f",
                    "/cmd_vel", "geometry_msgs/Twist 9f195f881246fdfa2798d1d3eebca84a",
                    "/imu", "sensor_msgs/Imu 6a62c6daae103f4ff57a132d6f95cec2"), md5);
            assertEquals(1700000000_000000000L, r.startTime());
            assertEquals(1700000003_980500000L, r.endTime(), "the manifest's last stamp");
            assertTrue(r.connections().get(0).messageDefinition().contains("float32 data"));
        }
    }

    @Test
    void recorderBagKeepsOneConnectionPerPublisher() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_recorded.bag"))) {
            List<Connection> chatter = r.connections().values().stream().filter(c -> c.topic().equals("/chatter")).toList();
            assertEquals(2, chatter.size());
            assertEquals(List.of("/pub_A", "/pub_B"), chatter.stream().map(Connection::callerid).sorted().toList());
            Connection map = r.connections().values().stream().filter(c -> c.topic().equals("/map_name")).findFirst().orElseThrow();
            assertTrue(map.latching());
            assertEquals(List.of("callerid", "latching", "md5sum", "message_definition", "topic", "type"),
                    List.copyOf(map.header().fields().keySet()));
            long chatterCount = r.stream(BagQuery.topics("/chatter")).count();
            assertEquals(38, chatterCount);
        }
    }

    @Test
    void payloadBytesMatchTheReadmeVectors() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_bz2.bag"))) {
            BagMessage cmd = r.stream(BagQuery.topics("/cmd_vel")).skip(15).findFirst().orElseThrow();
            assertEquals(1700000001_020000000L, cmd.time());
            assertEquals("d973c0a0aa580140" + "0".repeat(64) + "f3e7cb94154bd33f", HexFormat.of().formatHex(cmd.bytes()));
            BagMessage alt = r.stream(BagQuery.topics("/altitude")).findFirst().orElseThrow();
            assertEquals("00002041", HexFormat.of().formatHex(alt.bytes()));
            BagMessage imu = r.stream(BagQuery.topics("/imu")).findFirst().orElseThrow();
            ByteBuffer d = imu.data();
            int afterHeader = 4 + 8 + 4 + d.getInt(12);
            assertEquals(0x8000000000000000L, d.getLong(afterHeader + 16), "orientation.z is -0.0");
        }
    }

    @Test
    void topicAndTimeQueriesReturnTheMatchingSubsetInOrder() throws Exception {
        List<Fixtures.Entry> all = Fixtures.manifest("flight_small.manifest.tsv");
        long from = 1700000001_500000000L;
        long to = 1700000002_250000000L;
        List<Fixtures.Entry> expected = all.stream()
                .filter(e -> (e.topic().equals("/imu") || e.topic().equals("/cmd_vel")) && e.time() >= from && e.time() <= to)
                .toList();
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_lz4.bag"))) {
            List<Fixtures.Entry> got = new ArrayList<>();
            for (BagMessage m : r.messages(BagQuery.topics("/imu", "/cmd_vel").between(from, to))) got.add(Fixtures.entry(m));
            assertEquals(expected, got);
            assertTrue(expected.size() > 20);
        }
    }

    @Test
    void aTimeRangeInOneChunkDecompressesOnlyThatChunk() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_lz4.bag"))) {
            ChunkInfo last = r.chunkInfos().get(3);
            long before = r.chunksDecoded();
            long n = r.stream(BagQuery.all().between(last.startTime() + 1, last.endTime())).count();
            assertEquals(1, r.chunksDecoded() - before);
            assertEquals(last.messageCount() - 1, n);
        }
        try (BagReader r = BagReader.open(Fixtures.bag("many_topics.bag"))) {
            long n = r.stream(BagQuery.topics("/cam_2/camera_info")).count();
            assertEquals(10, n);
            long holding = r.chunkInfos().stream().filter(ci -> ci.counts().keySet().stream()
                    .anyMatch(id -> r.connections().get(id).topic().equals("/cam_2/camera_info"))).count();
            assertEquals(holding, r.chunksDecoded());
            assertTrue(holding < r.chunkInfos().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"noindex", "truncated", "killed"})
    void damagedBagsAreReportedUnindexed(String kind, @TempDir Path dir) throws Exception {
        Path bag = switch (kind) {
            case "noindex" -> Fixtures.noindex(Fixtures.bag("flight_small.bag"), dir);
            case "truncated" -> Fixtures.truncated(Fixtures.bag("flight_small.bag"), 2023197, dir);
            default -> Fixtures.bag("flight_killed.bag.active");
        };
        BagUnindexedException e = assertThrows(BagUnindexedException.class, () -> BagReader.open(bag));
        assertTrue(e.getMessage().startsWith("bag unindexed: "), e.getMessage());
        assertTrue(e.getMessage().contains("bag recover"), e.getMessage());
    }

    @Test
    void derivedDamagedFilesAreByteIdenticalToTheSharedOnes(@TempDir Path dir) throws Exception {
        // md5s from the fixtures' README: the derivation reproduces the damaged files exactly.
        assertEquals("0530a3e9438cd20e074f4a562a013a2b", Fixtures.md5(Fixtures.noindex(Fixtures.bag("flight_small.bag"), dir)));
        assertEquals("81a4547a5cb597cb0a0e86a917b58d7c", Fixtures.md5(Fixtures.noindex(Fixtures.bag("flight_small_lz4.bag"), dir)));
        assertEquals("d998208315ebb35cbedffc9a635186f6", Fixtures.md5(Fixtures.truncated(Fixtures.bag("flight_small.bag"), 2023197, dir)));
        assertEquals("98aa1fe0f26988a510c1a7f0c0b5d3bb", Fixtures.md5(Fixtures.truncated(Fixtures.bag("flight_small_lz4.bag"), 547052, dir)));
    }

    @Test
    void notABagIsAClearError(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("x.bag");
        java.nio.file.Files.writeString(p, "#ROSBAG V1.2\nhello");
        BagFormatException e = assertThrows(BagFormatException.class, () -> BagReader.open(p));
        assertTrue(e.getMessage().contains("not a rosbag v2.0"), e.getMessage());
    }

    @Test
    void messageBytesAreIndependentOfLaterReads() throws Exception {
        try (BagReader r = BagReader.open(Fixtures.bag("flight_small_lz4.bag"))) {
            List<BagMessage> kept = r.stream(BagQuery.topics("/altitude")).toList();
            byte[] first = kept.get(0).bytes();
            r.stream(BagQuery.all()).count();
            assertArrayEquals(first, kept.get(0).bytes());
        }
    }
}
