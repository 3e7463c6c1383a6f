package org.liquidpilot.cli;

import org.liquidpilot.liquid.ModelFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.ros.debian.Interop;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.msg.nav_msgs.Odometry;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.render.HeadlessGl;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.World;
import org.liquidpilot.sim.world.Worlds;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code sim collect}: seeds, durations, prefixes, overwrite protection, DAgger labels; {@code train} on pooled rounds. */
class SimCollectCommandTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    static void assertBadInput(String fragment, String... args) {
        CliRun r = run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), "'" + fragment + "' in: " + r.err());
    }

    static Path flightBag(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path bag = dir.resolve(name);
        try (var in = SimCollectCommandTest.class.getResourceAsStream("/replay/flight_small_bz2.bag")) {
            Files.copy(in, bag);
        }
        return bag;
    }

    @Test
    void helpStatesTheDaggerChoices() {
        CliRun r = run("sim", "collect", "--help");
        assertEquals(0, r.code());
        for (String s : new String[]{"--dagger", "--beta", "per episode", "--seed", "--duration", "--prefix", "--force", "--steer-noise"}) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        String out = dir.resolve("bags").toString();
        assertBadInput("no model file", "sim", "collect", "--episodes", "1", "--out", out, "--dagger", dir.resolve("none.safetensors").toString());
        Path model = Files.writeString(dir.resolve("m.safetensors"), "x");
        assertBadInput("--beta", "sim", "collect", "--episodes", "1", "--out", out, "--dagger", model.toString(), "--beta", "1.5");
        assertBadInput("--beta", "sim", "collect", "--episodes", "1", "--out", out, "--dagger", model.toString(), "--beta", "-0.1");
        assertBadInput("--beta", "sim", "collect", "--episodes", "1", "--out", out, "--dagger", model.toString(), "--beta", "NaN");
        assertBadInput("--beta needs --dagger", "sim", "collect", "--episodes", "1", "--out", out, "--beta", "0.5");
        assertBadInput("--steer-noise", "sim", "collect", "--episodes", "1", "--out", out, "--steer-noise", "-0.1");
        assertBadInput("--steer-noise", "sim", "collect", "--episodes", "1", "--out", out, "--steer-noise", "NaN");
        assertBadInput("--steer-noise", "sim", "collect", "--episodes", "1", "--out", out, "--steer-noise", "0.9");
        assertBadInput("--prefix", "sim", "collect", "--episodes", "1", "--out", out, "--prefix", "round/1");
        assertBadInput("--prefix", "sim", "collect", "--episodes", "1", "--out", out, "--prefix", "../x");
        assertBadInput("--prefix", "sim", "collect", "--episodes", "1", "--out", out, "--prefix", "");
        assertBadInput("--seed", "sim", "collect", "--episodes", "1", "--out", out, "--seed", "-1");
        assertBadInput("--duration", "sim", "collect", "--episodes", "1", "--out", out, "--duration", "0");
        assertBadInput("--duration", "sim", "collect", "--episodes", "1", "--out", out, "--duration", "3601");
        assertBadInput("--duration", "sim", "collect", "--episodes", "1", "--out", out, "--duration", "NaN");
        assertEquals(2, run("sim", "collect", "--episodes", "1", "--out", out, "--seed", "abc").code());

        Path existing = Files.createDirectories(dir.resolve("round"));
        Files.writeString(existing.resolve("dagger1-s505-001.bag"), "earlier round");
        assertBadInput("dagger1-s505-001.bag already exists", "sim", "collect", "--episodes", "2", "--out", existing.toString(),
                "--prefix", "dagger1-s505");
        assertEquals("earlier round", Files.readString(existing.resolve("dagger1-s505-001.bag")), "nothing overwritten");
        assertBadInput("is a file", "sim", "collect", "--episodes", "1", "--out", model.toString());
        assertBadInput("--dagger " + model, "sim", "collect", "--episodes", "1", "--out", out, "--dagger", model.toString());
        assertFalse(Files.exists(dir.resolve("bags/episode-000.bag")), "nothing recorded for a model that does not load");
    }

    @Test
    void trainPoolsSeveralBagSourcesAndNamesThemAll(@TempDir Path dir) throws Exception {
        flightBag(dir.resolve("demos"), "episode-000.bag");
        flightBag(dir.resolve("dagger1"), "dagger1-s505-000.bag");
        Path model = dir.resolve("pooled.safetensors");
        CliRun r = run("train", "--data", dir.resolve("demos").toString(), "--data", dir.resolve("dagger1").toString(),
                "--model-type", "cfc-ncp19", "--epochs", "1", "--seq-len", "16", "--batch", "4", "--quiet", "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        String data = ModelFile.training(model).path("data").asText();
        assertTrue(data.startsWith("demos + dagger1 (2 bags"), "folder names, not machine paths: " + data);
        assertTrue(Files.isRegularFile(dir.resolve("dagger1/dagger1-s505-000.bag.features.safetensors")), "features cached beside each bag");

        Files.createDirectories(dir.resolve("sequences"));
        assertBadInput("several --data sources", "train", "--data", dir.resolve("demos").toString(), "--data", dir.resolve("sequences").toString(),
                "--model-type", "cfc-ncp19", "--out", dir.resolve("x.safetensors").toString());
    }

    /**
     * A DAgger round through the CLI: a model trained on a drone bag (it has never seen the forest road) drives, and
     * every /cmd_vel in the bag is what the pure-pursuit expert answers to the state recorded in /sim/odom one frame
     * earlier, recomputed here from scratch, whatever the model executed.
     */
    @Test
    void daggerBagsHoldTheExpertsLabelsOfTheVisitedStates(@TempDir Path dir) throws Exception {
        assumeTrue(Interop.shouldRun("a GL context (libosmesa6)", HeadlessGl.available()));
        Path bag = flightBag(dir.resolve("flight"), "flight.bag");
        Path model = dir.resolve("m0.safetensors");
        assertEquals(0, run("train", "--data", bag.toString(), "--model-type", "cfc-ncp19", "--epochs", "1", "--seq-len", "16",
                "--batch", "4", "--quiet", "--out", model.toString()).code());

        Path out = dir.resolve("dagger1");
        CliRun r = run("sim", "collect", "--scenario", "nominal", "--episodes", "1", "--seed", "505", "--duration", "3",
                "--dagger", model.toString(), "--prefix", "dagger1-s505", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("the model drove 1 of 1"), r.out());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("dagger1-s505-metrics.json").toFile());
        assertEquals("dagger(m0.safetensors, beta=0.0)", metrics.get("policy").asText());

        Scenario sc = Scenarios.resolve("nominal");
        sc = new Scenario(sc.name(), sc.world(), sc.vehicle(), 505, 1, 3, sc.speedMps(), sc.camera(), sc.weather(), sc.wind(), sc.success());
        assertEquals(sc.episodeSeed(0), metrics.get("episodes").get(0).get("seed").asLong(), "--seed reaches the episode seeds");
        World world = Worlds.generate(sc, sc.episodeSeed(0));
        List<Twist> cmds;
        List<Odometry> odom;
        try (BagReader reader = BagReader.open(out.resolve("dagger1-s505-000.bag"))) {
            cmds = reader.read("/cmd_vel", Twist.CODEC).map(BagReader.Decoded::message).toList();
            odom = reader.read("/sim/odom", Odometry.CODEC).map(BagReader.Decoded::message).toList();
        }
        assertEquals(90, cmds.size(), "3 s at 30 Hz");
        assertEquals(cmds.size(), odom.size());
        double max = ClosedLoopRunner.vehicleFor(sc).maxCommand();
        var path = world.centreline();
        VehicleState s = new VehicleState(path.x(0), path.y(0), 0, path.heading(0), 0, 0, 0, 0, 0);
        for (int i = 0; i < cmds.size(); i++) {
            PurePursuitExpert expert = new PurePursuitExpert(false, sc.speedMps());
            expert.observe(s, world);
            double label = Math.max(-max, Math.min(max, expert.act(null, 1 / 30.0).curvature()));
            assertEquals(label * sc.speedMps(), cmds.get(i).angular().z(), 1e-6, "frame " + i + ": the expert's label for the state it saw");
            var p = odom.get(i).pose().pose();
            double yaw = 2 * Math.atan2(p.orientation().z(), p.orientation().w());
            s = new VehicleState(p.position().x(), p.position().y(), 0, yaw, 0, 0, 0, 0, 0);
        }
        assertBadInput("already exists", "sim", "collect", "--scenario", "nominal", "--episodes", "1", "--duration", "1",
                "--dagger", model.toString(), "--prefix", "dagger1-s505", "--out", out.toString());
        CliRun forced = run("sim", "collect", "--scenario", "nominal", "--episodes", "1", "--duration", "1", "--seed", "7",
                "--prefix", "dagger1-s505", "--out", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        try (BagReader reader = BagReader.open(out.resolve("dagger1-s505-000.bag"))) {
            assertEquals(3 * 30, reader.messageCount(), "--force overwrote the bag with a 1 s expert episode");
        }
    }
}
