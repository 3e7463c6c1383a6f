package org.liquidpilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagWriter;
import org.liquidpilot.bags.Compression;
import org.liquidpilot.pilot.CommandAxis;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.sensor_msgs.Image;
import org.liquidpilot.ros.msg.std_msgs.Float32;
import org.liquidpilot.ros.msg.std_msgs.Header;
import org.liquidpilot.sim.render.HeadlessGl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.liquidpilot.e2e.LearningLoopTest.cli;
import static org.liquidpilot.e2e.LearningLoopTest.ok;

/**
 * The drone's learning loop at toy scale, through the commands a user types: collect two short fly-to-target expert
 * episodes, train a 19-neuron CfC NCP with four motor neurons (forward, left, up, yaw rate) on the drone's front end,
 * replay one bag, and sweep one drone cell closed-loop. Checks that each step's artefacts exist, parse and say what
 * the model commands, not how well a toy model flies; and that a steering-only model, a bag whose command topic has
 * the wrong type and a scenario with an unknown biome are one-line errors with exit 2.
 */
class DroneLearningLoopTest {
    static final String SCENARIO = """
            world: forest-open
            vehicle: quad
            task: target
            seed: 4343
            episodes: 2
            duration_s: 6
            speed_mps: 3
            camera: {width: 160, height: 80, fov_deg: 70, noise_std: 0.0}
            weather: {rain: 0.0, fog: 0.0, sun_altitude_deg: 45, sun_azimuth_deg: 120, night: false, season: summer}
            wind: {mean_mps: 0.0, direction_deg: 90, turbulence: none}
            success: {max_cross_track_m: 1.5}
            """;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void collectTrainReplaySweepWithFourOutputs(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path scenario = Files.writeString(dir.resolve("toy-target.yaml"), SCENARIO);
        ObjectMapper json = new ObjectMapper();

        Path bags = dir.resolve("bags");
        ok("sim", "collect", "--scenario", scenario.toString(), "--episodes", "2", "--out", bags.toString());

        Path model = dir.resolve("drone.safetensors");
        ok("train", "--data", bags.toString(), "--model-type", "cfc-ncp19", "--outputs", "forward,left,up,yaw_rate",
                "--features", "drone", "--epochs", "2", "--seq-len", "16", "--batch", "8", "--quiet", "--out", model.toString());
        PilotModel pm = PilotModel.load(model);
        assertEquals(19, pm.policy().neuronCount());
        assertEquals(CommandAxis.ALL, pm.outputs(), "the file names the four outputs in order");
        pm.requireFits("quad");

        Path replay = dir.resolve("replay");
        ok("replay", "--bag", bags.resolve("episode-000.bag").toString(), "--model", model.toString(), "--out", replay.toString());
        JsonNode rj = json.readTree(replay.resolve("replay.json").toFile());
        assertTrue(rj.get("frames").asInt() >= 30, rj.toString());

        Path sweep = dir.resolve("sweep");
        ok("sim", "sweep", "--scenario", scenario.toString(), "--condition", "winter", "--episodes", "1", "--policy", model.toString(),
                "--out", sweep.toString());
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(2, csv.size(), csv.toString());
        JsonNode m = json.readTree(sweep.resolve("drone/winter/metrics.json").toFile());
        assertTrue(m.get("episodes").get(0).get("target").get("final_distance_m").isNumber(), m.toString());

        // A steering-only model cannot fly the drone: one line, exit 2.
        Path car = dir.resolve("car.safetensors");
        ok("train", "--data", bags.toString(), "--model-type", "mlp", "--epochs", "1", "--seq-len", "16", "--batch", "8", "--quiet",
                "--out", car.toString());
        LearningLoopTest.Run r = cli("sim", "run", "--scenario", scenario.toString(), "--episodes", "1",
                "--policy", car.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("a drone needs"), r.err());
    }

    @Test
    void badDroneInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        // a bag whose command topic is not a command
        Path bag = dir.resolve("imu.bag");
        try (BagWriter w = BagWriter.create(bag, Compression.NONE)) {
            for (int i = 0; i < 4; i++) {
                long nanos = 1_000_000_000L + i * 50_000_000L;
                Header h = new Header(i, Time.ofSeconds(nanos * 1e-9), "camera");
                w.write("/camera/image_raw", Image.CODEC, new Image(h, 8, 8, "rgb8", 0, 24, new byte[192]), nanos);
                w.write("/cmd_vel", Float32.CODEC, new Float32(0.1f), nanos + 1);
            }
        }
        LearningLoopTest.Run r = cli("train", "--data", bag.toString(), "--model-type", "cfc-ncp19", "--outputs", "forward,left,up,yaw_rate",
                "--epochs", "1", "--quiet", "--out", dir.resolve("m.safetensors").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("std_msgs/Float32") && r.err().strip().lines().count() == 1, r.err());

        Path oak = Files.writeString(dir.resolve("oak.yaml"), SCENARIO + "biome: oak\n");
        r = cli("sim", "run", "--scenario", oak.toString(), "--episodes", "1", "--policy", "expert",
                "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("oak") && r.err().strip().lines().count() == 1, r.err());

        Path spring = Files.writeString(dir.resolve("spring.yaml"), SCENARIO.replace("season: summer", "season: spring"));
        r = cli("sim", "run", "--scenario", spring.toString(), "--episodes", "1", "--policy", "expert",
                "--out", dir.resolve("s").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("spring") && r.err().strip().lines().count() == 1, r.err());

        r = cli("train", "--data", bag.toString(), "--model-type", "cfc-ncp19", "--outputs", "forward,sideways", "--epochs", "1",
                "--quiet", "--out", dir.resolve("m.safetensors").toString());
        assertEquals(2, r.code(), r.err());
    }
}
