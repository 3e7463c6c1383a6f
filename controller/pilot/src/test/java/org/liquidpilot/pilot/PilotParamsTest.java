package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The pilot node's parameters: one-line errors for bad values, the mavros handshake's settings. */
class PilotParamsTest {
    private static PilotParams params(String output, boolean offboard, boolean arm, double lossLandS, String lossMode) {
        return new PilotParams("", 30, 4, 1, 200, output, "base_link", SteeringMode.YAW_RATE, 30, 1, "raw",
                offboard, arm, lossLandS, lossMode, "car", false, "", 0);
    }

    private static String error(Runnable r) {
        String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void mavrosSettingsAreCheckedWithOneLineErrors() {
        assertEquals("~offboard needs ~output:=mavros", error(() -> params("twist", true, false, 3, "land")));
        assertEquals("~arm needs ~output:=mavros", error(() -> params("twist", false, true, 3, "land")));
        assertEquals("~loss_land_s must be 0.1..600, got 0.0", error(() -> params("mavros", false, false, 0, "land")));
        assertEquals("~loss_land_s must be 0.1..600, got NaN", error(() -> params("mavros", false, false, Double.NaN, "land")));
        assertEquals("~loss_mode must be land or loiter, got 'rtl'", error(() -> params("mavros", false, false, 3, "rtl")));
        assertEquals("~output must be twist, twist_stamped or mavros, got 'px4'", error(() -> params("px4", false, false, 3, "land")));
    }

    @Test
    void offboardConfigCarriesTheParams() {
        MavrosOffboard.Config c = params("mavros", true, true, 2.5, "loiter").offboardConfig();
        assertTrue(c.offboard());
        assertTrue(c.arm());
        assertEquals(2_500_000_000L, c.lossNanos());
        assertEquals("AUTO.LOITER", c.lossMode());
        assertEquals(1_500_000_000L, c.preStreamNanos());
        assertEquals(2_000_000_000L, c.retryNanos());
        assertEquals("AUTO.LAND", params("mavros", false, false, 3, "land").offboardConfig().lossMode());
        assertFalse(params("twist", false, false, 3, "land").offboardConfig().offboard());
    }
}
