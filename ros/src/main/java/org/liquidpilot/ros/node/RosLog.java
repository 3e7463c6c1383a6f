package org.liquidpilot.ros.node;

/** A node's log: each line goes to /rosout (rosgraph_msgs/Log) and to java.util.logging. */
public interface RosLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    void fatal(String message);
}
