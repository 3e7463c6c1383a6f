package org.liquidpilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.geometry_msgs.Vector3;
import org.liquidpilot.liquid.LiquidModel;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code train --data BAG} then {@code replay}: the model carries its front end from one to the other. */
class ReplayCommandTest {
    @TempDir
    static Path tmp;
    static Path bag;
    static Path model;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void trainOnTheBag() throws Exception {
        bag = tmp.resolve("flight.bag");
        Files.copy(ReplayCommandTest.class.getResourceAsStream("/replay/flight_small_bz2.bag"), bag);
        model = tmp.resolve("flight.safetensors");
        CliRun r = run("train", "--data", bag.toString(), "--model-type", "cfc-ncp19", "--epochs", "4", "--seq-len", "16", "--batch", "8",
                "--quiet", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(bag.resolveSibling("flight.bag.features.safetensors")), "features cached beside the bag");
        JsonNode fx = LiquidModel.load(model).featureExtractor();
        assertNotNull(fx, "the model file carries the feature extractor");
        assertEquals(32, fx.get("stats").get("mean").size());
    }

    @Test
    void replayWritesScoresAndPlots() throws Exception {
        Path out = tmp.resolve("replay");
        CliRun r = run("replay", "--bag", bag.toString(), "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("60 frames") && r.out().contains("MSE"), r.out());
        JsonNode j = new ObjectMapper().readTree(out.resolve("replay.json").toFile());
        assertEquals(60, j.get("frames").asInt());
        assertTrue(j.get("mse").isNumber());
        assertNotNull(ImageIO.read(out.resolve("replay-commands.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("replay-neurons.png").toFile()));
    }

    @Test
    void bagWithoutTheExpectedTopicsIsExit2WithOneLine() throws Exception {
        Path noCamera = tmp.resolve("cmd_only.bag");
        try (BagWriter w = BagWriter.create(noCamera, Compression.NONE)) {
            w.write("/cmd_vel", Twist.CODEC, new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 0.1)), 1_000_000_000L);
        }
        CliRun r = run("replay", "--bag", noCamera.toString(), "--model", model.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no topic /camera/image_raw"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        CliRun wrongTopic = run("replay", "--bag", bag.toString(), "--model", model.toString(), "--command-topic", "/nope");
        assertEquals(2, wrongTopic.code());
        assertTrue(wrongTopic.err().contains("no topic /nope"), wrongTopic.err());
    }

    @Test
    void missingFilesAndModelsWithoutStatisticsAreExit2() throws Exception {
        assertEquals(2, run("replay", "--bag", tmp.resolve("none.bag").toString(), "--model", model.toString()).code());
        assertEquals(2, run("replay", "--bag", bag.toString(), "--model", tmp.resolve("none.safetensors").toString()).code());
        Path junk = Files.write(tmp.resolve("junk.safetensors"), new byte[]{9, 9, 9});
        CliRun r = run("replay", "--bag", bag.toString(), "--model", junk.toString());
        assertEquals(2, r.code(), r.err());
    }
}
