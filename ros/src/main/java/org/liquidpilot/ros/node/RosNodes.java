package org.liquidpilot.ros.node;

import java.io.IOException;

/** The one way to start nodes (rosjava's NodeMainExecutor, without the executor object). */
public final class RosNodes {
    private RosNodes() {}

    /** Connects a node to its master and returns it; nothing else runs until you create publishers and the like. */
    public static ConnectedNode start(NodeConfiguration config) throws IOException {
        return new DefaultNode(config);
    }

    /** Starts a node for {@code main} and calls its onStart on this thread; onShutdown runs at shutdown. */
    public static ConnectedNode execute(NodeMain main, NodeConfiguration config) throws IOException {
        DefaultNode node = new DefaultNode(config);
        node.setMain(main);
        try {
            main.onStart(node);
        } catch (RuntimeException e) {
            node.shutdown();
            throw e;
        }
        return node;
    }

    /** {@link #execute(NodeMain, NodeConfiguration)} with ROS's environment and command-line conventions. */
    public static ConnectedNode execute(NodeMain main, String... args) throws IOException {
        return execute(main, NodeConfiguration.fromArgs(main.getDefaultNodeName(), args));
    }
}
