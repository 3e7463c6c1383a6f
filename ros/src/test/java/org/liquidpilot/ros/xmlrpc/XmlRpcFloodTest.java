package org.liquidpilot.ros.xmlrpc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.net.ConnectionGuard;
import org.liquidpilot.ros.net.Flood;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Floods and slow senders against the XML-RPC server (the master's and every node's): the server must keep
 * answering a well-behaved client, close slow connections at their deadlines, and answer bodies past its byte
 * budget with 503 instead of reading them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlRpcFloodTest {
    /** Availability bound for a good request under attack: generous for a loaded 2-core machine. */
    static final long ANSWER_MS = 1_000;

    static XmlRpcServer server(XmlRpcServer.Limits limits) throws IOException {
        return new XmlRpcServer((m, p) -> m.equals("size") ? ((String) p.get(0)).length() : List.of(m, p),
                InetAddress.getLoopbackAddress(), 0, "flood-xmlrpc", limits);
    }

    /** Time for a fresh client's call to be answered, in ms; fails the test when it is not answered. */
    static long timedCall(int port) throws Exception {
        long t0 = System.nanoTime();
        try (XmlRpcClient c = new XmlRpcClient(URI.create("http://127.0.0.1:" + port + "/"), 3_000, 5_000)) {
            assertEquals(List.of("getSystemState", List.of("/good")), c.call("getSystemState", "/good"));
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aSlowlorisOf600ConnectionsDoesNotLockOutAGoodClient() throws Exception {
        try (XmlRpcServer s = server(XmlRpcServer.Limits.DEFAULT);
             Flood flood = Flood.slowloris(s.port(), 600, "POST / HTTP/1.1\r\nHost: x\r\n", "X-a: b\r\n", 300, 15_000)) {
            assertEquals(600, flood.connected(), "every attacking connection was established");
            ConnectionGuard g = s.connections();
            int perAddress = XmlRpcServer.Limits.DEFAULT.connections().maxPerAddress();
            for (int i = 0; i < 3; i++) {
                int held = g.open();
                long ms = timedCall(s.port());
                System.out.printf("slowloris 600: good call answered in %d ms with %d attacking connections held%n", ms, held);
                assertTrue(held >= perAddress - 2, "the attack holds the server's connections: " + g);
                assertTrue(ms < ANSWER_MS, "answered in " + ms + " ms");
            }
            assertTrue(g.evicted() >= 600 - perAddress, "newcomers took the oldest half-sent requests' slots: " + g);
            assertTrue(g.peak() <= XmlRpcServer.Limits.DEFAULT.connections().maxConnections(), g::toString);
        }
    }

    @Test
    void sixHundredIdleSocketsDoNotLockOutAGoodClient() throws Exception {
        try (XmlRpcServer s = server(XmlRpcServer.Limits.DEFAULT); Flood flood = Flood.idle(s.port(), 600, 15_000)) {
            assertEquals(600, flood.connected());
            int held = s.connections().open();
            long ms = timedCall(s.port());
            System.out.printf("idle 600: good call answered in %d ms with %d idle connections held%n", ms, held);
            assertTrue(held >= XmlRpcServer.Limits.DEFAULT.connections().maxPerAddress() - 2, s.connections()::toString);
            assertTrue(ms < ANSWER_MS, "answered in " + ms + " ms");
        }
    }

    @Test
    void slowHeadsSlowBodiesAndIdleKeepAlivesAreClosedAtTheirDeadlines() throws Exception {
        XmlRpcServer.Limits limits = XmlRpcServer.Limits.DEFAULT.withDeadlines(400, 400, 400, 400);
        try (XmlRpcServer s = server(limits);
             Flood heads = Flood.slowloris(s.port(), 20, "POST / HTTP/1.1\r\n", "X: y\r\n", 50, 10_000);
             Flood bodies = Flood.slowloris(s.port(), 20, "POST / HTTP/1.1\r\nContent-Length: 100000\r\n\r\n<", "x", 50, 10_000);
             Flood silent = Flood.idle(s.port(), 20, 10_000);
             XmlRpcClient keepAlive = new XmlRpcClient(URI.create("http://127.0.0.1:" + s.port() + "/"))) {
            keepAlive.call("hello");
            long t0 = System.nanoTime();
            while (s.connections().open() > 0 && System.nanoTime() - t0 < 5_000_000_000L) Thread.sleep(20);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("deadlines of 400 ms: 60 slow or silent connections and an idle keep-alive all closed after %d ms; %s%n", ms, s.connections());
            assertEquals(0, s.connections().open(), "still open after " + ms + " ms: " + s.connections());
            assertTrue(s.connections().timedOut() >= 61, s.connections()::toString);
            assertEquals(List.of("again", List.of()), keepAlive.call("again"), "a closed keep-alive reconnects");
        }
    }

    @Test
    void concurrentLargeBodiesPastTheBudgetAreAnswered503AndTheBudgetHolds() throws Exception {
        ByteBudget budget = new ByteBudget(8 << 20);
        int size = 2 << 20;
        int clients = 30;
        XmlRpcServer.Limits limits = XmlRpcServer.Limits.DEFAULT.withBudget(budget, 4 << 20, 64 << 10);
        byte[] body = XmlRpcWriter.call("size", List.of("x".repeat(size - 200)));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (XmlRpcServer s = server(limits)) {
            CountDownLatch allSent = new CountDownLatch(clients);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) statuses.add(pool.submit(() -> bigRequest(s.port(), body, allSent)));
            assertTrue(allSent.await(20, TimeUnit.SECONDS));
            // while the accepted bodies hold the budget, small requests are still answered
            long ms = timedCall(s.port());
            assertTrue(ms < ANSWER_MS, "small request answered in " + ms + " ms");
            int ok = 0, refused = 0;
            for (Future<Integer> f : statuses) {
                int st = f.get(20, TimeUnit.SECONDS);
                if (st == 200) ok++;
                else if (st == 503) refused++;
            }
            System.out.printf("budget: %d x %d MB concurrent bodies -> %d answered, %d refused 503; peak %d of %d bytes%n",
                    clients, size >> 20, ok, refused, budget.peak(), budget.capacity());
            assertEquals(clients, ok + refused);
            assertTrue(ok >= 1 && ok <= 4, ok + " bodies fit an 8 MB budget at 2 MB each");
            assertTrue(refused >= clients - 4);
            assertTrue(budget.peak() <= budget.capacity());
            assertTrue(budget.peak() > 0);
            long t0 = System.nanoTime();
            while (budget.inUse() != 0 && System.nanoTime() - t0 < 2_000_000_000L) Thread.sleep(10);
            assertEquals(0, budget.inUse(), "every share is given back");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends the head, and when the server does not refuse at once, half of the body; waits for every client to
     * get that far (so the bodies are in flight together), then the rest. Returns the HTTP status.
     */
    private static int bigRequest(int port, byte[] body, CountDownLatch allSent) throws Exception {
        try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sock.setSoTimeout(300);
            try {
                int b = in.read();
                allSent.countDown();
                return b < 0 ? -1 : status(b, in);
            } catch (SocketTimeoutException accepted) {
                // the server is reading the body
            }
            out.write(body, 0, body.length / 2);
            out.flush();
            allSent.countDown();
            allSent.await(20, TimeUnit.SECONDS);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            sock.setSoTimeout(10_000);
            return status(in.read(), in);
        }
    }

    private static int status(int first, InputStream in) throws IOException {
        StringBuilder line = new StringBuilder().append((char) first);
        for (int c; (c = in.read()) > 0 && c != '\n'; ) line.append((char) c);
        String[] parts = line.toString().split(" ");
        return Integer.parseInt(parts[1]);
    }

    @Test
    void garbageConnectionsGetAnErrorOrAreClosedAndTheServerKeepsServing() throws Exception {
        Random random = new Random(42);
        try (XmlRpcServer s = server(XmlRpcServer.Limits.DEFAULT.withDeadlines(1_000, 1_000, 1_000, 1_000))) {
            List<String> openings = List.of("", "GET / HTTP/1.1\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n<<<<<<<<<<",
                    "POST / HTTP/1.1\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd", "\r\n\r\n\r\n");
            int answered = 0;
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[random.nextInt(600)];
                random.nextBytes(junk);
                try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
                    sock.setSoTimeout(3_000);
                    OutputStream out = sock.getOutputStream();
                    out.write(openings.get(i % openings.size()).getBytes(StandardCharsets.ISO_8859_1));
                    if (i % 3 != 0) out.write(junk);
                    sock.shutdownOutput();
                    byte[] reply = sock.getInputStream().readAllBytes();
                    if (reply.length > 0) {
                        answered++;
                        assertTrue(new String(reply, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 "), "a reply is HTTP");
                    }
                } catch (java.net.SocketException reset) {
                    // closed on us: fine
                }
            }
            assertTrue(answered > 0);
            assertTrue(timedCall(s.port()) < ANSWER_MS);
            long t0 = System.nanoTime();
            while (s.connections().open() > 0 && System.nanoTime() - t0 < 3_000_000_000L) Thread.sleep(20);
            assertEquals(0, s.connections().open(), "no garbage connection is left holding a slot");
        }
    }
}
