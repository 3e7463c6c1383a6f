package org.liquidpilot.sim.run;

import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.expert.Experts;
import org.liquidpilot.sim.expert.TargetExpert;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;
import org.liquidpilot.sim.world.Tree;
import org.liquidpilot.sim.world.World;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The target tasks' scoring and the expert that flies them, physics only (the expert never looks at the frame). */
class TargetTaskTest {
    static final Tree A = new Tree(Tree.Kind.TARGET, 20, 0, 0.4, 2, 0), B = new Tree(Tree.Kind.TARGET, 30, 10, 0.4, 2, 0);

    static VehicleState at(double x, double y, double yawDeg) {
        return new VehicleState(x, y, 2, Math.toRadians(yawDeg), 0, 0, 0, 0, 0);
    }

    static RunMetrics run(String scenario, long seed, int episodes, DrivingPolicy policy) {
        var tree = Scenarios.resolveTree(scenario);
        tree.put("seed", seed);
        Scenario sc = Scenarios.toScenario(tree).withEpisodes(episodes);
        return new ClosedLoopRunner(sc, FrameSource.blank(32, 16)).run(policy, "test", StepListener.NONE);
    }

    @Test
    void aTargetIsReachedOnlyNearEnoughAndCentredInTheImage() {
        TargetProgress p = new TargetProgress(List.of(A), 0, 0, 2.0, 12);
        p.update(at(17.5, 0, 0), 1);
        assertFalse(p.complete(), "2.5 m away is not there yet");
        p.update(at(18.5, 0, 40), 2);
        assertFalse(p.complete(), "near but looking 40 degrees away: the target is not centred");
        assertEquals(-40, p.metrics().finalBearingDeg(), 1e-9, "bearing off the camera axis, left positive");
        p.update(at(18.5, 0, 10), 3);
        assertTrue(p.complete(), "1.5 m away, 10 degrees off");
        EpisodeMetrics.TargetMetrics m = p.metrics();
        assertEquals(1, m.reached());
        assertEquals(3.0, m.timeToTargetS());
        assertEquals(1.5, m.finalDistanceM(), 1e-9);
        // flown 17.5 + 1 (+ nothing for turning) over the straight 20 m less the 2 m reach
        assertEquals(18.5 / 18.0, m.pathRatio(), 1e-9);
    }

    @Test
    void hikeTargetsCountOnlyInOrder() {
        TargetProgress p = new TargetProgress(List.of(A, B), 0, 0, 2.0, 12);
        VehicleState atB = at(29, 9, 45);
        p.update(atB, 1);
        assertEquals(0, p.reachedCount(), "the second target first does not count");
        p.update(at(19, 0, 0), 2);
        assertEquals(1, p.reachedCount());
        assertFalse(p.complete());
        assertNull(p.metrics().timeToTargetS(), "no time until the last one");
        p.update(atB, 3);
        assertTrue(p.complete());
        assertEquals(3.0, p.metrics().timeToTargetS());
    }

    @Test
    void theExpertReachesTheTargetAndEveryHikeTargetInOrder() {
        for (String task : new String[]{"drone-target", "drone-hike"}) {
            RunMetrics m = run(task, 424242, 5, Experts.forScenario(Scenarios.resolve(task)));
            assertEquals(1.0, m.summary().successRate(), task + ": " + m.episodes());
            for (EpisodeMetrics e : m.episodes()) {
                assertEquals(0, e.collisions(), task);
                assertEquals(e.target().targets(), e.target().reached(), task);
                assertTrue(e.target().finalDistanceM() <= 2.0 && Math.abs(e.target().finalBearingDeg()) <= 12, task + ": " + e.target());
                assertTrue(e.target().pathRatio() < 1.3, "nearly straight: " + e.target());
                assertTrue(e.elapsedS() < Scenarios.resolve(task).durationS(), "it ends when the last target is reached");
                assertEquals(e.elapsedS(), e.target().timeToTargetS(), 1e-9);
            }
            assertNotNull(m.summary().target());
        }
    }

    @Test
    void theExpertGoesRoundTheMarkerItJustReached() {
        // A hike whose next target lies straight on behind the first: the straight line runs through the first marker.
        Tree a = new Tree(Tree.Kind.TARGET, 12, 0, 0.4, 2, 0), b = new Tree(Tree.Kind.TARGET, 26, 0, 0.4, 2, 0);
        World w = new World("forest-open", 1, org.liquidpilot.sim.world.OpenForestAccess.legs(a, b), 0, List.of(a, b), List.of(a, b));
        Scenario sc = Scenarios.resolve("drone-hike");
        TargetExpert expert = (TargetExpert) Experts.forScenario(sc);
        var quad = ClosedLoopRunner.vehicleFor(sc);
        quad.reset(0, 0, 0);
        TargetProgress p = new TargetProgress(w.targets(), 0, 0, 2, 12);
        double[] still = new double[3];
        for (int i = 0; i < 30 * 30 && !p.complete(); i++) {
            expert.observe(quad.state(), w);
            VehicleCommand c = expert.act(null, 1 / 30.0);
            quad.step(c, 1 / 60.0, still);
            quad.step(c, 1 / 60.0, still);
            assertNull(w.collision(quad.state().x(), quad.state().y(), quad.radius()), "touched a marker at step " + i + ": " + quad.state());
            p.update(quad.state(), i / 30.0);
        }
        assertTrue(p.complete(), "both reached: " + p.metrics());
    }

    @Test
    void aCollisionEndsTheEpisodeAsAFailure() {
        // Flies at the nearest tree, at speed.
        PrivilegedPolicy ram = new PrivilegedPolicy() {
            VehicleCommand c = VehicleCommand.ZERO;

            @Override
            public void observe(VehicleState s, World world) {
                Tree t = world.obstacles().stream().filter(o -> o.kind() != Tree.Kind.TARGET)
                        .min(java.util.Comparator.comparingDouble(o -> Math.hypot(o.x() - s.x(), o.y() - s.y()))).orElseThrow();
                double b = Math.atan2(t.y() - s.y(), t.x() - s.x()) - s.yaw();
                c = new VehicleCommand(3 * Math.cos(b), 3 * Math.sin(b), 0, 0); // straight at it, sideways if need be
            }

            @Override
            public VehicleCommand act(RgbFrame frame, double dt) {
                return c;
            }
        };
        EpisodeMetrics e = run("drone-target", 31337, 1, ram).episodes().get(0);
        assertFalse(e.success());
        assertEquals(1, e.collisions());
        assertEquals("collision", e.firstFailure().cause());
        assertTrue(e.elapsedS() < 29, "it ends at the collision: " + e.elapsedS());
        assertNull(e.target().timeToTargetS());
        assertNull(e.target().pathRatio());
    }

    @Test
    void hoveringRunsOutOfTime() {
        EpisodeMetrics e = run("drone-target", 8675309, 1, (f, dt) -> VehicleCommand.ZERO).episodes().get(0);
        assertFalse(e.success());
        assertEquals(0, e.collisions());
        assertEquals(Scenarios.resolve("drone-target").durationS(), e.elapsedS(), 1e-6);
        assertEquals(0, e.target().reached());
        assertTrue(e.target().finalDistanceM() > 5, "it stopped short: " + e.target());
    }
}
