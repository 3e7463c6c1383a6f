package org.liquidpilot.sim.ros;

import org.liquidpilot.pilot.VehicleCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liquidpilot.bags.BagReader;
import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.run.ClosedLoopRunner;
import org.liquidpilot.sim.run.EpisodeMetrics;
import org.liquidpilot.sim.run.FrameSource;
import org.liquidpilot.sim.run.LabellingPolicy;
import org.liquidpilot.sim.run.StepListener;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.World;
import org.liquidpilot.sim.world.Worlds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A DAgger round physics-only (blank frames): a learner that always steers hard left drives, the expert labels, and
 * the bags hold the expert's labels, not what the vehicle executed.
 */
class DaggerBagsTest {

    @Test
    void carBagsHoldTheExpertsLabelsNotTheLearnersCommands(@TempDir Path dir) throws Exception {
        daggerRound("nominal", dir);
    }

    @Test
    void quadrotorBagsHoldTheExpertsLabelsNotTheLearnersCommands(@TempDir Path dir) throws Exception {
        daggerRound("trail-nominal", dir);
    }

    /** One 4 s episode in which a learner steering hard left drives and the expert labels. */
    private static void daggerRound(String scenario, Path dir) throws Exception {
        Scenario base = Scenarios.resolve(scenario);
        Scenario sc = new Scenario("short", base.world(), base.vehicle(), 505, 1, 4, base.speedMps(), base.camera(),
                base.weather(), base.wind(), base.success());
        var vehicle = ClosedLoopRunner.vehicleFor(sc);
        double max = vehicle.maxCommand();
        double hardLeft = 0.9 * max;
        VehicleCommand learnerCmd = vehicle.withSteering(VehicleCommand.car(sc.speedMps(), 0), hardLeft);
        LabellingPolicy dagger = new LabellingPolicy((f, dt) -> learnerCmd, new PurePursuitExpert(sc.isQuad(), sc.speedMps()), 0.0, vehicle, 505);
        List<Double> labels = new ArrayList<>(), executed = new ArrayList<>();
        World world = Worlds.generate(sc, sc.episodeSeed(0));
        VehicleState[] before = new VehicleState[1];
        StepListener spy = (e, s, t, st, f, c, i) -> {
            // what a fresh expert answers to the state this frame was taken in (the state after the previous step)
            PurePursuitExpert fresh = new PurePursuitExpert(sc.isQuad(), sc.speedMps());
            fresh.observe(before[0], world);
            labels.add(Math.max(-max, Math.min(max, vehicle.steering(fresh.act(f, 1 / 30.0)))));
            executed.add(vehicle.steering(c));
            before[0] = st;
        };
        DemonstrationBags bags = new DemonstrationBags(dir, "dagger1-s505", dagger::lastLabel);
        ClosedLoopRunner.Episode ep = new ClosedLoopRunner(sc, FrameSource.blank(sc.camera().width(), sc.camera().height()))
                .start(0, dagger, StepListener.all(dagger, spy, bags));
        before[0] = ep.state();
        while (ep.step()) {
            // lock-step
        }
        EpisodeMetrics m = ep.finish();

        assertTrue(m.crashes() > 0, "steering hard left leaves the corridor: " + m);
        Path bag = dir.resolve("dagger1-s505-000.bag");
        assertTrue(Files.isRegularFile(bag));
        List<Twist> cmds;
        try (BagReader r = BagReader.open(bag)) {
            cmds = r.read("/cmd_vel", Twist.CODEC).map(BagReader.Decoded::message).toList();
            assertEquals(cmds.size(), r.read("/camera/image_raw", org.liquidpilot.ros.msg.sensor_msgs.Image.CODEC).count());
        }
        assertEquals(4 * 30, cmds.size());
        assertEquals(labels.size(), cmds.size());
        double toYawRate = sc.isQuad() ? 1 : sc.speedMps();
        int differing = 0;
        boolean rightTurnLabel = false;
        for (int i = 0; i < cmds.size(); i++) {
            assertEquals(hardLeft, executed.get(i), 1e-9, "the learner drove step " + i);
            double yawRate = cmds.get(i).angular().z();
            assertEquals(labels.get(i) * toYawRate, yawRate, 1e-9, "step " + i + " records the expert's label for the state it saw, as a yaw rate");
            if (Math.abs(yawRate - hardLeft * toYawRate) > 0.05) differing++;
            if (labels.get(i) < 0) rightTurnLabel = true;
        }
        assertTrue(differing > cmds.size() / 2, "labels differ from the executed commands: " + differing + " of " + cmds.size());
        assertTrue(rightTurnLabel, "the expert asks to steer back right after the learner pulls left");
    }

    @Test
    void prefixesWithPathsOrOddCharactersAreRefused(@TempDir Path dir) {
        for (String bad : new String[]{"a/b", "../x", ".hidden", "-x", "", "a b", "x\\y"}) {
            assertThrows(IllegalArgumentException.class, () -> new DemonstrationBags(dir, bad, null), bad);
        }
        assertEquals(dir.resolve("dagger1-s505-007.bag"), DemonstrationBags.bagPath(dir, "dagger1-s505", 7));
    }
}
