package org.liquidpilot.sim.ros;

import org.junit.jupiter.api.Test;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.node.RosLog;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The freshness rule on a fake clock: what is dropped, what is applied, what is counted and logged. */
class CommandAgeCheckTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_700_000_000L));
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final RosLog log = new RosLog() {
        public void debug(String m) {}

        public void info(String m) {}

        public void warn(String m) {
            warnings.add(m);
        }

        public void error(String m) {}

        public void fatal(String m) {}
    };

    private Time ago(double seconds) {
        Instant t = now.get().minusNanos(Math.round(seconds * 1e9));
        return Time.ofNanos(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    @Test
    void aBurstOfStaleCommandsIsDroppedAndCountedAndLoggedSparingly() {
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0.5, now::get, log);
        // The burst a 10 s cut leaves in a socket: 300 commands, 10 s to 0.6 s old, arriving at once.
        for (int i = 0; i < 300; i++) assertFalse(check.accept(ago(10.0 - i * 0.0314)), "command " + i);
        assertEquals(300, check.dropped());
        assertEquals(0, check.accepted());
        assertTrue(warnings.size() <= 10, "at most one line per power of two: " + warnings.size());
        assertTrue(warnings.get(0).contains("10.000 s old"), warnings.get(0));
        assertTrue(check.accept(ago(0.02)), "a fresh command passes");
        assertEquals(1, check.accepted());
        assertEquals(0.02, check.oldestAppliedSeconds(), 1e-6);
        String resumed = warnings.get(warnings.size() - 1);
        assertTrue(resumed.contains("300 stale ones") && resumed.contains("300 dropped so far"), resumed);
    }

    @Test
    void theLimitIsInclusiveAndFutureStampsBeyondItAreDroppedToo() {
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0.5, now::get, log);
        assertTrue(check.accept(ago(0.5)));
        assertFalse(check.accept(ago(0.501)));
        assertTrue(check.accept(ago(-0.4)), "a sender's clock a little ahead is tolerated");
        assertFalse(check.accept(ago(-3)), "a stamp 3 s in the future: the clocks disagree, the age means nothing");
        assertTrue(warnings.stream().anyMatch(w -> w.contains("in the future")), warnings.toString());
        assertEquals(2, check.dropped());
    }

    @Test
    void unstampedCommandsAreAppliedAndCountedAsSuch() {
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0.5, now::get, log);
        assertTrue(check.accept(Time.ZERO));
        assertEquals(1, check.unstamped());
        assertFalse(check.expired(Time.ZERO));
    }

    @Test
    void beforeSimulatedTimeStartsNothingCanBeJudged() {
        now.set(Instant.EPOCH); // /use_sim_time, no /clock yet
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0.5, now::get, log);
        assertTrue(check.accept(Time.ofSeconds(1.0)));
        assertFalse(check.expired(Time.ofSeconds(1.0)));
        now.set(Instant.ofEpochSecond(3));
        assertFalse(check.accept(Time.ofSeconds(1.0)), "once the clock runs, a 2 s old command is stale");
    }

    @Test
    void zeroTurnsTheCheckOff() {
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0, now::get, log);
        assertTrue(check.accept(ago(3600)));
        assertFalse(check.expired(ago(3600)));
        assertEquals(0, check.dropped());
    }

    @Test
    void aHeldCommandExpiresWhenItIsOlderThanTheLimit() {
        CommandAgeCheck check = new CommandAgeCheck("/cmd", 0.5, now::get, log);
        Time stamp = ago(0.1);
        assertTrue(check.accept(stamp));
        assertFalse(check.expired(stamp));
        now.set(now.get().plusMillis(399));
        assertFalse(check.expired(stamp), "0.499 s old");
        now.set(now.get().plusMillis(2));
        assertTrue(check.expired(stamp), "0.501 s old");
    }

    @Test
    void outOfRangeLimitsAreOneLineErrors() {
        for (double bad : new double[] {-0.1, 61, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CommandAgeCheck("/cmd", bad, now::get, log));
            assertTrue(e.getMessage().startsWith("~max_command_age must be 0 (off) to 60 s"), e.getMessage());
        }
    }
}
