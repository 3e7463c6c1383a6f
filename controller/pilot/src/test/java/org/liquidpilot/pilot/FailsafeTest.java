package org.liquidpilot.pilot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class FailsafeTest {
    private static final long MS = 1_000_000L;
    private static final OodThresholds T = OodThresholds.defaults();
    private static final float[] NOMINAL = {0.3f, -0.5f, 1.0f, 0.2f};
    /** rms|z| 9.2, max|z| 12: above the degrade and sustained lines, below the stop lines. */
    private static final float[] FAR = {9f, -7f, 12f, 8f};
    private static final float[] BORDERLINE = {2.5f, -2.5f, 2.5f, 2.5f};
    /** Far beyond both stop lines, as a black frame is for the shipped model (its flow features give max|z| 76.6). */
    private static final float[] BLIND = {-36f, -18.4f, -76.6f, -3.7f, 2.5f, 1.2f, -3f, 0.5f};
    /** rms|z| 7: between the sustained (6) and stop (12) lines, max|z| under the degrade line. */
    private static final float[] HIGH = {7f, -7f, 7f, -7f};

    private static Failsafe active() {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(200));
        for (int i = 0; i < 3; i++) {
            f.frameArrived(i * 33 * MS);
            f.frameOk(NOMINAL);
        }
        assertEquals(FailsafeState.ACTIVE, f.state());
        return f;
    }

    private static float[] filled(int n, float v) {
        float[] z = new float[n];
        Arrays.fill(z, v);
        return z;
    }

    @Test
    void startsStoppedWaitingForImages() {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(200));
        assertEquals(FailsafeState.STOPPED, f.state());
        assertEquals(FailsafeReason.WAITING_FOR_IMAGES, f.status().reason());
        assertTrue(f.mustStop());
        assertFalse(f.tick(10_000 * MS), "no watchdog before the first image");
    }

    @Test
    void watchdogStopsAfterTimeoutAndImagesRecover() {
        Failsafe f = active();
        long last = 2 * 33 * MS;
        assertFalse(f.tick(last + 199 * MS));
        assertEquals(FailsafeState.ACTIVE, f.state());
        assertTrue(f.tick(last + 201 * MS));
        assertEquals(FailsafeState.STOPPED, f.state());
        assertEquals(FailsafeReason.IMAGE_TIMEOUT, f.status().reason());
        assertEquals("no image for 201 ms", f.status().detail());
        assertEquals(0.0, f.speedScale());
        assertFalse(f.tick(last + 300 * MS), "reported once");
        for (int i = 0; i < 2; i++) {
            f.frameArrived(last + (400 + i) * MS);
            assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL));
        }
        assertEquals(FailsafeReason.RECOVERING, f.status().reason());
        assertEquals("2/3 usable frames after IMAGE_TIMEOUT", f.status().detail());
        f.frameArrived(last + 402 * MS);
        assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL));
    }

    @Test
    void nonFiniteStopsUntilSaneFramesFollow() {
        Failsafe f = active();
        f.nonFinite("output");
        assertEquals(FailsafeState.STOPPED, f.state());
        assertEquals(FailsafeReason.NON_FINITE, f.status().reason());
        assertTrue(f.status().line().contains("non-finite output"));
        f.frameOk(NOMINAL);
        f.nonFinite("features");
        f.frameOk(NOMINAL);
        f.frameOk(NOMINAL);
        assertEquals(FailsafeState.STOPPED, f.state(), "a NaN restarts the count");
        f.frameOk(NOMINAL);
        assertEquals(FailsafeState.ACTIVE, f.state());
    }

    @Test
    void outOfDistributionDegradesWithHysteresis() {
        Failsafe f = active();
        assertEquals(FailsafeState.DEGRADED, f.frameOk(FAR));
        assertEquals(FailsafeReason.OUT_OF_DISTRIBUTION, f.status().reason());
        assertEquals(0.3, f.speedScale());
        assertFalse(f.mustStop());
        // Between the exit and the enter threshold: stays degraded however long it lasts.
        for (int i = 0; i < 100; i++) assertEquals(FailsafeState.DEGRADED, f.frameOk(BORDERLINE));
        f.frameOk(NOMINAL);
        f.frameOk(NOMINAL);
        assertEquals(FailsafeState.DEGRADED, f.frameOk(FAR));
        f.frameOk(NOMINAL);
        f.frameOk(NOMINAL);
        assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL));
        // Active tolerates borderline frames.
        assertEquals(FailsafeState.ACTIVE, f.frameOk(BORDERLINE));
    }

    @Test
    void oneFeatureFarOffIsEnough() {
        Failsafe f = active();
        assertEquals(FailsafeState.DEGRADED, f.frameOk(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9f}));
    }

    @Test
    void stoppedWithUnfamiliarFramesComesBackDegraded() {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(200));
        for (int i = 0; i < 3; i++) f.frameOk(FAR);
        assertEquals(FailsafeState.DEGRADED, f.state());
    }

    @Test
    void aBlindCameraStopsOnItsFirstFrameFromAnyState() {
        assertTrue(Failsafe.rmsZ(BLIND) > T.stopRmsZ() && Failsafe.maxAbsZ(BLIND) > T.stopMaxAbsZ());
        Failsafe active = active();
        assertEquals(FailsafeState.STOPPED, active.frameOk(BLIND, false, true));
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, active.status().reason());
        assertEquals(0.0, active.speedScale());
        assertTrue(active.status().line().startsWith("STOPPED SEVERE_OUT_OF_DISTRIBUTION ood=30.69 rms|z|=30.7 max|z|=76.6"), active.status().line());

        Failsafe degraded = active();
        degraded.frameOk(FAR);
        assertEquals(FailsafeState.DEGRADED, degraded.state());
        assertEquals(FailsafeState.STOPPED, degraded.frameOk(BLIND));

        Failsafe recovering = new Failsafe(FailsafeConfig.defaults(200));
        recovering.frameOk(NOMINAL);
        recovering.frameOk(NOMINAL);
        assertEquals(FailsafeReason.RECOVERING, recovering.status().reason());
        recovering.frameOk(BLIND);
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, recovering.status().reason(), "a blind camera at start never starts");
        recovering.frameOk(NOMINAL);
        recovering.frameOk(NOMINAL);
        assertEquals(FailsafeState.STOPPED, recovering.frameOk(NOMINAL), "a camera stop needs more than 3 frames");
    }

    @Test
    void oneFeatureFarBeyondTheStopLineStopsToo() {
        float[] z = new float[32];
        z[30] = (float) T.stopMaxAbsZ() + 1;
        assertTrue(Failsafe.rmsZ(z) < T.degradeRmsZ() * 2);
        Failsafe f = active();
        assertEquals(FailsafeState.STOPPED, f.frameOk(z));
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, f.status().reason());
    }

    @Test
    void aCameraStopRecoversOnlyAfterCameraRecoveryFramesBelowTheSustainedLine() {
        Failsafe f = active();
        f.frameOk(BLIND);
        int need = FailsafeConfig.defaults(200).cameraRecoveryFrames();
        assertEquals(15, need);
        for (int i = 1; i < need; i++) {
            assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL));
            assertEquals(FailsafeReason.RECOVERING, f.status().reason());
        }
        assertEquals(i(need - 1) + "/15 usable frames after SEVERE_OUT_OF_DISTRIBUTION", f.status().detail());
        // A frame above the sustained line is not usable: the count starts again and the cause shows.
        assertEquals(FailsafeState.STOPPED, f.frameOk(HIGH));
        assertEquals(FailsafeReason.SEVERE_OUT_OF_DISTRIBUTION, f.status().reason());
        for (int i = 1; i < need; i++) assertEquals(FailsafeState.STOPPED, f.frameOk(BORDERLINE));
        // Usable but unfamiliar (above the degrade line, below the sustained one): back flying, slowly.
        assertEquals(FailsafeState.DEGRADED, f.frameOk(new float[] {4f, -4f, 4f, -4f}));
        f.frameOk(NOMINAL);
        f.frameOk(NOMINAL);
        assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL));
    }

    private static String i(int v) {
        return Integer.toString(v);
    }

    @Test
    void sustainedUnfamiliarFramesStopAfterTheirNetCount() {
        assertTrue(Failsafe.rmsZ(HIGH) > T.sustainedRmsZ() && Failsafe.rmsZ(HIGH) < T.stopRmsZ() && Failsafe.maxAbsZ(HIGH) < T.degradeMaxAbsZ());
        Failsafe f = active();
        for (int i = 1; i < T.sustainedFrames(); i++) assertEquals(FailsafeState.DEGRADED, f.frameOk(HIGH), "frame " + i);
        assertEquals(FailsafeState.STOPPED, f.frameOk(HIGH));
        assertEquals(FailsafeReason.SUSTAINED_OUT_OF_DISTRIBUTION, f.status().reason());
        assertTrue(f.status().detail().contains("after 60 net frames above rms|z| 6.00"), f.status().detail());
    }

    @Test
    void familiarFramesInAnUnfamiliarStretchOnlyDelayTheSustainedStop() {
        Failsafe f = active();
        int frames = 0;
        // Two unfamiliar frames, then one familiar one: the count rises by one every three frames.
        while (f.state() != FailsafeState.STOPPED) {
            f.frameOk(frames % 3 == 2 ? NOMINAL : HIGH);
            frames++;
            assertTrue(frames < 1000);
        }
        assertEquals(FailsafeReason.SUSTAINED_OUT_OF_DISTRIBUTION, f.status().reason());
        assertEquals(3 * (T.sustainedFrames() - 2) + 2, frames);
        // Half and half never gets there.
        Failsafe g = active();
        for (int i = 0; i < 1000; i++) g.frameOk(i % 2 == 0 ? HIGH : NOMINAL);
        assertNotEquals(FailsafeState.STOPPED, g.state());
    }

    @Test
    void frozenFramesStopAMovingPilotAfterFrozenFrames() {
        Failsafe f = active();
        int n = FailsafeConfig.defaults(200).frozenFrames();
        assertEquals(10, n);
        for (int i = 1; i < n; i++) assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL, true, true));
        f.frameOk(NOMINAL, false, true);
        for (int i = 1; i < n; i++) assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL, true, true), "a changed frame restarts the count");
        assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL, true, true));
        assertEquals(FailsafeReason.FROZEN_FRAMES, f.status().reason());
        assertEquals(0.0, f.speedScale());
        // Stopped: unchanged frames keep it stopped for as long as they come.
        for (int i = 0; i < 1000; i++) assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL, true, false));
        assertEquals(FailsafeReason.FROZEN_FRAMES, f.status().reason());
        // Changing frames: recovers after the camera recovery count, and an unchanged one restarts it.
        for (int i = 0; i < 10; i++) f.frameOk(NOMINAL, false, false);
        assertEquals(FailsafeReason.RECOVERING, f.status().reason());
        f.frameOk(NOMINAL, true, false);
        assertEquals(FailsafeReason.FROZEN_FRAMES, f.status().reason());
        for (int i = 1; i < 15; i++) assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL, false, false));
        assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL, false, false));
    }

    @Test
    void unchangedFramesDoNotCountWhileNoMotionIsCommanded() {
        Failsafe f = active();
        for (int i = 0; i < 1000; i++) assertEquals(FailsafeState.ACTIVE, f.frameOk(NOMINAL, true, false));
        // Starting from a stop in a static scene: identical frames are fine until the pilot commands motion.
        Failsafe start = new Failsafe(FailsafeConfig.defaults(200));
        for (int i = 0; i < 3; i++) start.frameOk(NOMINAL, true, false);
        assertEquals(FailsafeState.ACTIVE, start.state());
        for (int i = 1; i < 10; i++) start.frameOk(NOMINAL, true, true);
        assertEquals(FailsafeState.STOPPED, start.frameOk(NOMINAL, true, true), "moving yet the image does not change");
        assertEquals(FailsafeReason.FROZEN_FRAMES, start.status().reason());
        // An operator's disable and enable is a fresh start.
        start.setEnabled(false, 0);
        start.setEnabled(true, 0);
        for (int i = 0; i < 3; i++) start.frameOk(NOMINAL, true, false);
        assertEquals(FailsafeState.ACTIVE, start.state());
    }

    @Test
    void disableOverridesEverythingUntilEnabled() {
        Failsafe f = active();
        f.setEnabled(false, 0);
        assertEquals(FailsafeState.DISABLED, f.state());
        f.frameOk(NOMINAL);
        f.frameOk(BLIND);
        f.tick(Long.MAX_VALUE / 2);
        assertEquals(FailsafeState.DISABLED, f.state());
        f.setEnabled(true, 0);
        assertEquals(FailsafeState.STOPPED, f.state());
        assertEquals(FailsafeReason.WAITING_FOR_IMAGES, f.status().reason());
        for (int i = 0; i < 3; i++) f.frameOk(NOMINAL);
        assertEquals(FailsafeState.ACTIVE, f.state());
    }

    @Test
    void configRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(0, T, 3, 15, 0.3, 10, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, null, 3, 15, 0.3, 10, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 0, 15, 0.3, 10, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 3, 0, 0.3, 10, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 3, 15, 1.5, 10, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 3, 15, 0.3, 0, 0.25));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 3, 15, 0.3, 10, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, T, 3, 15, 0.3, 10, -1));
        // Thresholds out of order, non-finite or non-positive.
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 4, 8, 6, 60, 12, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, 8, 2.5, 60, 12, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, 8, 6, 60, 5, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, 8, 6, 60, Double.POSITIVE_INFINITY, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 0, 8, 6, 60, 12, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, 8, 6, 60, 12, 7));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, Double.NaN, 6, 60, 12, 32));
        assertThrows(IllegalArgumentException.class, () -> new OodThresholds(3, 2, 8, 6, 0, 12, 32));
        assertEquals(T, FailsafeConfig.defaults(200).ood());
        OodThresholds tight = new OodThresholds(1.5, 1, 4, 3, 5, 6, 16);
        assertEquals(tight, FailsafeConfig.defaults(200).withOod(tight).ood());
    }

    @Property(tries = 300)
    void anySequenceKeepsInvariants(@ForAll("events") java.util.List<Integer> events) {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(100));
        long now = 0;
        for (int e : events) {
            now += 20 * MS;
            boolean unchanged = e % 5 == 0;
            boolean moving = f.speedScale() > 0;
            switch (e % 8) {
                case 0 -> { f.frameArrived(now); f.frameOk(NOMINAL, unchanged, moving); }
                case 1 -> { f.frameArrived(now); f.frameOk(FAR, unchanged, moving); }
                case 2 -> f.nonFinite("state");
                case 3 -> f.tick(now + 500 * MS);
                case 4 -> f.setEnabled(e % 16 < 8, now);
                case 5 -> { f.frameArrived(now); f.frameOk(BLIND, unchanged, moving); }
                case 6 -> { f.frameArrived(now); f.frameOk(HIGH, unchanged, moving); }
                default -> { f.frameArrived(now); f.frameOk(BORDERLINE, unchanged, moving); }
            }
            assertEquals(f.mustStop(), f.speedScale() == 0.0);
            if ((e % 8 == 2 || e % 8 == 5) && f.state() != FailsafeState.DISABLED) assertTrue(f.mustStop());
            FailsafeStatus s = f.status();
            assertNotNull(s.line());
            if (s.state() == FailsafeState.ACTIVE) assertEquals(FailsafeReason.NOMINAL, s.reason());
            if (s.state() == FailsafeState.DEGRADED) assertEquals(FailsafeReason.OUT_OF_DISTRIBUTION, s.reason());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<java.util.List<Integer>> events() {
        return net.jqwik.api.Arbitraries.integers().between(0, 100).list().ofMaxSize(200);
    }
}
