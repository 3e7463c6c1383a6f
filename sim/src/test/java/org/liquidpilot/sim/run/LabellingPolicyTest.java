package org.liquidpilot.sim.run;

import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;
import org.liquidpilot.pilot.VehicleCommand;
import org.liquidpilot.sim.dynamics.Vehicle;
import org.liquidpilot.sim.dynamics.VehicleState;
import org.liquidpilot.sim.world.World;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** DAgger's labelling policy with fake learners and experts: who drives, what the label is, who sees every step. */
class LabellingPolicyTest {
    static final RgbFrame FRAME = new RgbFrame(8, 8, new byte[8 * 8 * 3], 0);

    /** An expert whose answer is the x of the last state it observed, so a test can tell it saw the step. */
    static final class FakeExpert implements PrivilegedPolicy {
        final List<Double> observed = new ArrayList<>();
        int resets;

        @Override public void observe(VehicleState s, World w) { observed.add(s.x()); }
        @Override public VehicleCommand act(RgbFrame f, double dt) {
            return new VehicleCommand(3, 0, 0, observed.isEmpty() ? Double.NaN : observed.get(observed.size() - 1));
        }
        @Override public void reset() { resets++; }
    }

    static final class FakeLearner implements DrivingPolicy {
        int steps, resets;
        @Override public VehicleCommand act(RgbFrame f, double dt) { steps++; return new VehicleCommand(3, 0, 0, 0.7); }
        @Override public void reset() { resets++; }
    }

    /** A vehicle that steers by yaw rate within ±max, as the quadrotor does. */
    static Vehicle yawVehicle(double max) {
        return new Vehicle() {
            @Override public void reset(double x, double y, double yaw) {}
            @Override public void step(VehicleCommand c, double dt, double[] wind) {}
            @Override public VehicleState state() { return at(0); }
            @Override public double radius() { return 0.3; }
            @Override public double cameraHeight() { return 1; }
            @Override public double maxCommand() { return max; }
            @Override public double steering(VehicleCommand c) { return c.yawRate(); }
            @Override public VehicleCommand withSteering(VehicleCommand c, double s) { return c.withYawRate(s); }
        };
    }

    static VehicleState at(double x) {
        return new VehicleState(x, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void theLearnerDrivesAndTheExpertLabelsEveryStep() {
        FakeExpert expert = new FakeExpert();
        FakeLearner learner = new FakeLearner();
        LabellingPolicy p = new LabellingPolicy(learner, expert, 0.0, yawVehicle(1.0), 5);
        p.onEpisodeStart(0, null);
        assertFalse(p.expertDrives());
        for (int i = 0; i < 4; i++) {
            p.observe(at(0.1 * i), null);
            assertEquals(0.7, p.act(FRAME, 1 / 30.0).yawRate(), "the learner's command is executed");
            assertEquals(0.1 * i, p.lastLabel().yawRate(), 1e-12, "the expert's answer to this very state is the label");
        }
        assertEquals(4, learner.steps);
        assertEquals(4, expert.observed.size());
    }

    @Test
    void labelsAreClampedAndNeverNaN() {
        FakeExpert expert = new FakeExpert();
        LabellingPolicy p = new LabellingPolicy(new FakeLearner(), expert, 0.0, yawVehicle(0.5), 1);
        p.onEpisodeStart(0, null);
        p.act(FRAME, 0.03);
        assertEquals(0, p.lastLabel().yawRate(), "an expert with nothing observed answers NaN; the label is 0");
        p.observe(at(3), null);
        p.act(FRAME, 0.03);
        assertEquals(0.5, p.lastLabel().yawRate());
        p.observe(at(-3), null);
        p.act(FRAME, 0.03);
        assertEquals(-0.5, p.lastLabel().yawRate());
    }

    @Test
    void withBetaOneTheExpertDrivesButStillLabelsAndTheLearnerIsNotAsked() {
        FakeExpert expert = new FakeExpert();
        FakeLearner learner = new FakeLearner();
        LabellingPolicy p = new LabellingPolicy(learner, expert, 1.0, yawVehicle(1.0), 5);
        p.onEpisodeStart(0, null);
        assertTrue(p.expertDrives());
        p.observe(at(0.25), null);
        assertEquals(0.25, p.act(FRAME, 0.03).yawRate());
        assertEquals(0.25, p.lastLabel().yawRate());
        assertEquals(0, learner.steps);
    }

    @Test
    void resetReachesBothPoliciesAndKeepsTheLabelOfTheFrameJustDriven() {
        FakeExpert expert = new FakeExpert();
        FakeLearner learner = new FakeLearner();
        LabellingPolicy p = new LabellingPolicy(learner, expert, 0.3, yawVehicle(1.0), 5);
        p.observe(at(0.4), null);
        p.act(FRAME, 0.03);
        p.reset();
        assertEquals(1, expert.resets);
        assertEquals(1, learner.resets);
        assertEquals(0.4, p.lastLabel().yawRate(), "a reset after a corridor exit comes before the frame is recorded: its label stays");
    }

    @Test
    void theDriverIsDrawnPerEpisodeWithProbabilityBetaAndReproducibly() {
        int n = 2000;
        LabellingPolicy a = new LabellingPolicy(new FakeLearner(), new FakeExpert(), 0.3, yawVehicle(1.0), 42);
        LabellingPolicy b = new LabellingPolicy(new FakeLearner(), new FakeExpert(), 0.3, yawVehicle(1.0), 42);
        for (int e = 0; e < n; e++) {
            a.onEpisodeStart(e, null);
            b.onEpisodeStart(e, null);
            assertEquals(a.expertDrives(), b.expertDrives(), "episode " + e);
        }
        assertEquals(n, a.episodes());
        assertEquals(0.3, a.expertEpisodes() / (double) n, 0.05);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), -0.1, yawVehicle(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), 1.5, yawVehicle(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), Double.NaN, yawVehicle(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(null, new FakeExpert(), 0, yawVehicle(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), 0, null, 0));
    }

    /** DART: the executed command wanders around the expert's with the asked spread and correlation; the label stays clean. */
    @Test
    void steeringNoiseDisturbsWhatIsExecutedButNotTheLabel() {
        FakeExpert expert = new FakeExpert();
        LabellingPolicy p = new LabellingPolicy(new FakeLearner(), expert, 1.0, yawVehicle(1.0), 9, 0.05);
        p.onEpisodeStart(0, null);
        int n = 30 * 600;
        double dt = 1 / 30.0, sum = 0, sumSq = 0, lag = 0, prev = 0;
        for (int i = 0; i < n; i++) {
            p.observe(at(0.2), null);
            double d = p.act(FRAME, dt).yawRate() - 0.2;
            assertEquals(0.2, p.lastLabel().yawRate(), 1e-12);
            sum += d;
            sumSq += d * d;
            lag += d * prev;
            prev = d;
        }
        double var = sumSq / n - (sum / n) * (sum / n);
        assertEquals(0.05, Math.sqrt(var), 0.012, "stationary spread");
        // one frame apart the disturbance is nearly the same (correlation exp(-dt/tau)); white noise would give ~0
        assertTrue(lag / sumSq > 0.9, "correlated over frames: " + lag / sumSq);
        // a new episode starts the disturbance afresh, reproducibly
        p.onEpisodeStart(1, null);
        p.observe(at(0), null);
        double a = p.act(FRAME, dt).yawRate();
        LabellingPolicy q = new LabellingPolicy(new FakeLearner(), new FakeExpert(), 1.0, yawVehicle(1.0), 9, 0.05);
        q.onEpisodeStart(1, null);
        q.observe(at(0), null);
        assertEquals(a, q.act(FRAME, dt).yawRate(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), 1.0, yawVehicle(0.1), 9, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new LabellingPolicy(new FakeLearner(), new FakeExpert(), 1.0, yawVehicle(0.1), 9, Double.NaN));
    }
}
