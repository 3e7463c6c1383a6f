package org.liquidpilot.bags.mcap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagMessage;
import org.liquidpilot.bags.BagQuery;
import org.liquidpilot.bags.Recording;
import org.liquidpilot.ros.debian.Interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our MCAP files against the reference TypeScript implementation: {@code @mcap/core}'s indexed reader (with
 * {@code @mcap/support}'s lz4 and zstd decompressors) reads what we write, and we read what its writer writes.
 * Both sides list header, schemas, channels, statistics and every message (log time order, payload SHA-256) in the
 * same line format, and the lists must be identical. The npm packages come from {@code bags/src/test/node}
 * ({@code npm ci}, done by {@code scripts/install-deps.sh test}).
 */
class McapNodeInteropTest {
    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();

    @BeforeAll
    static void needsNodeAndMcapPackages() {
        boolean available = Files.isDirectory(NODE_DIR.resolve("node_modules/@mcap/core"))
                && Files.isDirectory(NODE_DIR.resolve("node_modules/@mcap/support")) && onPath("node");
        assumeTrue(Interop.shouldRun("node with the npm packages @mcap/core and @mcap/support (npm ci in bags/src/test/node)", available));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void mcapCoreReadsOurFiles(McapCompression c, @TempDir Path dir) throws Exception {
        for (String bag : List.of("flight_small.bag", "flight_recorded.bag")) {
            Path mcap = McapFixtures.toMcap(McapFixtures.bag(bag), dir.resolve(bag + ".mcap"), c, 64 * 1024);
            List<String> theirs = node(dir, "read.mjs", mcap.toString());
            List<String> ours = listing(mcap);
            assertTrue(ours.stream().filter(l -> l.startsWith("message\t")).count() > 400, "the fixture's messages are there");
            assertEquals(ours, theirs, bag + " with " + c.label() + ": what @mcap/core reads is what we wrote");
        }
    }

    /** The ros2 profile at container level: ros2msg schemas, cdr channels, hand-built CDR std_msgs/String payloads. */
    @ParameterizedTest
    @EnumSource(McapCompression.class)
    void mcapCoreReadsOurRos2ProfileFiles(McapCompression c, @TempDir Path dir) throws Exception {
        Path mcap = dir.resolve("ros2-" + c.label() + ".mcap");
        try (McapWriter w = McapWriter.create(mcap, new McapWriter.Options("ros2", c, 2048))) {
            w.addSchema(new McapSchema(1, "std_msgs/msg/String", "ros2msg", "string data".getBytes(StandardCharsets.UTF_8)));
            w.addSchema(new McapSchema(2, "std_msgs/msg/Empty", "ros2msg", new byte[0]));
            w.addChannel(new McapChannel(1, 1, "/chatter", "cdr", java.util.Map.of("offered_qos_profiles", "- history: 3 depth: 0")));
            w.addChannel(new McapChannel(2, 2, "/empty", "cdr", java.util.Map.of()));
            for (int i = 0; i < 500; i++) {
                long t = 1_700_000_000_000_000_000L + i * 10_000_000L;
                w.write(1, i, t, t - 5, McapFixtures.cdrString("hello ros2 " + i));
                if (i % 5 == 0) w.write(2, i / 5, t, t, ByteBuffer.wrap(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}));
            }
        }
        List<String> ours = listing(mcap);
        assertEquals(600, ours.stream().filter(l -> l.startsWith("message\t")).count());
        assertEquals(ours, node(dir, "read.mjs", mcap.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "zstd"})
    void weReadMcapCoreFiles(String compression, @TempDir Path dir) throws Exception {
        Path mcap = dir.resolve("node-" + compression + ".mcap");
        int count = 300;
        node(dir, "write.mjs", mcap.toString(), compression, Integer.toString(count));
        assertEquals(node(dir, "read.mjs", mcap.toString()), listing(mcap), "we read what @mcap/core reads");
        try (McapReader r = McapReader.open(mcap)) {
            assertTrue(r.readFromSummary());
            assertTrue(r.chunkIndexes().size() > 1);
            String expected = compression.equals("none") ? "" : compression;
            for (ChunkIndex ci : r.chunkIndexes()) assertEquals(expected, ci.compression());
        }
        // And the payloads are the ROS 1 messages the script wrote, decodable as the ros1 profile says.
        try (Recording r = Recording.open(mcap)) {
            assertEquals(2L * count, r.messageCount());
            int chatter = 0, ticks = 0;
            for (BagMessage m : r.messages(BagQuery.all())) {
                Object decoded = r.decode(m);
                if (m.topic().equals("/chatter")) {
                    byte[] text = ("hello " + chatter).getBytes(StandardCharsets.UTF_8);
                    ByteBuffer b = ByteBuffer.allocate(4 + text.length).order(ByteOrder.LITTLE_ENDIAN).putInt(text.length).put(text);
                    assertArrayEquals(b.array(), m.bytes());
                    assertEquals("/talker", m.connection().callerid());
                    assertTrue(decoded.toString().contains("hello " + chatter), decoded.toString());
                    chatter++;
                } else {
                    assertEquals(ticks, ByteBuffer.wrap(m.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt());
                    ticks++;
                }
            }
            assertEquals(count, chatter);
            assertEquals(count, ticks);
        }
    }

    /** The listing read.mjs prints, built from our reader. */
    static List<String> listing(Path mcap) throws IOException {
        List<String> out = new ArrayList<>();
        try (McapReader r = McapReader.open(mcap)) {
            out.add("header\t" + r.header().profile() + "\t" + r.header().library());
            for (McapSchema s : r.schemas().values()) {
                out.add("schema\t" + s.id() + "\t" + s.name() + "\t" + s.encoding() + "\t" + McapFixtures.sha256(s.data()));
            }
            for (McapChannel c : r.channels().values()) {
                String meta = new TreeMap<>(c.metadata()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
                out.add("channel\t" + c.id() + "\t" + c.schemaId() + "\t" + c.topic() + "\t" + c.messageEncoding() + "\t" + meta);
            }
            out.add("statistics\t" + r.messageCount() + "\t" + r.chunkIndexes().size());
            for (McapMessage m : r.messages()) {
                out.add("message\t" + m.channelId() + "\t" + m.sequence() + "\t" + m.logTime() + "\t" + m.publishTime() + "\t" + McapFixtures.sha256(m.bytes()));
            }
        }
        return out;
    }

    private static List<String> node(Path dir, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", NODE_DIR.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Path stdout = dir.resolve(script + ".out"), stderr = dir.resolve(script + ".err");
        Process p = new ProcessBuilder(cmd).directory(NODE_DIR.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish in 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "node " + script + " failed: " + read(stderr));
        return Files.readAllLines(stdout);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

}
