package org.liquidpilot.launch;

import org.liquidpilot.ros.master.EmbeddedMaster;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeConfiguration;
import org.liquidpilot.ros.node.NodeMain;
import org.liquidpilot.ros.node.RosNodes;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LaunchPlan} in this JVM, like roslaunch: an embedded master when none answers at the master URI,
 * parameters set (after clearing the namespaces asked for), then every node started from the {@link NodeRegistry}.
 * A watcher restarts {@code respawn} nodes that shut down and ends the launch when a {@code required} node does.
 * <p>
 * In-process nodes share the JVM's environment: a node's {@code <env>} cannot change it and is reported, not
 * applied. With a {@link NodeStarter} the nodes start on that starter's transport instead (no master, the plan's
 * parameters handed to each node).
 */
public final class LaunchRunner implements AutoCloseable {
    private static final long WATCH_PERIOD_MS = 100;

    private final LaunchPlan plan;
    private final NodeRegistry registry;
    private final PrintStream log;
    private final Map<NodeSpec, ConnectedNode> running = new LinkedHashMap<>();
    private final Map<NodeSpec, NodeMain> mains = new LinkedHashMap<>();
    private final Map<NodeSpec, Long> respawnAt = new LinkedHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private EmbeddedMaster master;
    private URI masterUri;
    private ConnectedNode launcher;
    private Thread watcher;
    private volatile String endReason;
    private volatile boolean closing;
    private final NodeStarter starter;

    public LaunchRunner(LaunchPlan plan, NodeRegistry registry, PrintStream log) {
        this(plan, registry, log, null);
    }

    /** @param starter starts each node; null for ROS 1 through the master given to {@link #start} */
    public LaunchRunner(LaunchPlan plan, NodeRegistry registry, PrintStream log, NodeStarter starter) {
        this.plan = plan;
        this.registry = registry;
        this.log = log;
        this.starter = starter;
    }

    /**
     * Starts the master if needed, sets parameters and starts every node. On failure everything started so far is
     * shut down again.
     *
     * @param masterUri where the master is or should be; port 0 starts an embedded one on a free port
     */
    public synchronized void start(URI masterUri) throws IOException {
        try {
            for (NodeSpec n : plan.nodes()) {
                if (!registry.knows(n.pkg(), n.type())) registry.create(n);  // fails with the location and the known types
            }
            if (starter != null) {
                for (NodeSpec spec : plan.nodes()) startNode(spec);
            } else if (masterUri.getPort() <= 0 || !answers(masterUri)) {
                int port = Math.max(masterUri.getPort(), 0);
                master = EmbeddedMaster.start(port);
                this.masterUri = master.uri();
                log.println("started embedded master at " + this.masterUri);
            } else {
                this.masterUri = masterUri;
                log.println("using master at " + masterUri);
            }
            if (starter == null) startOnMaster();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        watcher = new Thread(this::watch, "launch-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void startOnMaster() throws IOException {
        launcher = RosNodes.start(NodeConfiguration.forMaster(this.masterUri, "roslaunch_" + ProcessHandle.current().pid()));
        var params = launcher.getParameterTree();
        for (String ns : plan.clearParams()) if (params.has(ns)) params.delete(ns);
        for (String name : plan.deleteParams()) if (params.has(name)) params.delete(name);
        plan.params().forEach(params::set);
        for (NodeSpec spec : plan.nodes()) startNode(spec);
    }

    public URI masterUri() {
        return masterUri;
    }

    /** The running node for a full name such as {@code /pilot}, or null. */
    public synchronized ConnectedNode node(String fullName) {
        return running.entrySet().stream().filter(e -> e.getKey().fullName().equals(fullName)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The NodeMain behind a running node, for in-process callers (the demo reads the pilot's state this way). */
    public synchronized NodeMain main(String fullName) {
        return mains.entrySet().stream().filter(e -> e.getKey().fullName().equals(fullName)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private void startNode(NodeSpec spec) throws IOException {
        NodeMain main = registry.create(spec);
        if (!spec.env().isEmpty()) log.println("note: " + spec.fullName() + " runs in-process; <env> " + spec.env().keySet() + " not applied");
        ConnectedNode node = starter != null ? starter.start(main, spec, plan.params())
                : RosNodes.execute(main, new NodeConfiguration(masterUri, "127.0.0.1", spec.namespace(), spec.name(), spec.remaps(), Map.of(), spec.args()));
        running.put(spec, node);
        mains.put(spec, main);
        log.println("started " + spec.fullName() + " (" + spec.pkg() + "/" + spec.type() + ")");
    }

    private void watch() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closing) return;
                for (NodeSpec spec : plan.nodes()) {
                    ConnectedNode node = running.get(spec);
                    if (node == null || !node.isShutdown()) {
                        if (node == null && respawnAt.containsKey(spec) && System.nanoTime() >= respawnAt.get(spec)) restart(spec);
                        continue;
                    }
                    running.remove(spec);
                    if (spec.required()) {
                        end("required node " + spec.fullName() + " shut down");
                        return;
                    }
                    if (spec.respawn()) {
                        log.println(spec.fullName() + " shut down; respawning in " + spec.respawnDelay() + " s");
                        respawnAt.put(spec, System.nanoTime() + (long) (spec.respawnDelay() * 1e9));
                    } else {
                        log.println(spec.fullName() + " shut down");
                    }
                }
            }
        }
    }

    private void restart(NodeSpec spec) {
        respawnAt.remove(spec);
        try {
            startNode(spec);
        } catch (IOException | RuntimeException e) {
            log.println("respawn of " + spec.fullName() + " failed: " + e.getMessage() + "; trying again");
            respawnAt.put(spec, System.nanoTime() + (long) (Math.max(spec.respawnDelay(), 1.0) * 1e9));
        }
    }

    private void end(String reason) {
        endReason = reason;
        finished.countDown();
    }

    /** Blocks until a required node ends the launch or {@link #close} is called; returns why it ended. */
    public String awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit) ? endReason : null;
    }

    /** Whether every node of the plan is currently running. */
    public synchronized boolean allRunning() {
        return plan.nodes().stream().allMatch(n -> running.containsKey(n) && !running.get(n).isShutdown());
    }

    /** Shuts down nodes in reverse start order, then the launcher's own node and the embedded master. */
    @Override
    public void close() {
        closing = true;
        List<ConnectedNode> nodes;
        synchronized (this) {
            nodes = new ArrayList<>(running.values());
            running.clear();
        }
        java.util.Collections.reverse(nodes);
        for (ConnectedNode n : nodes) {
            try {
                n.shutdown();
            } catch (RuntimeException e) {
                log.println("shutdown of " + n.getName() + ": " + e.getMessage());
            }
        }
        if (launcher != null) launcher.shutdown();
        if (master != null) master.close();
        if (watcher != null) watcher.interrupt();
        if (endReason == null) endReason = "closed";
        finished.countDown();
    }

    /** True when something accepts TCP connections at the URI's host and port. */
    static boolean answers(URI uri) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
