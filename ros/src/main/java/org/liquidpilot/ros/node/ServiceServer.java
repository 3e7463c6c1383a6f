package org.liquidpilot.ros.node;

/** A service this node provides. */
public interface ServiceServer {
    String getName();

    /** Unregisters the service; later calls are refused. */
    void shutdown();
}
