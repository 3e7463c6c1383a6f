package org.liquidpilot.pilot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FailsafeTest {
    private static final long MS = 1_000_000L;
    private static final float[] NOMINAL = {0.3f, -0.5f, 1.0f, 0.2f};
    private static final float[] FAR = {9f, -7f, 12f, 8f};
    private static final float[] BORDERLINE = {2.5f, -2.5f, 2.5f, 2.5f};

    private static Failsafe active() {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(200));
        for (int i = 0; i < 3; i++) {
            f.frameArrived(i * 33 * MS);
            f.frameOk(NOMINAL);
        }
        assertEquals(FailsafeState.ACTIVE, f.state());
        return f;
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
        assertEquals(0.0, f.speedScale());
        assertFalse(f.tick(last + 300 * MS), "reported once");
        for (int i = 0; i < 2; i++) {
            f.frameArrived(last + (400 + i) * MS);
            assertEquals(FailsafeState.STOPPED, f.frameOk(NOMINAL));
        }
        assertEquals(FailsafeReason.RECOVERING, f.status().reason());
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
        for (int i = 0; i < 10; i++) assertEquals(FailsafeState.DEGRADED, f.frameOk(BORDERLINE));
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
    void disableOverridesEverythingUntilEnabled() {
        Failsafe f = active();
        f.setEnabled(false, 0);
        assertEquals(FailsafeState.DISABLED, f.state());
        f.frameOk(NOMINAL);
        f.tick(Long.MAX_VALUE / 2);
        assertEquals(FailsafeState.DISABLED, f.state());
        f.setEnabled(true, 0);
        assertEquals(FailsafeState.STOPPED, f.state());
        for (int i = 0; i < 3; i++) f.frameOk(NOMINAL);
        assertEquals(FailsafeState.ACTIVE, f.state());
    }

    @Test
    void configRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(0, 3, 2, 8, 3, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, 1, 2, 8, 3, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, 3, 2, Double.NaN, 3, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, 3, 2, 8, 0, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new FailsafeConfig(MS, 3, 2, 8, 3, 1.5));
    }

    @Property(tries = 200)
    void anySequenceKeepsInvariants(@ForAll("events") java.util.List<Integer> events) {
        Failsafe f = new Failsafe(FailsafeConfig.defaults(100));
        long now = 0;
        for (int e : events) {
            now += 20 * MS;
            switch (e % 6) {
                case 0 -> { f.frameArrived(now); f.frameOk(NOMINAL); }
                case 1 -> { f.frameArrived(now); f.frameOk(FAR); }
                case 2 -> f.nonFinite("state");
                case 3 -> f.tick(now + 500 * MS);
                case 4 -> f.setEnabled(e % 12 < 6, now);
                default -> { f.frameArrived(now); f.frameOk(BORDERLINE); }
            }
            assertEquals(f.mustStop(), f.speedScale() == 0.0);
            if (e % 6 == 2 && f.state() != FailsafeState.DISABLED) assertTrue(f.mustStop());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<java.util.List<Integer>> events() {
        return net.jqwik.api.Arbitraries.integers().between(0, 100).list().ofMaxSize(60);
    }
}
