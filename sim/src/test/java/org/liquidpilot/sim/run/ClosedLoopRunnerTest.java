package org.liquidpilot.sim.run;

import org.liquidpilot.pilot.VehicleCommand;
import org.junit.jupiter.api.Test;
import org.liquidpilot.sim.dynamics.Quadrotor;
import org.liquidpilot.sim.dynamics.WindField;
import org.liquidpilot.sim.expert.PurePursuitExpert;
import org.liquidpilot.sim.scenario.Scenario;
import org.liquidpilot.sim.scenario.Scenarios;

import static org.junit.jupiter.api.Assertions.*;

/** Physics-only closed loops (blank frames): the expert, the scoring and reproducibility. */
class ClosedLoopRunnerTest {
    /** The expert's mean cross-track error bound on nominal worlds, metres. */
    static final double EXPERT_MEAN_CTE_M = 0.25;

    static RunMetrics expert(String name, int episodes) {
        Scenario sc = Scenarios.resolve(name).withEpisodes(episodes);
        ClosedLoopRunner runner = new ClosedLoopRunner(sc, FrameSource.blank(sc.camera().width(), sc.camera().height()));
        return runner.run(new PurePursuitExpert(sc.isQuad(), sc.speedMps()), "expert", StepListener.NONE);
    }

    @Test
    void expertDrivesNominalForestRoads() {
        RunMetrics m = expert("nominal", 3);
        for (EpisodeMetrics e : m.episodes()) {
            assertTrue(e.success(), "episode " + e);
            assertTrue(e.reachedEnd() || e.elapsedS() >= 59.9, "episode " + e);
            assertTrue(e.crossTrackMeanM() < EXPERT_MEAN_CTE_M, "mean cross-track " + e.crossTrackMeanM());
            assertEquals(100, e.autonomyPct());
        }
        assertEquals(1.0, m.summary().successRate());
    }

    @Test
    void expertFliesNominalForestTrails() {
        RunMetrics m = expert("trail-nominal", 3);
        for (EpisodeMetrics e : m.episodes()) {
            assertTrue(e.success(), "episode " + e);
            assertTrue(e.crossTrackMeanM() < EXPERT_MEAN_CTE_M, "mean cross-track " + e.crossTrackMeanM());
        }
    }

    @Test
    void sameSeedGivesIdenticalMetrics() {
        RunMetrics a = expert("wind-gusts", 2), b = expert("wind-gusts", 2);
        for (int i = 0; i < 2; i++) {
            EpisodeMetrics x = a.episodes().get(i), y = b.episodes().get(i);
            assertEquals(x.crossTrackMeanM(), y.crossTrackMeanM());
            assertEquals(x.crossTrackMaxM(), y.crossTrackMaxM());
            assertEquals(x.crashes(), y.crashes());
            assertEquals(x.steeringJerk(), y.steeringJerk());
            assertEquals(x.distanceM(), y.distanceM());
        }
        assertNotEquals(a.episodes().get(0).crossTrackMeanM(), a.episodes().get(1).crossTrackMeanM(), "episodes differ");
    }

    @Test
    void aPolicyThatDoesNotSteerLeavesTheRoadAndIsCounted() {
        Scenario sc = Scenarios.resolve("nominal").withEpisodes(1);
        RunMetrics m = new ClosedLoopRunner(sc, FrameSource.blank(160, 80)).run((f, dt) -> VehicleCommand.car(sc.speedMps(), 0), "straight", StepListener.NONE);
        EpisodeMetrics e = m.episodes().get(0);
        assertFalse(e.success());
        assertTrue(e.crashes() > 0);
        assertNotNull(e.firstFailure());
        assertTrue(e.autonomyPct() < 100);
        assertEquals(Math.max(0, (1 - e.crashes() * 6 / e.elapsedS()) * 100), e.autonomyPct(), 1e-9);
    }

    @Test
    void gustsPushAQuadFlyingStraightWhileItsFlightControllerTakesOutTheSteadyWind() {
        double[] calm = drift(new Scenario.Wind(0, 90, "none"));
        assertTrue(calm[0] < 0.01, "calm air: " + calm[0]);
        double[] steady = drift(new Scenario.Wind(8, 90, "none"));
        assertTrue(steady[0] > 0.2, "a sudden 8 m/s crosswind first pushes it: " + steady[0]);
        assertTrue(steady[1] < 0.05, "then the integrator holds it: sideways speed at the end " + steady[1]);
        double[] gusts = drift(new Scenario.Wind(0, 90, "severe"));
        assertTrue(gusts[0] > 0.1, "turbulence alone moves it: " + gusts[0]);
    }

    /** Largest sideways offset, and the final sideways speed, of a quad flying straight for 30 s. */
    private static double[] drift(Scenario.Wind w) {
        Quadrotor q = new Quadrotor(3);
        q.reset(0, 0, 0);
        WindField field = new WindField(w, Quadrotor.ALTITUDE_M, 42);
        double[] air = new double[3];
        double max = 0;
        VehicleCommand straight = VehicleCommand.car(3, 0);
        for (int i = 0; i < 1800; i++) {
            field.sample(1 / 60.0, q.state().yaw(), 3, air);
            q.step(straight, 1 / 60.0, air);
            max = Math.max(max, Math.abs(q.state().y()));
        }
        return new double[]{max, Math.abs(q.state().vy())};
    }
}
