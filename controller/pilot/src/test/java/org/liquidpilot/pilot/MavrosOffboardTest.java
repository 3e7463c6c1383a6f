package org.liquidpilot.pilot;

import org.junit.jupiter.api.Test;
import org.liquidpilot.pilot.MavrosOffboard.Request;
import org.liquidpilot.ros.msg.Time;
import org.liquidpilot.ros.msg.mavros_msgs.State;
import org.liquidpilot.ros.msg.std_msgs.Header;

import static org.junit.jupiter.api.Assertions.*;

/** The OFFBOARD handshake's rules on a fake clock (ms), without ROS. */
class MavrosOffboardTest {
    private static final long MS = 1_000_000L;

    private static MavrosOffboard offboard(boolean offboard, boolean arm) {
        return new MavrosOffboard(new MavrosOffboard.Config(offboard, arm, 1000 * MS, 2000 * MS, 3000 * MS, MavrosOffboard.AUTO_LAND));
    }

    private static State state(boolean connected, boolean armed, String mode) {
        return new State(Header.of(Time.ofSeconds(1), ""), connected, armed, false, false, mode, 0);
    }

    /** Ticks every 50 ms from {@code from} to {@code to} (ms) and returns the first request, with its time. */
    private static long firstRequest(MavrosOffboard o, long from, long to, boolean usable, Request[] out) {
        for (long t = from; t <= to; t += 50) {
            Request r = o.afterSetpoint(t * MS, usable, true, true);
            if (r != null) {
                out[0] = r;
                return t;
            }
        }
        return -1;
    }

    @Test
    void hoversUnlessConnectedArmedAndOffboard() {
        MavrosOffboard o = offboard(false, false);
        assertFalse(o.mayFly(), "no state yet");
        assertTrue(o.status().startsWith("mavros: no state yet"), o.status());
        o.onState(state(false, true, "OFFBOARD"));
        assertFalse(o.mayFly(), "not connected");
        o.onState(state(true, false, "OFFBOARD"));
        assertFalse(o.mayFly(), "disarmed");
        o.onState(state(true, true, "POSCTL"));
        assertFalse(o.mayFly(), "not OFFBOARD");
        assertTrue(o.status().contains("waiting for OFFBOARD (mode POSCTL, armed)"), o.status());
        o.onState(state(true, true, "OFFBOARD"));
        assertTrue(o.mayFly());
        assertEquals("mavros: OFFBOARD armed, flying", o.status());
    }

    @Test
    void neverRequestsAnythingUnasked() {
        MavrosOffboard o = offboard(false, false);
        o.onState(state(true, false, "POSCTL"));
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 20_000, true, r));
        o.onState(state(true, false, "OFFBOARD"));
        assertEquals(-1, firstRequest(o, 20_000, 40_000, true, r), "no arming without arm");
    }

    @Test
    void offboardAfterMoreThanOneSecondOfSetpointsThenRetriesEveryTwoSeconds() {
        MavrosOffboard o = offboard(true, false);
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 3000, true, r), "no state, no request");
        o.onState(state(true, false, "POSCTL"));
        long t = firstRequest(o, 3050, 10_000, true, r);
        assertEquals(3050, t, "streaming started at 0, so it may ask at once");
        assertEquals(Request.SET_OFFBOARD, r[0]);
        assertNull(o.afterSetpoint(9000 * MS, true, true, true), "one request in flight at a time");
        o.requestDone(Request.SET_OFFBOARD, false, "refused");
        assertTrue(o.status().contains("set_mode OFFBOARD failed: refused"), o.status());
        assertEquals(5050, firstRequest(o, 3100, 10_000, true, r), "retried 2 s after the last request");

        MavrosOffboard fresh = offboard(true, false);
        fresh.onState(state(true, false, "POSCTL"));
        assertEquals(1050, firstRequest(fresh, 0, 5000, true, r), "more than 1 s of setpoints first");
    }

    @Test
    void thePreStreamCountsOnlySetpointsThatReachedMavrosWithoutABreak() {
        MavrosOffboard o = offboard(true, false);
        o.onState(state(true, false, "POSCTL"));
        for (long t = 0; t < 5000; t += 50) assertNull(o.afterSetpoint(t * MS, true, true, false), "nobody subscribed yet");
        for (long t = 5000; t <= 5900; t += 50) assertNull(o.afterSetpoint(t * MS, true, true, true), "0.9 s delivered");
        assertNull(o.afterSetpoint(5950 * MS, true, true, false), "mavros went away: the stream starts over");
        Request[] r = new Request[1];
        assertEquals(7050, firstRequest(o, 6000, 10_000, true, r), "more than 1 s after delivery resumed at 6000 ms");
    }

    @Test
    void noOffboardRequestWithoutUsableInputOrWhenDisabled() {
        MavrosOffboard o = offboard(true, true);
        o.onState(state(true, false, "POSCTL"));
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 5000, false, r), "the pilot cannot fly: do not take the vehicle");
        for (long t = 5000; t < 8000; t += 50) assertNull(o.afterSetpoint(t * MS, true, false, true), "disabled");
        assertEquals(8000, firstRequest(o, 8000, 9000, true, r));
    }

    @Test
    void armsOnlyInOffboardAndOnlyWhenAsked() {
        MavrosOffboard o = offboard(true, true);
        o.onState(state(true, false, "POSCTL"));
        Request[] r = new Request[1];
        firstRequest(o, 0, 5000, true, r);
        assertEquals(Request.SET_OFFBOARD, r[0], "mode first: arming in POSCTL would hand the vehicle to the sticks");
        o.requestDone(Request.SET_OFFBOARD, true, "");
        o.onState(state(true, false, "OFFBOARD"));
        assertEquals(1100, firstRequest(o, 1100, 5000, true, r));
        assertEquals(Request.ARM, r[0]);
        o.requestDone(Request.ARM, true, "");
        o.onState(state(true, true, "OFFBOARD"));
        assertTrue(o.mayFly());
        assertEquals(-1, firstRequest(o, 1200, 20_000, true, r), "nothing more to ask");
    }

    @Test
    void operatorTakeOverIsNotUndone() {
        MavrosOffboard o = offboard(true, true);
        o.onState(state(true, true, "OFFBOARD"));
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 3000, true, r));
        o.onState(state(true, true, "POSCTL"));     // the operator flips the mode switch
        assertEquals(-1, firstRequest(o, 3000, 20_000, true, r), "no OFFBOARD request after a hand-over");
        assertTrue(o.status().contains("handed over (mode POSCTL)"), o.status());
        o.onState(state(true, false, "POSCTL"));
        assertEquals(-1, firstRequest(o, 20_000, 30_000, true, r), "nor arming");
        o.reengage();                                 // ~enable false -> true
        assertEquals(30_000, firstRequest(o, 30_000, 31_000, true, r));
        assertEquals(Request.SET_OFFBOARD, r[0]);
    }

    @Test
    void inputLossInOffboardRequestsLandOncePerEpisodeEvenWithoutOffboard() {
        MavrosOffboard o = offboard(false, false);
        o.onState(state(true, true, "OFFBOARD"));
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 1000, true, r));
        assertEquals(4050, firstRequest(o, 1050, 10_000, false, r), "3 s after the input was first seen stale");
        assertEquals(Request.SET_LOSS_MODE, r[0]);
        assertEquals("set_mode AUTO.LAND", o.describe(r[0]));
        assertEquals("AUTO.LAND", o.modeOf(r[0]));
        o.requestDone(r[0], true, "");
        assertTrue(o.status().contains("input lost, AUTO.LAND requested"), o.status());
        assertEquals(-1, firstRequest(o, 4100, 20_000, false, r), "once per episode, even if the mode did not change");
        // input back, lost again: a new episode
        assertNull(o.afterSetpoint(20_050 * MS, true, true, true));
        assertEquals(23_100, firstRequest(o, 20_100, 30_000, false, r));
    }

    @Test
    void failedLossRequestIsRetriedAndLoiterCanBeChosen() {
        MavrosOffboard o = new MavrosOffboard(new MavrosOffboard.Config(false, false, 1000 * MS, 2000 * MS, 1000 * MS, MavrosOffboard.AUTO_LOITER));
        o.onState(state(true, true, "OFFBOARD"));
        Request[] r = new Request[1];
        assertEquals(1000, firstRequest(o, 0, 5000, false, r));
        assertEquals("AUTO.LOITER", o.modeOf(r[0]));
        o.requestDone(r[0], false, "service [/mavros/set_mode] is not available");
        assertEquals(3000, firstRequest(o, 1050, 5000, false, r), "retried after the retry interval");
    }

    @Test
    void noLossRequestOutsideOffboardOrWhenDisabled() {
        MavrosOffboard o = offboard(false, false);
        o.onState(state(true, true, "POSCTL"));
        Request[] r = new Request[1];
        assertEquals(-1, firstRequest(o, 0, 10_000, false, r), "not our vehicle");
        o.onState(state(true, true, "OFFBOARD"));
        for (long t = 10_000; t < 20_000; t += 50) assertNull(o.afterSetpoint(t * MS, false, false, true), "disabled is not a loss");
        o.onState(state(true, true, "POSCTL"));
        o.onState(state(true, true, "OFFBOARD"));
        assertEquals(23_000, firstRequest(o, 20_000, 30_000, false, r), "the stale time counts again from OFFBOARD");
    }
}
