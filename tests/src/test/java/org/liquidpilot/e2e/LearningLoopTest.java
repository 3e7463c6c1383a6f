package org.liquidpilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.cli.LiquidPilotCli;
import org.liquidpilot.pilot.PilotModel;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.sim.render.HeadlessGl;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The learning loop at toy scale, through the commands a user types: collect two short expert episodes, train a
 * 19-neuron CfC NCP on the bags for a few epochs, replay one bag open-loop, run one DAgger round and retrain (the
 * paper-wired NCP and an MLP baseline), sweep one perturbation cell closed-loop with both and build the results
 * table, then run one severity-ladder axis (fog, baseline and five levels) with the expert and the NCP and build its
 * report (curves, AUC table). Checks that each step's artefacts exist and parse, not how well the toy models drive.
 */
class LearningLoopTest {
    static final String SCENARIO = """
            world: forest-road
            vehicle: car
            seed: 4242
            episodes: 2
            duration_s: 3
            speed_mps: 6
            camera: {width: 160, height: 80, fov_deg: 70, noise_std: 0.0}
            weather: {rain: 0.0, fog: 0.0, sun_altitude_deg: 45, sun_azimuth_deg: 120, night: false, season: summer}
            wind: {mean_mps: 0.0, direction_deg: 90, turbulence: none}
            success: {max_cross_track_m: 1.5}
            """;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        CommandLine cl = LiquidPilotCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = cli(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void collectTrainReplaySweep(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path scenario = Files.writeString(dir.resolve("toy.yaml"), SCENARIO);
        ObjectMapper json = new ObjectMapper();

        Path bags = dir.resolve("bags");
        ok("sim", "collect", "--scenario", scenario.toString(), "--episodes", "2", "--out", bags.toString());
        for (String name : List.of("episode-000.bag", "episode-001.bag")) {
            try (BagReader r = BagReader.open(bags.resolve(name))) {
                assertTrue(r.messageCount() > 0, name);
            }
        }
        assertEquals(2, json.readTree(bags.resolve("metrics.json").toFile()).get("episodes").size());

        Path model = dir.resolve("toy.safetensors");
        ok("train", "--data", bags.toString(), "--model-type", "cfc-ncp19", "--epochs", "3", "--seq-len", "16", "--batch", "8",
                "--quiet", "--out", model.toString());
        PilotModel pm = PilotModel.load(model);
        assertEquals(19, pm.policy().neuronCount());
        assertTrue(Files.isRegularFile(bags.resolve("episode-000.bag.features.safetensors")), "features cached for retraining");
        assertNotNull(ImageIO.read(dir.resolve("toy.loss.png").toFile()));

        Path replay = dir.resolve("replay");
        ok("replay", "--bag", bags.resolve("episode-000.bag").toString(), "--model", model.toString(), "--out", replay.toString());
        JsonNode rj = json.readTree(replay.resolve("replay.json").toFile());
        assertTrue(rj.get("frames").asInt() >= 60, rj.toString());
        assertTrue(rj.get("mse").isNumber(), rj.toString());
        assertNotNull(ImageIO.read(replay.resolve("replay-commands.png").toFile()));
        assertNotNull(ImageIO.read(replay.resolve("replay-neurons.png").toFile()));

        // One DAgger round: the toy model drives with a light disturbance, the expert labels; retrain on both.
        Path dagger = dir.resolve("dagger1");
        Run d = ok("sim", "collect", "--scenario", scenario.toString(), "--episodes", "1", "--dagger", model.toString(),
                "--steer-noise", "0.02", "--prefix", "dagger1", "--out", dagger.toString());
        assertTrue(d.out().contains("expert's labels"), d.out());
        Path model2 = dir.resolve("toy2.safetensors");
        ok("train", "--data", bags.toString(), "--data", dagger.toString(), "--model-type", "cfc-ncp12-6-1", "--epochs", "2",
                "--seq-len", "16", "--batch", "8", "--quiet", "--out", model2.toString());
        Path mlp = dir.resolve("mlp.safetensors");
        ok("train", "--data", bags.toString(), "--data", dagger.toString(), "--model-type", "mlp", "--epochs", "2",
                "--seq-len", "16", "--batch", "8", "--quiet", "--out", mlp.toString());

        // One perturbation cell, the NCP against a baseline, then the results table.
        Path sweep = dir.resolve("sweep");
        ok("sim", "sweep", "--scenario", scenario.toString(), "--condition", "rain", "--episodes", "1", "--policy", model2.toString(),
                "--policy", mlp.toString(), "--out", sweep.toString());
        List<String> csv = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(Files.isRegularFile(sweep.resolve("toy2/rain/metrics.json")));
        assertTrue(Files.isRegularFile(sweep.resolve("mlp/rain/metrics.json")));
        // the NCP's neurons are traced for the report; the MLP has no state to trace
        assertTrue(Files.isRegularFile(sweep.resolve("toy2/rain/neurons.csv")));
        assertFalse(Files.exists(sweep.resolve("mlp/rain/neurons.csv")));
        Path md = dir.resolve("results.md");
        ok("report", "--runs", sweep.toString(), "--out", dir.resolve("report.html").toString(), "--markdown", md.toString());
        String table = Files.readString(md);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("|") && l.contains("toy2")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("|") && l.contains("mlp")), table);
        assertTrue(Files.size(dir.resolve("report.html")) > 1000);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("report-neurons-toy2.png"));

        // One severity-ladder axis: the expert and the NCP over the baseline and fog levels 1..5, then its report.
        Path ladder = dir.resolve("ladder");
        ok("sim", "sweep", "--scenario", scenario.toString(), "--ladder", "standard", "--axis", "fog", "--episodes", "1",
                "--policy", "expert", "--policy", model2.toString(), "--out", ladder.toString());
        assertEquals("fog", json.readTree(ladder.resolve("ladder.json").toFile()).path("axes").get(0).path("name").asText());
        assertEquals(13, Files.readAllLines(ladder.resolve("sweep.csv")).size(), "2 policies x 6 cells");
        assertTrue(json.readTree(ladder.resolve("toy2/fog-3/metrics.json").toFile()).path("episodes").get(0).path("cross_track_p95_m").isNumber());
        ok("report", "--runs", ladder.toString(), "--out", dir.resolve("ladder.html").toString());
        assertNotNull(ImageIO.read(dir.resolve("ladder-ladder.png").toFile()));
        assertNotNull(ImageIO.read(dir.resolve("ladder-ladder-fog.png").toFile()));
        String lmd = Files.readString(dir.resolve("ladder-ladder.md"));
        assertTrue(lmd.contains("| expert | 100% (1/1) |"), "the expert succeeds at level 0:\n" + lmd);
        java.util.regex.Matcher auc = java.util.regex.Pattern.compile("\\| fog \\| (\\d\\.\\d{3}) \\[(\\d\\.\\d{3}), (\\d\\.\\d{3})\\] \\| "
                + "(\\d\\.\\d{3}) \\[(\\d\\.\\d{3}), (\\d\\.\\d{3})\\] \\|").matcher(lmd);
        assertTrue(auc.find(), "an AUC with its interval for the expert and for toy2:\n" + lmd);
        for (int g = 0; g < 2; g++) {
            double a = Double.parseDouble(auc.group(1 + 3 * g)), lo = Double.parseDouble(auc.group(2 + 3 * g)), hi = Double.parseDouble(auc.group(3 + 3 * g));
            assertTrue(0 <= lo && lo <= a && a <= hi && hi <= 1, lmd);
        }
        assertTrue(lmd.contains("toy2"), lmd);
        assertTrue(Files.readString(dir.resolve("ladder.html")).contains("ladder-ladder-fog.png"));
    }
}
