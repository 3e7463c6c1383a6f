package org.liquidpilot.launch;

import org.liquidpilot.ros.msg.geometry_msgs.Twist;
import org.liquidpilot.ros.node.ConnectedNode;
import org.liquidpilot.ros.node.NodeMain;

/** Copies geometry_msgs/Twist from {@code in} to {@code out} (topic_tools relay for one type); remap both. */
public final class TwistRelayNode implements NodeMain {
    @Override
    public String getDefaultNodeName() {
        return "relay";
    }

    @Override
    public void onStart(ConnectedNode node) {
        var out = node.newPublisher("out", Twist.CODEC);
        node.newSubscriber("in", Twist.CODEC).addMessageListener(out::publish);
    }
}
