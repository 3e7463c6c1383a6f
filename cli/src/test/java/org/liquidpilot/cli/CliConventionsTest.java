package org.liquidpilot.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The CLI's own conventions: unknown commands and empty list options. */
class CliConventionsTest {

    @Test
    void anUnknownCommandIsNamedWithTheNearestOneAndExitsTwo() {
        CliRun r = CliRun.of("deom");
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.contains("unknown command 'deom'") && first.contains("demo"), first);
        CliRun sub = CliRun.of("sim", "swep");
        assertEquals(2, sub.code());
        assertTrue(sub.err().contains("unknown command 'swep'") && sub.err().contains("sweep"), sub.err());
        CliRun none = CliRun.of("nosuchcommand");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("liquidpilot: unknown command 'nosuchcommand'"), none.err());
        assertFalse(none.out().contains("Usage"), "no help page on stdout for a typo");
    }

    @Test
    void anEmptySweepSkipsItAndABadRateIsOneLine() {
        CliRun r = CliRun.of("ros", "bench", "--rates", "100", "--seconds", "0.3", "--sweep=");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("loss-free sweep"), r.out());
        assertEquals(java.util.List.of(), RosBenchCommand.parseRates(""));
        assertEquals(java.util.List.of(100.0, 200.0), RosBenchCommand.parseRates("100, 200"));
        CliRun bad = CliRun.of("ros", "bench", "--sweep", "100,x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not 'x'") && bad.err().strip().lines().count() <= 2, bad.err());
    }
}
