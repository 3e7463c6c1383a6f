package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.mcap.McapChannel;
import org.liquidpilot.bags.mcap.McapCompression;
import org.liquidpilot.bags.mcap.McapSchema;
import org.liquidpilot.bags.mcap.McapWriter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --data} and {@code replay} on a ros1-profile MCAP file give what they give on the bag it came from. */
class McapReplayTrainCommandTest {
    @TempDir
    static Path tmp;
    static Path bag;
    static Path mcap;
    static Path model;

    @BeforeAll
    static void convertAndTrain() throws Exception {
        bag = tmp.resolve("bag/flight.bag");
        mcap = tmp.resolve("mcap/flight.mcap");
        Files.createDirectories(bag.getParent());
        Files.createDirectories(mcap.getParent());
        Files.copy(McapReplayTrainCommandTest.class.getResourceAsStream("/replay/flight_small_bz2.bag"), bag);
        CliRun c = CliRun.of("bag", "convert", bag.toString(), mcap.toString(), "--compression", "lz4");
        assertEquals(0, c.code(), c.err());
        model = tmp.resolve("flight.safetensors");
        CliRun r = CliRun.of("train", "--data", mcap.getParent().toString(), "--model-type", "cfc-ncp19", "--epochs", "2", "--seq-len", "16",
                "--batch", "8", "--quiet", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void replayOfTheMcapScoresExactlyAsReplayOfTheBag() throws Exception {
        JsonNode[] scores = new JsonNode[2];
        Path[] inputs = {bag, mcap};
        for (int i = 0; i < 2; i++) {
            Path out = tmp.resolve("replay-" + i);
            CliRun r = CliRun.of("replay", "--bag", inputs[i].toString(), "--model", model.toString(), "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            scores[i] = new ObjectMapper().readTree(out.resolve("replay.json").toFile());
        }
        assertEquals(60, scores[1].get("frames").asInt());
        assertEquals(scores[0].get("frames"), scores[1].get("frames"));
        assertEquals(scores[0].get("mse"), scores[1].get("mse"));
    }

    @Test
    void ros2ProfileIsListedByInfoAndExit2ForTheRest() throws Exception {
        Path ros2 = tmp.resolve("ros2.mcap");
        try (McapWriter w = McapWriter.create(ros2, new McapWriter.Options("ros2", McapCompression.NONE, 4096))) {
            w.addSchema(new McapSchema(1, "sensor_msgs/msg/Image", "ros2msg", "uint32 height".getBytes(StandardCharsets.UTF_8)));
            w.addChannel(new McapChannel(1, 1, "/camera/image_raw", "cdr", Map.of()));
            w.write(1, 0, 1, 1, ByteBuffer.wrap(new byte[] {0, 1, 0, 0, 1, 0, 0, 0}));
        }
        CliRun info = CliRun.of("bag", "info", ros2.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("MCAP, profile ros2") && info.out().contains("sensor_msgs/msg/Image (ros2msg)")
                && info.out().matches("(?s).*/camera/image_raw\\s+1 msg\\s+: sensor_msgs/msg/Image \\[cdr].*"), info.out());
        for (CliRun r : new CliRun[] {
                CliRun.of("replay", "--bag", ros2.toString(), "--model", model.toString(), "--out", tmp.resolve("x").toString()),
                CliRun.of("train", "--data", ros2.toString(), "--model-type", "cfc-ncp19", "--epochs", "1", "--quiet", "--out", tmp.resolve("y.safetensors").toString()),
                CliRun.of("bag", "convert", ros2.toString(), tmp.resolve("z.bag").toString())}) {
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("ros2 profile"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertTrue(!Files.exists(tmp.resolve("z.bag")), "a refused conversion leaves no file");
    }
}
