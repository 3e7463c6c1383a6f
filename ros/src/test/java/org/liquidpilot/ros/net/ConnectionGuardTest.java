package org.liquidpilot.ros.net;

import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionGuardTest {
    static final InetAddress A = address(127, 0, 0, 1);
    static final InetAddress B = address(127, 0, 0, 2);
    static final InetAddress REMOTE = address(127, 0, 0, 9);

    static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A connection that only records being closed. */
    static final class Conn implements Closeable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aNewcomerAtTheAddressCapTakesTheSlotOfTheOldestIdleOrHalfSentConnection() throws Exception {
        try (ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(10, 3, 0))) {
            List<Conn> conns = new ArrayList<>();
            List<ConnectionGuard.Slot> slots = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Conn c = new Conn();
                conns.add(c);
                slots.add(g.admit(c, A, 60_000));
                Thread.sleep(2);
            }
            slots.get(0).busy(60_000);      // being answered: never dropped
            slots.get(2).idle(60_000);      // idle since now: younger than slot 1's half-sent request
            Conn late = new Conn();
            assertNotNull(g.admit(late, A, 60_000));
            assertTrue(conns.get(1).closed, "the oldest half-sent request goes first");
            assertFalse(conns.get(0).closed || conns.get(2).closed || late.closed);
            assertEquals(3, g.open());
            assertEquals(1, g.evicted());
            // another address is not affected by A's cap
            assertNotNull(g.admit(new Conn(), B, 60_000));
            assertEquals(4, g.open());
        }
    }

    @Test
    void whenEverySlotIsBusyTheNewcomerIsRefused() {
        try (ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(2, 2, 0))) {
            g.admit(new Conn(), A, 60_000).busy(60_000);
            g.admit(new Conn(), A, 60_000).busy(60_000);
            Conn c = new Conn();
            assertNull(g.admit(c, A, 60_000));
            assertTrue(c.closed);
            assertEquals(1, g.refused());
        }
    }

    @Test
    void aRemoteFloodCannotTakeTheSlotsKeptForThisHost() {
        try (ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(10, 10, 3), a -> !a.equals(REMOTE))) {
            for (int i = 0; i < 50; i++) assertNotNull(g.admit(new Conn(), REMOTE, 60_000));
            assertEquals(7, g.open(), "remote connections stop at the cap less the local reserve");
            List<Conn> local = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Conn c = new Conn();
                local.add(c);
                g.admit(c, A, 60_000).busy(60_000);
            }
            assertEquals(10, g.open());
            assertEquals(43, g.evicted(), "only remote connections made room so far");
            // remote newcomers keep evicting each other, never the local graph's connections
            for (int i = 0; i < 20; i++) assertNotNull(g.admit(new Conn(), REMOTE, 60_000));
            assertTrue(local.stream().noneMatch(c -> c.closed));
        }
    }

    @Test
    void connectionsPastTheirDeadlineAreClosed() throws Exception {
        try (ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(10, 10, 0))) {
            Conn slow = new Conn();
            ConnectionGuard.Slot s = g.admit(slow, A, 150);
            Conn patient = new Conn();
            g.admit(patient, A, 60_000).idle(ConnectionGuard.NEVER);
            long t0 = System.nanoTime();
            while (!slow.closed && System.nanoTime() - t0 < 5_000_000_000L) Thread.sleep(10);
            assertTrue(slow.closed, "the reaper closes a connection past its deadline");
            assertTrue(s.timedOut() && s.closedByGuard());
            assertFalse(patient.closed);
            assertEquals(1, g.timedOut());
            assertEquals(1, g.open());
        }
    }

    @Test
    void continueReadingKeepsTheRequestsPlaceInLine() throws Exception {
        try (ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(2, 2, 0))) {
            Conn first = new Conn();
            ConnectionGuard.Slot s1 = g.admit(first, A, 60_000);
            Thread.sleep(5);
            Conn second = new Conn();
            g.admit(second, A, 60_000);
            Thread.sleep(5);
            s1.continueReading(60_000); // head done, body started: the request is still the oldest
            g.admit(new Conn(), A, 60_000);
            assertTrue(first.closed);
            assertFalse(second.closed);
        }
    }

    @Test
    void closeClosesEverythingAndRefusesLaterAdmissions() {
        ConnectionGuard g = new ConnectionGuard("t", new ConnectionGuard.Limits(4, 4, 0));
        Conn c = new Conn();
        g.admit(c, A, 60_000);
        g.close();
        assertTrue(c.closed);
        Conn late = new Conn();
        assertNull(g.admit(late, A, 60_000));
        assertTrue(late.closed);
    }
}
