package org.liquidpilot.ros.master;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liquidpilot.ros.msg.std_msgs.StringMessage;
import org.liquidpilot.ros.net.Flood;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.Publisher;
import org.liquidpilot.ros.node.RosNodes;
import org.liquidpilot.ros.tools.GraphState;
import org.liquidpilot.ros.xmlrpc.ByteBudget;
import org.liquidpilot.ros.xmlrpc.RosApi;
import org.liquidpilot.ros.xmlrpc.XmlRpcClient;
import org.liquidpilot.ros.xmlrpc.XmlRpcServer;
import org.liquidpilot.ros.xmlrpc.XmlRpcWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The master under the audit's attacks, scaled to what a unit test can afford. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MasterFloodTest {
    /** Availability bound under attack: generous for a loaded 2-core machine. */
    static final long ANSWER_MS = 1_000;

    private static long timedTopicList(EmbeddedMaster m) throws IOException {
        long t0 = System.nanoTime();
        GraphState g = GraphState.query(m.uri(), "/good_client");
        assertTrue(g.topics().size() >= 0);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void aTopicListIsAnsweredWithinOneSecondUnderA600ConnectionSlowloris() throws Exception {
        try (EmbeddedMaster m = EmbeddedMaster.start(0);
             Flood flood = Flood.slowloris(m.port(), 600, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n", "X-Slow: 1\r\n", 300, 15_000)) {
            assertEquals(600, flood.connected());
            for (int i = 0; i < 3; i++) {
                int held = m.server().connections().open();
                long ms = timedTopicList(m);
                System.out.printf("master slowloris 600: topic list (getSystemState + getTopicTypes) in %d ms, %d attacking connections held%n", ms, held);
                assertTrue(held >= 190, "the attack holds the master's connections: " + m.server().connections());
                assertTrue(ms < ANSWER_MS, "answered in " + ms + " ms");
            }
        }
    }

    @Test
    void concurrentLargeBodiesAreAnswered503PastTheBudgetAndTheMasterKeepsServing() throws Exception {
        ByteBudget budget = new ByteBudget(16 << 20);
        int size = 4 << 20;
        int clients = 40;
        XmlRpcServer.Limits limits = XmlRpcServer.Limits.DEFAULT.withBudget(budget, size + 4096, 64 << 10);
        byte[] body = XmlRpcWriter.call("setParam", List.of("/attacker", "/big", "x".repeat(size - 400)));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (EmbeddedMaster m = EmbeddedMaster.start(InetAddress.getLoopbackAddress(), 0, "127.0.0.1", limits)) {
            CountDownLatch allSent = new CountDownLatch(clients);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) statuses.add(pool.submit(() -> bigRequest(m.port(), body, allSent)));
            assertTrue(allSent.await(20, TimeUnit.SECONDS));
            long ms = timedTopicList(m);
            assertTrue(ms < ANSWER_MS, "a small request while the budget is full: " + ms + " ms");
            int ok = 0, refused = 0;
            for (Future<Integer> f : statuses) {
                int st = f.get(20, TimeUnit.SECONDS);
                if (st == 200) ok++;
                else if (st == 503) refused++;
            }
            System.out.printf("master budget: %d concurrent %d MB setParam bodies -> %d set, %d refused 503, peak %d of %d budget bytes%n",
                    clients, size >> 20, ok, refused, budget.peak(), budget.capacity());
            assertEquals(clients, ok + refused, "every request got 200 or 503, none was dropped or crashed a thread");
            assertTrue(ok >= 1 && ok <= 4, ok + " of 4 MB fit a 16 MB budget");
            assertTrue(budget.peak() <= budget.capacity());
            try (XmlRpcClient c = new XmlRpcClient(m.uri())) {
                assertEquals(size - 400, ((String) RosApi.value(c.call("getParam", "/good", "/big"))).length());
            }
            long t0 = System.nanoTime();
            while (budget.inUse() != 0 && System.nanoTime() - t0 < 2_000_000_000L) Thread.sleep(10);
            assertEquals(0, budget.inUse());
        } finally {
            pool.shutdownNow();
        }
    }

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
                return status(b, in);
            } catch (SocketTimeoutException accepted) {
                // reading our body
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
        if (first < 0) return -1;
        StringBuilder line = new StringBuilder().append((char) first);
        for (int c; (c = in.read()) > 0 && c != '\n'; ) line.append((char) c);
        return Integer.parseInt(line.toString().split(" ")[1]);
    }

    @Test
    void subscribersWithDeadCallbacksKeepNotificationThreadsBoundedAndTheMasterResponsive() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<ServerSocket> silent = new ArrayList<>();
        List<ConnectedNode> nodes = new ArrayList<>();
        XmlRpcServer recorder = null;
        try (EmbeddedMaster m = EmbeddedMaster.start(0); XmlRpcClient c = new XmlRpcClient(m.uri())) {
            // 2,500 registrations at 50 ports where nothing listens, 500 at 20 listeners that never answer
            List<Integer> deadPorts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    deadPorts.add(s.getLocalPort());
                }
            }
            for (int i = 0; i < 20; i++) silent.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            List<Object> calls = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String api = i < 2500 ? "http://127.0.0.1:" + deadPorts.get(i % 50) + "/dead" + i
                        : "http://127.0.0.1:" + silent.get(i % 20).getLocalPort() + "/silent" + i;
                calls.add(Map.of("methodName", "registerSubscriber", "params", List.of("/dead_" + i, "/dead/topic", "std_msgs/String", api)));
                if (calls.size() == 500) {
                    c.call("system.multicall", List.of(calls));
                    calls = new ArrayList<>();
                }
            }
            // a bare slave API that records when the master's publisherUpdate reaches it
            AtomicLong toldAt = new AtomicLong();
            recorder = new XmlRpcServer((method, args) -> {
                if (method.equals("publisherUpdate")) toldAt.compareAndSet(0, System.nanoTime());
                return List.of(1, "", 0);
            }, InetAddress.getLoopbackAddress(), 0, "live-recorder");
            c.call("registerSubscriber", "/live_recorder", "/dead/topic", "std_msgs/String", "http://127.0.0.1:" + recorder.port() + "/");
            ConnectedNode live = RosNodes.start(NodeConfiguration.forMaster(m.uri(), "live_sub"));
            nodes.add(live);
            AtomicLong firstMessageAt = new AtomicLong();
            live.newSubscriber("/dead/topic", StringMessage.CODEC).addMessageListener(msg -> firstMessageAt.compareAndSet(0, System.nanoTime()));
            ConnectedNode pubNode = RosNodes.start(NodeConfiguration.forMaster(m.uri(), "dead_topic_pub"));
            nodes.add(pubNode);
            int before = threads.getThreadCount();
            long t0 = System.nanoTime();
            Publisher<StringMessage> p = pubNode.newPublisher("/dead/topic", StringMessage.CODEC); // 3,001 publisherUpdates
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(() -> p.publish(new StringMessage("to the live one")), 0, 10, TimeUnit.MILLISECONDS);
            int peak = before;
            long worstAnswer = 0;
            try {
                while (System.nanoTime() - t0 < 3_000_000_000L || (firstMessageAt.get() == 0 && System.nanoTime() - t0 < 10_000_000_000L)) {
                    peak = Math.max(peak, threads.getThreadCount());
                    worstAnswer = Math.max(worstAnswer, timedTopicList(m));
                    Thread.sleep(100);
                }
            } finally {
                ticker.shutdownNow();
            }
            long liveMs = firstMessageAt.get() == 0 ? -1 : (firstMessageAt.get() - t0) / 1_000_000;
            long toldMs = toldAt.get() == 0 ? -1 : (toldAt.get() - t0) / 1_000_000;
            Notifier n = m.notifier();
            System.out.printf("3,000 dead callbacks: threads %d -> peak %d; master answered within %d ms; a live slave API told"
                            + " after %d ms; live subscriber's first message after %d ms; notifications delivered %d, failed %d, dropped %d%n",
                    before, peak, worstAnswer, toldMs, liveMs, n.delivered(), n.failed(), n.dropped());
            assertTrue(toldMs >= 0 && toldMs < 3_000, "the live slave API was told after " + toldMs + " ms");
            assertTrue(peak - before <= 12, "threads went from " + before + " to " + peak + " (this test's publishing thread included)");
            assertTrue(worstAnswer < ANSWER_MS, "the master answered within " + worstAnswer + " ms");
            assertTrue(liveMs >= 0 && liveMs < 5_000, "the live subscriber was told within " + liveMs + " ms");
            assertTrue(n.failed() >= 50, "the dead callbacks were tried: " + n.failed());
            assertTrue(n.inFlight() <= Notifier.MAX_IN_FLIGHT);
        } finally {
            nodes.forEach(ConnectedNode::shutdown);
            if (recorder != null) recorder.close();
            for (ServerSocket s : silent) s.close();
        }
    }
}
