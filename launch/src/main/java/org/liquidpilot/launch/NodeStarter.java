package org.liquidpilot.launch;

import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;

import java.io.IOException;
import java.util.Map;

/**
 * Starts one node of a launch plan on a transport other than the ROS 1 master's (for example ROS 2 over DDS),
 * handing it the plan's parameters, since such a transport has no parameter server to set them in.
 */
@FunctionalInterface
public interface NodeStarter {
    /**
     * @param params every parameter of the plan, by resolved name ({@code /pilot/model}, {@code /use_sim_time})
     * @return the running node, after {@code main.onStart}
     */
    ConnectedNode start(NodeMain main, NodeSpec spec, Map<String, Object> params) throws IOException;
}
