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
        public double output(int i) { return output; }
        public void neuronStates(float[] out) { out[0] = neuron; out[1] = 0; }
        public void reset() { resets++; }
        public String describe() { return "scripted"; }
        public boolean trained() { return false; }
    }

    private int shade;

    /** A 2x2 frame one grey level brighter than the last one: a camera that sees the world change. */
    private RgbFrame frame(double stamp) {
        byte[] px = new byte[12];
        java.util.Arrays.fill(px, (byte) (shade++ % 200));
        return new RgbFrame(2, 2, px, stamp);
    }

    /** The same pixels every time: a camera driver repeating its last buffer. */
    private static RgbFrame stuck(double stamp) {
        return new RgbFrame(2, 2, new byte[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120}, stamp);
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

    /** A drone model: forward, left, up and yaw rate, set by the test. */
    static final class FourOutputPolicy implements Policy {
        final double[] out = new double[4];
        public int inputSize() { return 3; }
        public int neuronCount() { return 2; }
        public double step(float[] input, double dt) { return out[0]; }
        public double output(int i) { return out[i]; }
        public java.util.List<CommandAxis> outputs() { return CommandAxis.ALL; }
        public void neuronStates(float[] out) { out[0] = 0.1f; out[1] = 0; }
        public void reset() { }
        public String describe() { return "four"; }
        public boolean trained() { return true; }
    }

    @Test
    void aDroneModelCommandsAllFourAxesWithinTheConfiguredSpeedAndStopsToHover() {
        FourOutputPolicy four = new FourOutputPolicy();
        Pilot p = new Pilot(config, features, FeatureStats.identity(3), four);
        four.out[0] = 3; four.out[1] = -1.5; four.out[2] = 0.8; four.out[3] = 0.2;
        for (int i = 0; i < 40; i++) p.onFrame(frame(10 + i / 30.0), i * 33 * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
        VehicleCommand c = p.command();
        assertEquals(3.0, c.forward(), 1e-12, "the model's forward speed, not the configured 5");
        assertEquals(-1.5, c.left(), 1e-12);
        assertEquals(0.8, c.up(), 1e-12);
        assertEquals(0.4, c.yawRate(), 1e-9, "yaw output x gain 2, as for a steering model");
        four.out[0] = 9; four.out[1] = 9; four.out[2] = -9;
        p.onFrame(frame(12), 2000 * MS);
        c = p.command();
        assertEquals(5.0, c.forward(), 1e-12, "clamped to the configured speed");
        assertEquals(5.0, c.left(), 1e-12);
        assertEquals(-2.5, c.up(), 1e-12, "vertical speed clamped to half of it");
        four.out[0] = -2;
        p.onFrame(frame(12.1), 2100 * MS);
        assertEquals(0.0, p.command().forward(), 1e-12, "a forward-looking camera never flies backwards");
        four.out[1] = Double.NaN;
        p.onFrame(frame(12.2), 2200 * MS);
        assertTrue(p.command().isZero(), "a non-finite output on any axis hovers: " + p.command());
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
    void aFrozenCameraStopsAMovingPilotWithinFrozenFrames() {
        Pilot p = activePilot();
        policy.output = 0.3;
        p.onFrame(frame(11), 100 * MS);
        assertEquals(5.0, p.forward());
        int frozenFrames = config.failsafe().frozenFrames();
        int n = 0;
        // The first repeat still differs from the last fresh frame; the count starts with the second.
        while (p.state() != FailsafeState.STOPPED) {
            n++;
            p.onFrame(stuck(11 + n / 30.0), (100 + n * 33) * MS);
            assertTrue(n <= frozenFrames + 1, "stopped within " + (frozenFrames + 1) + " frames");
        }
        assertEquals(frozenFrames + 1, n);
        assertEquals(FailsafeReason.FROZEN_FRAMES, p.status().reason());
        assertEquals(0.0, p.forward());
        assertEquals(0.0, p.yawRate());
        // Stopped, the frozen camera keeps it stopped; a camera that changes again brings it back.
        for (int i = 0; i < 100; i++) p.onFrame(stuck(12 + i / 30.0), (1000 + i * 33) * MS);
        assertEquals(FailsafeReason.FROZEN_FRAMES, p.status().reason());
        assertEquals(0.0, p.forward());
        for (int i = 0; i < config.failsafe().cameraRecoveryFrames(); i++) p.onFrame(frame(16 + i / 30.0), (5000 + i * 33) * MS);
        assertEquals(FailsafeState.ACTIVE, p.state(), p.status().line());
        assertEquals(5.0, p.forward());
    }

    @Test
    void aStampThatDoesNotAdvanceCountsAsFrozen() {
        Pilot p = activePilot();
        p.onFrame(frame(11), 100 * MS);
        for (int i = 0; i < config.failsafe().frozenFrames(); i++) p.onFrame(frame(11), (133 + i * 33) * MS);
        assertEquals(FailsafeState.STOPPED, p.state());
        assertEquals(FailsafeReason.FROZEN_FRAMES, p.status().reason());
        assertEquals(0.0, p.forward());
    }

    @Test
    void aStoppedPilotStartsOnIdenticalFramesAndStopsWhenMovingDoesNotChangeThem() {
        // A vehicle at rest in a static scene sees identical frames: that alone must not keep it from starting.
        Pilot p = new Pilot(config, features, FeatureStats.identity(3), policy);
        for (int i = 0; i < 3; i++) p.onFrame(stuck(10 + i / 30.0), i * 33 * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
        assertEquals(5.0, p.forward());
        // Commanding motion and still the image does not change: frozen.
        for (int i = 3; i < 3 + config.failsafe().frozenFrames(); i++) p.onFrame(stuck(10 + i / 30.0), i * 33 * MS);
        assertEquals(FailsafeReason.FROZEN_FRAMES, p.status().reason());
        assertEquals(0.0, p.forward());
    }

    @Test
    void aPilotConfiguredForSpeedZeroNeverCallsFramesFrozen() {
        Pilot p = new Pilot(config.withSpeed(0), features, FeatureStats.identity(3), policy);
        for (int i = 0; i < 200; i++) p.onFrame(stuck(10 + i / 30.0), i * 33 * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
    }

    @Test
    void severelyUnfamiliarFeaturesCommandExactlyZero() {
        Pilot p = activePilot();
        policy.output = 0.4;
        for (int i = 0; i < 10; i++) p.onFrame(frame(11 + i / 30.0), (100 + i * 33) * MS);
        assertTrue(p.forward() > 0 && p.yawRate() != 0);
        features.next = new float[] {40, -40, 40};
        p.onFrame(frame(12), 1000 * MS);
        assertEquals(FailsafeState.STOPPED, p.state());
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, p.status().reason());
        assertEquals(0.0, p.forward());
        assertEquals(0.0, p.yawRate());
        features.next = new float[3];
        for (int i = 0; i < config.failsafe().cameraRecoveryFrames(); i++) p.onFrame(frame(13 + i / 30.0), (2000 + i * 33) * MS);
        assertEquals(FailsafeState.ACTIVE, p.state());
    }

    @Test
    void theModelsCalibratedThresholdsAreTheOnesItFliesWith() {
        OodThresholds tight = new OodThresholds(1.5, 1.0, 4.0, 3.0, 5, 6.0, 16.0);
        Pilot p = new Pilot(config.withFailsafe(config.failsafe().withOod(tight)), features, FeatureStats.identity(3), policy);
        for (int i = 0; i < 3; i++) p.onFrame(frame(10 + i / 30.0), i * 33 * MS);
        features.next = new float[] {7, -7, 7};   // rms|z| 7: DEGRADED under the defaults, STOPPED under these
        p.onFrame(frame(11), 100 * MS);
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, p.status().reason());
    }

    @Test
    void aFrameAllocatesNothingWhateverTheFailsafeDoes() {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        QuietPolicy quiet = new QuietPolicy();
        Pilot p = new Pilot(config, features, FeatureStats.identity(3), quiet);
        byte[][] pixels = new byte[8][12];
        for (int i = 0; i < pixels.length; i++) java.util.Arrays.fill(pixels[i], (byte) (i * 20));
        int n = 20_000;
        // Made up front (the frames are records), so the measurement sees only what the pilot allocates. 13 of every
        // 195 frames repeat one buffer: a frozen stretch.
        RgbFrame[] frames = new RgbFrame[n];
        for (int i = 0; i < n; i++) frames[i] = new RgbFrame(2, 2, pixels[(i / 13) % 15 == 0 ? 0 : 1 + i % 7], i / 30.0);
        float[][] scripts = {{0, 0, 0}, {4, -4, 4}, {0, 0, 0}, {7, -7, 7}, {40, 40, 40}, {0.5f, 0, 0}};
        java.util.EnumSet<FailsafeReason> seen = java.util.EnumSet.noneOf(FailsafeReason.class);
        java.util.function.Consumer<Boolean> run = record -> {
            for (int i = 0; i < n; i++) {
                // Cycles through ACTIVE, DEGRADED, sustained and severe stops, recoveries and frozen stretches.
                features.next = scripts[(i / 97) % scripts.length];
                p.onFrame(frames[i], i * 33 * MS);
                p.tick(i * 33 * MS);
                if (record) seen.add(p.status().reason());
            }
        };
        run.accept(true);
        assertEquals(java.util.EnumSet.of(FailsafeReason.NOMINAL, FailsafeReason.OUT_OF_DISTRIBUTION, FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION,
                FailsafeReason.SUSTAINED_OUT_OF_DISTRIBUTION, FailsafeReason.FROZEN_FRAMES, FailsafeReason.RECOVERING), seen);
        run.accept(false);
        // The least of a few runs: the first ones can still catch the JIT recompiling (a few hundred bytes).
        long allocated = Long.MAX_VALUE;
        for (int k = 0; k < 5; k++) {
            long before = bean.getThreadAllocatedBytes(thread);
            run.accept(false);
            long a = bean.getThreadAllocatedBytes(thread) - before;
            allocated = Math.min(allocated, a);
        }
        assertEquals(0, allocated, "bytes allocated over " + n + " frames");
    }

    /** A policy that allocates nothing itself. */
    static final class QuietPolicy implements Policy {
        public int inputSize() { return 3; }
        public int neuronCount() { return 2; }
        private double last;
        public double step(float[] input, double dt) { return last = input[0] * 0.01; }
        public double output(int i) { return last; }
        public void neuronStates(float[] out) { out[0] = 0.1f; out[1] = 0; }
        public void reset() { }
        public String describe() { return "quiet"; }
        public boolean trained() { return false; }
    }

    @Test
    void mismatchedSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Pilot(config, new ScriptedFeatures(4), FeatureStats.identity(4), policy));
        assertThrows(IllegalArgumentException.class, () -> new Pilot(config, features, FeatureStats.identity(4), policy));
    }
}
