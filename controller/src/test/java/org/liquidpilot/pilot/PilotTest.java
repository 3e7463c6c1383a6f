package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.liquidpilot.perception.RgbFrame;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PilotTest {
    private static final long MS = 1_000_000L;

    /** Features chosen by the test, frame by frame. */
    static final class ScriptedFeatures implements FeatureSource {
        float[] next;
        int resets;

        ScriptedFeatures(int n) {
            next = new float[n];
        }

        public int featureCount() { return next.length; }
        public void extract(RgbFrame frame, float[] out) { System.arraycopy(next, 0, out, 0, next.length); }
        public void reset() { resets++; }
    }

    /** Records what the pilot feeds it; outputs what the test sets. */
    static final class ScriptedPolicy implements Policy {
        final List<Double> dts = new ArrayList<>();
        double output;
        float neuron;
        int resets;

        public int inputSize() { return 3; }
        public int neuronCount() { return 2; }
        public double step(float[] input, double dt) { dts.add(dt); return output; }
        public void neuronStates(float[] out) { out[0] = neuron; out[1] = 0; }
        public void reset() { resets++; }
        public String describe() { return "scripted"; }
        public boolean trained() { return false; }
    }

    private static RgbFrame frame(double stamp) {
        return new RgbFrame(2, 2, new byte[12], stamp);
    }

    private final ScriptedFeatures features = new ScriptedFeatures(3);
    private final ScriptedPolicy policy = new ScriptedPolicy();
    private final PilotConfig config = PilotConfig.defaults().withSpeed(5).withMaxYawRate(1.0).withOutputGain(2.0);

    private Pilot activePilot() {
        Pilot p = new Pilot(config, features, FeatureStats.identity(3), policy);
        for (int i = 0; i < 3; i++) p.onFrame(frame(10 + i / 30.0), i * 33 * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
        return p;
    }

    @Test
    void feedsTheRealTimeBetweenStamps() {
        Pilot p = new Pilot(config, features, FeatureStats.identity(3), policy);
        p.onFrame(frame(100.0), 0);
        p.onFrame(frame(100.05), 50 * MS);
        p.onFrame(frame(100.12), 120 * MS);
        p.onFrame(frame(100.12), 130 * MS);   // repeated stamp
        p.onFrame(frame(105.0), 140 * MS);    // a long gap is clipped
        assertEquals(1.0 / 30, policy.dts.get(0), 1e-12);
        assertEquals(0.05, policy.dts.get(1), 1e-9);
        assertEquals(0.07, policy.dts.get(2), 1e-9);
        assertEquals(1.0 / 30, policy.dts.get(3), 1e-12);
        assertEquals(0.5, policy.dts.get(4), 1e-12);
    }

    @Test
    void commandIsScaledMagnitudeLimitedAndRateLimited() {
        Pilot p = activePilot();
        policy.output = 0.2;
        for (int i = 0; i < 30; i++) p.onFrame(frame(11 + i / 30.0), (100 + i * 33) * MS);
        assertEquals(0.4, p.yawRate(), 1e-9, "output 0.2 x gain 2");
        assertEquals(5.0, p.forward(), 1e-12);
        policy.output = 10;
        p.onFrame(frame(11 + 30 / 30.0), 2000 * MS);
        assertEquals(0.4 + 8.0 / 30, p.yawRate(), 1e-9, "at most max_yaw_accel x dt per frame");
        for (int i = 0; i < 30; i++) p.onFrame(frame(12.6 + i / 30.0), (2100 + i * 33) * MS);
        assertEquals(1.0, p.yawRate(), 1e-12, "clamped to max_yaw_rate");
        policy.output = -10;
        for (int i = 0; i < 30; i++) p.onFrame(frame(14 + i / 30.0), (4000 + i * 33) * MS);
        assertEquals(-1.0, p.yawRate(), 1e-12);
    }

    @Test
    void curvatureModeScalesWithSpeed() {
        Pilot p = new Pilot(config.withSteering(SteeringMode.CURVATURE).withMaxYawRate(5), features, FeatureStats.identity(3), policy);
        policy.output = 0.1;
        for (int i = 0; i < 40; i++) p.onFrame(frame(i / 30.0), i * 33 * MS);
        assertEquals(0.1 * 2.0 * 5.0, p.yawRate(), 1e-9);
    }

    @Test
    void nanFeaturesResetTheCellAndStop() {
        Pilot p = activePilot();
        policy.output = 0.3;
        p.onFrame(frame(11), 100 * MS);
        assertTrue(p.forward() > 0);
        int resetsBefore = policy.resets;
        features.next = new float[] {0, Float.NaN, 0};
        p.onFrame(frame(11.033), 133 * MS);
        assertEquals(FailsafeState.STOPPED, p.state());
        assertEquals(FailsafeReason.NON_FINITE, p.status().reason());
        assertEquals(0.0, p.forward());
        assertEquals(0.0, p.yawRate());
        assertEquals(resetsBefore + 1, policy.resets);
        features.next = new float[3];
        for (int i = 0; i < 3; i++) p.onFrame(frame(11.1 + i / 30.0), (200 + i * 33) * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
    }

    @Test
    void nanOutputOrStateResetsAndStops() {
        Pilot p = activePilot();
        policy.output = Double.POSITIVE_INFINITY;
        p.onFrame(frame(11), 100 * MS);
        assertEquals(FailsafeState.STOPPED, p.state());
        assertTrue(p.status().detail().contains("output"));
        assertEquals(0.0, p.forward());
        policy.output = 0;
        for (int i = 0; i < 3; i++) p.onFrame(frame(11.1 + i / 30.0), (200 + i * 33) * MS);
        policy.neuron = Float.NaN;
        p.onFrame(frame(12), 400 * MS);
        assertEquals(FailsafeState.STOPPED, p.state());
        assertTrue(p.status().detail().contains("state"));
        float[] n = new float[2];
        p.neurons(n);
        assertEquals(0f, n[0], "published neurons are the reset state, not the NaN");
    }

    @Test
    void watchdogStopsOnTheFirstTickAfterTheTimeout() {
        Pilot p = activePilot();
        policy.output = 0.3;
        p.onFrame(frame(11), 100 * MS);
        assertFalse(p.tick(250 * MS));
        assertTrue(p.forward() > 0);
        assertTrue(p.tick(301 * MS), "200 ms watchdog");
        assertEquals(0.0, p.forward());
        assertEquals(0.0, p.yawRate());
        assertEquals(FailsafeReason.IMAGE_TIMEOUT, p.status().reason());
    }

    @Test
    void disabledPilotCommandsStopAndDoesNotStep() {
        Pilot p = activePilot();
        int steps = policy.dts.size();
        p.setEnabled(false, 0);
        policy.output = 0.5;
        p.onFrame(frame(11), 100 * MS);
        assertEquals(FailsafeState.DISABLED, p.state());
        assertEquals(0.0, p.forward());
        assertEquals(steps, policy.dts.size());
        p.setEnabled(true, 0);
        for (int i = 0; i < 3; i++) p.onFrame(frame(11.1 + i / 30.0), (200 + i * 33) * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
    }

    @Test
    void mismatchedSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Pilot(config, new ScriptedFeatures(4), FeatureStats.identity(4), policy));
        assertThrows(IllegalArgumentException.class, () -> new Pilot(config, features, FeatureStats.identity(4), policy));
    }
}
