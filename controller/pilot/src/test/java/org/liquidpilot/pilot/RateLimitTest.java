package org.liquidpilot.pilot;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class RateLimitTest {
    static final long P30 = Math.round(1e9 / 30);

    /** Events passed out of {@code n} arriving at {@code hz} with up to ±{@code jitterMs} of jitter. */
    static int passed(double hz, int n, double jitterMs, long seed) {
        RateLimit r = new RateLimit(P30);
        Random rnd = new Random(seed);
        int ok = 0;
        for (int i = 0; i < n; i++) {
            long t = Math.round(i * 1e9 / hz + (rnd.nextDouble() * 2 - 1) * jitterMs * 1e6);
            if (r.tryAcquire(1_000_000_000L + t)) ok++;
        }
        return ok;
    }

    @Test
    void aJitteryCameraAtTheLimitKeepsEveryFrameAndAFastOneIsCut() {
        assertEquals(300, passed(30, 300, 0, 1), "exact 30 Hz under a 30 Hz limit");
        assertEquals(300, passed(30, 300, 8, 2), "30 Hz with ±8 ms jitter: no frame lost");
        int fast = passed(218, 2180, 0, 3); // 10 s at 218 Hz
        assertTrue(fast >= 299 && fast <= 302, "a 218 Hz camera is cut to 30 Hz: " + fast + " in 10 s");
        assertEquals(300, passed(30, 300, 0, 4), "lock-step frames exactly one period apart all pass");
        RateLimit r = new RateLimit(P30);
        assertTrue(r.tryAcquire(10_000_000_000L));
        assertFalse(r.tryAcquire(10_001_000_000L));
        assertTrue(r.tryAcquire(1_000_000_000L), "a clock that went back (a restarted bag) starts afresh");
    }

    @Property(tries = 50)
    void neverMoreThanTheRateOverAWindow(@ForAll @IntRange(min = 1, max = 1000) int hz, @ForAll @IntRange(min = 0, max = 3) int jitterMs) {
        int n = hz * 3; // 3 s
        int ok = passed(hz, n, jitterMs, hz * 31L + jitterMs);
        // 90 periods in 3 s, one more for the first slot and one for the half period an event may come early
        assertTrue(ok <= 3 * 30 + 2, hz + " Hz: " + ok + " events in 3 s");
    }
}
