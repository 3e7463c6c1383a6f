package org.liquidpilot.pilot.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagFormatException;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.bags.RecordingWriter;
import org.liquidpilot.bags.mcap.McapChannel;
import org.liquidpilot.bags.mcap.McapCompression;
import org.liquidpilot.bags.mcap.McapRos1Writer;
import org.liquidpilot.bags.mcap.McapSchema;
import org.liquidpilot.bags.mcap.McapWriter;
import org.liquidpilot.train.Sequence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training data and frames come out of a ros1-profile MCAP file exactly as out of the bag it was converted from. */
class McapDatasetTest {
    @TempDir
    Path tmp;

    private Path bag() throws IOException {
        Path p = tmp.resolve("bag/flight.bag");
        Files.createDirectories(p.getParent());
        Files.copy(BagDatasetTest.fixture("flight_small_bz2.bag"), p);
        return p;
    }

    private Path mcap(Path bag) throws IOException {
        Path p = tmp.resolve("mcap/flight.mcap");
        Files.createDirectories(p.getParent());
        try (BagReader in = BagReader.open(bag); RecordingWriter out = McapRos1Writer.create(p, McapCompression.ZSTD, 256 * 1024)) {
            RecordingWriter.copy(in, out);
        }
        return p;
    }

    @Test
    void mcapGivesTheSameSequencesAsItsBag() throws IOException {
        Path bag = bag(), mcap = mcap(bag);
        BagDataset fromBag = BagDataset.load(bag, BagDatasetConfig.defaults());
        assertTrue(BagDataset.isBagData(mcap) && BagDataset.isBagData(mcap.getParent()));
        BagDataset fromMcap = BagDataset.load(mcap.getParent(), BagDatasetConfig.defaults());
        assertEquals(1, fromMcap.sequences().size());
        Sequence a = fromBag.sequences().get(0), b = fromMcap.sequences().get(0);
        assertEquals(60, b.steps());
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertArrayEquals(a.dt(), b.dt());
        try (BagFrames f = new BagFrames(mcap, null); BagFrames g = new BagFrames(bag, null)) {
            assertEquals(g.topic, f.topic);
            assertEquals(g.messages, f.messages);
            assertEquals(g.all().size(), f.all().size());
        }
    }

    @Test
    void ros2ProfileIsRefusedWithItsProfileNamed() throws IOException {
        Path p = tmp.resolve("ros2.mcap");
        try (McapWriter w = McapWriter.create(p, new McapWriter.Options("ros2", McapCompression.NONE, 4096))) {
            w.addSchema(new McapSchema(1, "sensor_msgs/msg/Image", "ros2msg", "uint32 height".getBytes(StandardCharsets.UTF_8)));
            w.addChannel(new McapChannel(1, 1, "/camera/image_raw", "cdr", Map.of()));
            w.write(1, 0, 1, 1, ByteBuffer.wrap(new byte[] {0, 1, 0, 0, 1, 0, 0, 0}));
        }
        BagFormatException e = assertThrows(BagFormatException.class, () -> BagDataset.load(p, BagDatasetConfig.defaults()));
        assertTrue(e.getMessage().contains("ros2 profile"), e.getMessage());
        assertThrows(BagFormatException.class, () -> new BagFrames(p, null).close());
    }
}
