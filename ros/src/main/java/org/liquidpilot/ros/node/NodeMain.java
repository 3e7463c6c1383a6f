package org.liquidpilot.ros.node;

/**
 * A program that runs as one ROS node, shaped like rosjava's NodeMain: {@link RosNodes#execute} connects it to
 * the master and calls {@link #onStart}; {@link #onShutdown} runs once when the node shuts down.
 */
public interface NodeMain {
    /** The node's name when the command line gives no {@code __name:=}. */
    String getDefaultNodeName();

    /** Called once the node is registered with the master; create publishers, subscribers and services here. */
    void onStart(ConnectedNode node);

    /** Called once when the node shuts down, before its publishers and subscribers close. */
    default void onShutdown(ConnectedNode node) {}
}
